import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Logger } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Compressor, zlibCompressor } from './precompress.ts';
import { precompressPlugin } from './vite-plugin-precompress.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'precompress-build-'));
  await mkdir(join(root, 'public'));
  await writeFile(join(root, 'index.html'), '<!doctype html><script type="module" src="/main.js"></script>');
  await writeFile(join(root, 'main.js'), "import url from './core.wasm?url';\nconsole.log(url);\n");
  await writeFile(
    join(root, 'core.wasm'),
    Buffer.concat([Buffer.from('\0asm\x01\0\0\0'), Buffer.alloc(1 << 20)]),
  );
  await writeFile(join(root, 'public', 'notes.txt'), 'sandbox notes\n'.repeat(200));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function viteBuild(compressions: string[]): Promise<string[]> {
  const lines: string[] = [];
  const log = (message: string) => void lines.push(message);
  const logger: Logger = {
    info: log,
    warn: log,
    warnOnce: log,
    error: log,
    clearScreen: () => {},
    hasErrorLogged: () => false,
    hasWarned: false,
  };
  const compress: Compressor = (input, encoding, quality) => {
    compressions.push(encoding);
    return zlibCompressor(input, encoding, quality);
  };
  await build({
    root,
    configFile: false,
    customLogger: logger,
    logLevel: 'warn',
    plugins: [precompressPlugin({ compress })],
  });
  return lines.filter((line) => line.startsWith('precompress:'));
}

describe('precompressPlugin', () => {
  it('compresses the build output, and a second build takes it all from the cache', async () => {
    const compressions: string[] = [];
    const first = await viteBuild(compressions);
    expect(compressions.length).toBeGreaterThan(0);
    expect(first).toContainEqual(
      expect.stringMatching(/^precompress: core-[\w-]+\.wasm 1\.0 MB -> br \d+ B, gz [\d.]+ kB$/),
    );

    const assets = await readdir(join(root, 'dist', 'assets'));
    const core = assets.find((name) => /^core-[\w-]+\.wasm$/.test(name));
    expect(assets).toEqual(expect.arrayContaining([`${core}.br`, `${core}.gz`]));
    expect(existsSync(join(root, 'dist', 'notes.txt.br'))).toBe(true);
    expect(existsSync(join(root, '.cache', 'precompressed'))).toBe(true);

    const count = compressions.length;
    const second = await viteBuild(compressions);
    expect(compressions).toHaveLength(count);
    expect(second).toContainEqual(expect.stringMatching(/^precompress: core-[\w-]+\.wasm .* \(cached\)$/));
    expect(second).toContainEqual(
      expect.stringMatching(/^precompress: (\d+) files in .* \(\1 from cache\)$/),
    );
    expect(existsSync(join(root, 'dist', 'assets', `${core}.br`))).toBe(true);
  });
});
