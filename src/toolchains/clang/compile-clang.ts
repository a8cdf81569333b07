import { languageOf } from '../language.ts';
import type { CompileRequest, CompileResult } from '../types.ts';
import { parseClangDiagnostics } from './diagnostics.ts';
import { fileTree, treePathOf } from './file-tree.ts';
import type { Clang } from './load-clang.ts';

/** Where the module lands in the compiler's file tree (a name no project file is expected to take). */
const OUTPUT = 'zvm-output.wasm';

/** The flags every C/C++ compile gets, before the optimisation level. */
export const CLANG_FLAGS = ['--target=wasm32-wasip1', '-Wall', '-fno-color-diagnostics'];

/**
 * Compiles and links the request's C or C++ sources in one clang (or clang++) run. Every C/C++ file of
 * the project is in the compiler's tree at its project path, so `#include "..."` finds headers anywhere.
 */
export async function compileWithClang(request: CompileRequest, clang: Clang): Promise<CompileResult> {
  const cpp = request.language === 'cpp';
  const projectPaths = new Map<string, string>();
  for (const path of Object.keys(request.files)) {
    const language = languageOf(path);
    if (language === 'c' || language === 'cpp') projectPaths.set(treePathOf(path), path);
  }
  const sources = request.sources.map(treePathOf);
  const folders = [...new Set(sources.map((path) => path.slice(0, Math.max(0, path.lastIndexOf('/')))))];
  const args = [
    ...CLANG_FLAGS,
    `-${request.optimize ?? 'O2'}`,
    // clang++ links libc++ built without exception support.
    ...(cpp ? ['-fno-exceptions'] : []),
    ...folders.filter((folder) => folder !== '').map((folder) => `-I${folder}`),
    // The project root too: the compiler's file system skips `..`, so `#include "../inc/a.h"` from a
    // folder one level down finds `inc/a.h` through it.
    '-I.',
    ...(request.extraFlags ?? []),
    ...sources,
    '-o',
    OUTPUT,
  ];
  const tree = fileTree(request.files, (path) => projectPaths.has(treePathOf(path)));
  const chunks: Uint8Array[] = [];
  const collect = (bytes: Uint8Array | null): void => {
    if (bytes) chunks.push(bytes.slice());
  };
  let wasm: Uint8Array | undefined;
  let exitCode = 0;
  try {
    const output = await clang.commands[cpp ? 'clang++' : 'clang'](args, tree, {
      stdout: collect,
      stderr: collect,
      decodeASCII: false,
    });
    const file = output?.[OUTPUT];
    if (file instanceof Uint8Array) wasm = file.slice();
  } catch (error) {
    if (!(error instanceof clang.Exit)) throw error;
    exitCode = error.code;
  }
  let log = decode(chunks);
  const diagnostics = parseClangDiagnostics(log, projectPaths);
  if (wasm) return { ok: true, wasm, diagnostics, log };
  if (!diagnostics.some((d) => d.severity === 'error')) {
    // A failure must say so, in the diagnostics and in the log alike.
    const origin = cpp ? 'clang++' : 'clang';
    const message = `failed with exit code ${exitCode} and no error message`;
    diagnostics.push({ line: 0, column: 0, severity: 'error', message, origin });
    log += `${origin}: error: ${message}\n`;
  }
  return { ok: false, diagnostics, log };
}

function decode(chunks: Uint8Array[]): string {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}
