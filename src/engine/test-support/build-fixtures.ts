import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command, Tree } from '@yowasp/clang';
import {
  FIXTURE_CACHE_DIR,
  FIXTURE_CFLAGS,
  cachedFixturePath,
  clangVersion,
  fixtureHeaders,
  fixtureNames,
  fixtureSource,
} from './fixture-cache.ts';

export { fixtureNames, fixturePath, loadFixture } from './fixture-cache.ts';

/** Options for {@link buildFixtures}. */
export interface BuildFixturesOptions {
  /** Called after each fixture that had to be compiled (not for cache hits). */
  onCompiled?: (name: string, milliseconds: number) => void;
}

/** Compiles every `fixtures/*.c` that has no cached build yet; returns fixture name -> wasm path. */
export async function buildFixtures(options: BuildFixturesOptions = {}): Promise<Record<string, string>> {
  mkdirSync(FIXTURE_CACHE_DIR, { recursive: true });
  const version = clangVersion();
  const paths: Record<string, string> = {};
  let clang: Command | undefined;
  for (const name of fixtureNames()) {
    const path = cachedFixturePath(name, version);
    paths[name] = path;
    if (existsSync(path)) continue;
    clang ??= await loadClang();
    const start = performance.now();
    const wasm = await compile(clang, name);
    // Write then rename, so a concurrent run never sees half a file.
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, wasm);
    renameSync(partial, path);
    removeStale(name, path);
    options.onCompiled?.(name, Math.round(performance.now() - start));
  }
  return paths;
}

async function loadClang(): Promise<Command> {
  const { commands } = await import('@yowasp/clang');
  // runClang does not pass fetchProgress on, so a cold first compile would log its download
  // progress; preloading the toolchain separately (no args = load only) keeps that quiet.
  await commands.clang(undefined, {}, { fetchProgress: () => {} });
  return commands.clang;
}

async function compile(clang: Command, name: string): Promise<Uint8Array> {
  const files: Tree = { [`${name}.c`]: fixtureSource(name), ...Object.fromEntries(fixtureHeaders()) };
  const chunks: Uint8Array[] = [];
  const capture = (bytes: Uint8Array | null): void => {
    if (bytes) chunks.push(bytes.slice());
  };
  const args = [...FIXTURE_CFLAGS, `${name}.c`, '-o', `${name}.wasm`];
  let tree: Tree | undefined;
  try {
    tree = await clang(args, files, { stdout: capture, stderr: capture, decodeASCII: false });
  } catch (error) {
    const output = Buffer.concat(chunks).toString('utf8');
    throw new Error(`compiling fixtures/${name}.c failed (${String(error)}):\n${output}`, { cause: error });
  }
  const wasm = tree?.[`${name}.wasm`];
  if (!(wasm instanceof Uint8Array)) throw new Error(`compiling fixtures/${name}.c produced no ${name}.wasm`);
  return wasm;
}

function removeStale(name: string, current: string): void {
  const pattern = new RegExp(`^${name}-[0-9a-f]{64}\\.wasm$`);
  for (const file of readdirSync(FIXTURE_CACHE_DIR)) {
    if (pattern.test(file) && file !== basename(current)) {
      rmSync(join(FIXTURE_CACHE_DIR, file), { force: true });
    }
  }
}
