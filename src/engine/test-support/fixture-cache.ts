import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The C sources of the test fixtures: `<name>.c` plus shared `*.h` headers. */
export const FIXTURE_SOURCE_DIR = join(here, 'fixtures');

/** Where compiled fixtures are cached (`.cache/` is git-ignored). */
export const FIXTURE_CACHE_DIR = join(here, '..', '..', '..', '.cache', 'fixtures');

/** Flags every fixture is compiled with (this clang's sysroot only has the `wasm32-wasip1` triple). */
export const FIXTURE_CFLAGS: readonly string[] = [
  '--target=wasm32-wasip1',
  '-O2',
  '-Wall',
  '-Wextra',
  '-Werror',
];

/** Names of all fixtures (the `*.c` files without extension), sorted. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_SOURCE_DIR)
    .filter((file) => file.endsWith('.c'))
    .map((file) => file.slice(0, -2))
    .sort();
}

/** The shared headers every fixture may include, as `[file name, text]`, sorted by name. */
export function fixtureHeaders(): Array<[string, string]> {
  return readdirSync(FIXTURE_SOURCE_DIR)
    .filter((file) => file.endsWith('.h'))
    .sort()
    .map((file) => [file, readFileSync(join(FIXTURE_SOURCE_DIR, file), 'utf8')]);
}

/** The installed @yowasp/clang version; part of the cache key so a toolchain update rebuilds. */
export function clangVersion(): string {
  // The package's exports map hides package.json, so find it beside the resolved entry point.
  const entry = createRequire(import.meta.url).resolve('@yowasp/clang');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** Reads a fixture's source, failing with the list of known fixtures when there is none of that name. */
export function fixtureSource(name: string): string {
  const file = join(FIXTURE_SOURCE_DIR, `${name}.c`);
  if (!existsSync(file)) {
    throw new Error(`no fixture named '${name}'; known fixtures: ${fixtureNames().join(', ')}`);
  }
  return readFileSync(file, 'utf8');
}

/** Where the compiled fixture for the current source, headers, flags and clang version is cached. */
export function cachedFixturePath(name: string, version = clangVersion()): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ flags: FIXTURE_CFLAGS, version, source: fixtureSource(name) }));
  for (const [file, text] of fixtureHeaders()) hash.update(JSON.stringify([file, text]));
  return join(FIXTURE_CACHE_DIR, `${name}-${hash.digest('hex')}.wasm`);
}

/** Path of a built fixture; throws when it has not been compiled for the current source. */
export function fixturePath(name: string): string {
  const path = cachedFixturePath(name);
  if (!existsSync(path)) {
    throw new Error(
      `fixture '${name}' is not built for its current source: run the vitest global setup ` +
        '(any `npx vitest run`) or `node scripts/build-fixtures.mjs`',
    );
  }
  return path;
}

/** The bytes of a built fixture (synchronous, for tests). */
export function loadFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}
