import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../toolchains/compile.ts';
import type { CompileRequest, CompileResult } from '../../toolchains/types.ts';

/** Where compiled lesson programs are kept, by a hash of what was compiled (`.cache/` is git-ignored). */
export const LESSON_WASM_CACHE = fileURLToPath(new URL('../../../.cache/lesson-wasm/', import.meta.url));

let toolchainVersion: string | undefined;

/** Compiles like {@link compile}, but reuses the module compiled from the same sources and flags before. */
export async function compileCached(request: CompileRequest): Promise<CompileResult> {
  const path = join(LESSON_WASM_CACHE, `${cacheKey(request)}.wasm`);
  try {
    return { ok: true, wasm: readFileSync(path), diagnostics: [], log: '' };
  } catch {
    // Not compiled yet.
  }
  const result = await compile(request);
  if (result.ok && result.wasm) {
    mkdirSync(LESSON_WASM_CACHE, { recursive: true });
    writeFileSync(path, result.wasm);
  }
  return result;
}

function cacheKey(request: CompileRequest): string {
  toolchainVersion ??= versionOf(request.language === 'wat' ? 'wabt' : '@yowasp/clang');
  const hash = createHash('sha256');
  const files = Object.entries(request.files).sort(([a], [b]) => (a < b ? -1 : 1));
  hash.update(
    JSON.stringify([
      toolchainVersion,
      request.language,
      request.sources,
      request.optimize,
      request.extraFlags,
    ]),
  );
  for (const [path, data] of files) hash.update(`\0${path}\0`).update(data);
  return hash.digest('hex');
}

function versionOf(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}
