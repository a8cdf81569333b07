import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'c-wasm');
/** Flags for example programs (this clang's sysroot has only the wasm32-wasip1 triple). */
const CFLAGS = ['--target=wasm32-wasip1', '-O2', '-Wall', '-Werror'];

function clangVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@yowasp/clang');
  return (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string })
    .version;
}

/**
 * Compiles one C file to a wasm32-wasi command with @yowasp/clang, at build time in Node, caching
 * the result in .cache/c-wasm by a hash of source, flags and clang version.
 */
export async function compileCToWasm(sourcePath: string): Promise<Uint8Array> {
  const source = readFileSync(sourcePath, 'utf8');
  const hash = createHash('sha256')
    .update(JSON.stringify([CFLAGS, clangVersion(), source]))
    .digest('hex');
  const cached = join(CACHE_DIR, `${basename(sourcePath, '.c')}-${hash}.wasm`);
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const { commands } = await import('@yowasp/clang');
  await commands.clang(undefined, {}, { fetchProgress: () => {} });
  const log: Uint8Array[] = [];
  const name = basename(sourcePath);
  let tree;
  try {
    tree = await commands.clang(
      [...CFLAGS, name, '-o', 'out.wasm'],
      { [name]: source },
      {
        stdout: (b) => b && log.push(b.slice()),
        stderr: (b) => b && log.push(b.slice()),
        decodeASCII: false,
      },
    );
  } catch (error) {
    throw new Error(`compiling ${sourcePath} failed:\n${Buffer.concat(log).toString('utf8')}`, {
      cause: error,
    });
  }
  const wasm = tree?.['out.wasm'];
  if (!(wasm instanceof Uint8Array)) throw new Error(`compiling ${sourcePath} produced no wasm`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(`${cached}.${process.pid}.tmp`, wasm);
  renameSync(`${cached}.${process.pid}.tmp`, cached);
  return wasm;
}
