import { languageOf } from '../language.ts';
import type { CompileRequest, CompileResult } from '../types.ts';
import { parseClangDiagnostics } from './diagnostics.ts';
import { fileTree, treePathOf } from './file-tree.ts';
import type { Clang } from './load-clang.ts';
import { preludeFits } from './prelude-pch.ts';
import type { PreludeHeaders } from './prelude-pch.ts';
import type { Tree } from '@yowasp/clang';

/** Where the module lands in the compiler's file tree (a name no project file is expected to take). */
const OUTPUT = 'zvm-output.wasm';

/** The flags every C/C++ compile gets, before the optimisation level. */
export const CLANG_FLAGS = ['--target=wasm32-wasip1', '-Wall', '-fno-color-diagnostics'];

/**
 * Compiles and links the request's C or C++ sources in one clang (or clang++) run. Every C/C++ file of
 * the project is in the compiler's tree at its project path, so `#include "..."` finds headers anywhere.
 */
export async function compileWithClang(
  request: CompileRequest,
  clang: Clang,
  preludes?: PreludeHeaders,
): Promise<CompileResult> {
  const cpp = request.language === 'cpp';
  const projectPaths = new Map<string, string>();
  for (const path of Object.keys(request.files)) {
    const language = languageOf(path);
    if (language === 'c' || language === 'cpp') projectPaths.set(treePathOf(path), path);
  }
  const sources = request.sources.map(treePathOf);
  const folders = [...new Set(sources.map((path) => path.slice(0, Math.max(0, path.lastIndexOf('/')))))];
  const extraFlags = request.extraFlags ?? [];
  // clang++ links libc++ built without exception support.
  const flags = [...CLANG_FLAGS, `-${request.optimize ?? 'O2'}`, ...(cpp ? ['-fno-exceptions'] : [])];
  const args = [
    ...flags,
    ...folders.filter((folder) => folder !== '').map((folder) => `-I${folder}`),
    // The project root too: the compiler's file system skips `..`, so `#include "../inc/a.h"` from a
    // folder one level down finds `inc/a.h` through it.
    '-I.',
    ...extraFlags,
    ...sources,
    '-o',
    OUTPUT,
  ];
  const tree = fileTree(request.files, (path) => projectPaths.has(treePathOf(path)));
  const command = cpp ? 'clang++' : 'clang';
  const fits =
    preludes !== undefined &&
    cpp &&
    extraFlags.length === 0 &&
    request.sources.every((path) => preludeFits(textOf(request.files[path])));
  const prelude = fits ? preludes.use(flags) : undefined;
  if (fits && !prelude) preludes.want(flags);
  let run = prelude
    ? await runClang(clang, command, [...prelude.flags, ...args], { ...tree, ...prelude.files })
    : await runClang(clang, command, args, tree);
  if (prelude && !run.wasm && /precompiled|PCH/i.test(run.log)) {
    // A prelude the compiler refuses is never used again; the compile is redone without it.
    preludes!.drop(flags);
    run = await runClang(clang, command, args, tree);
  }
  let { log } = run;
  const diagnostics = parseClangDiagnostics(log, projectPaths);
  if (run.wasm) return { ok: true, wasm: run.wasm, diagnostics, log };
  if (!diagnostics.some((d) => d.severity === 'error')) {
    // A failure must say so, in the diagnostics and in the log alike.
    const message = `failed with exit code ${run.exitCode} and no error message`;
    diagnostics.push({ line: 0, column: 0, severity: 'error', message, origin: command });
    log += `${command}: error: ${message}\n`;
  }
  return { ok: false, diagnostics, log };
}

/** Builds the wanted precompiled preludes (between compiles, in the warm compiler). */
export function buildPreludes(preludes: PreludeHeaders, clang: Clang): Promise<void> {
  return preludes.buildWanted(async (flags, files, header) => {
    // To stdout: the compiler's in-memory files copy themselves whole on every 4 KB write, which made
    // writing the 13 MB header to a file take most of a minute.
    const run = await runClang(
      clang,
      'clang++',
      [...flags, '-x', 'c++-header', header, '-o', '-'],
      files,
      null,
    );
    return run.exitCode === 0 ? run.wasm : undefined;
  });
}

/** One clang run: the file it wrote at `output` (null: its stdout), its exit code and what it printed. */
async function runClang(
  clang: Clang,
  command: 'clang' | 'clang++',
  args: string[],
  tree: Tree,
  output: string | null = OUTPUT,
): Promise<{ wasm?: Uint8Array; exitCode: number; log: string }> {
  const chunks: Uint8Array[] = [];
  const stdout: Uint8Array[] = [];
  const collect = (into: Uint8Array[]) => (bytes: Uint8Array | null) => {
    if (bytes) into.push(bytes.slice());
  };
  let wasm: Uint8Array | undefined;
  let exitCode = 0;
  try {
    const files = await clang.commands[command](args, tree, {
      stdout: collect(output === null ? stdout : chunks),
      stderr: collect(chunks),
      decodeASCII: false,
    });
    const file = output === null ? concat(stdout) : files?.[output];
    if (file instanceof Uint8Array) wasm = output === null ? file : file.slice();
  } catch (error) {
    if (!(error instanceof clang.Exit)) throw error;
    exitCode = error.code;
  }
  return { wasm, exitCode, log: decode(chunks) };
}

function textOf(data: Uint8Array | string | undefined): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

function decode(chunks: Uint8Array[]): string {
  return new TextDecoder().decode(concat(chunks));
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
