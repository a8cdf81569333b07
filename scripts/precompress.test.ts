import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Compressor, precompressDir, qualityFor, zlibCompressor } from './precompress.ts';

const text = Buffer.from('export const greeting = "hello, sandbox";\n'.repeat(400));
const noise = randomBytes(8192);
const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(20_000, 7)]);

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'precompress-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeOutput(dir: string): Promise<void> {
  const files: Record<string, Uint8Array> = {
    'index.html': Buffer.from(`<!doctype html>${'<p>sandbox</p>'.repeat(100)}`),
    'assets/app-AbCd1234.js': text,
    'assets/llvm.core-EfGh5678.wasm': wasm,
    'assets/tiny-Ij901234.js': Buffer.from('export {};'),
    'assets/noise-Kl567890.wasm': noise,
    'assets/app-AbCd1234.js.map': text,
    'assets/logo-Mn123456.png': text,
  };
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), bytes);
  }
}

function counting(calls: string[]): Compressor {
  return (input, encoding, quality) => {
    calls.push(`${encoding}-q${quality}`);
    return zlibCompressor(input, encoding, quality);
  };
}

describe('precompressDir', () => {
  it('writes .br and .gz that decompress to the file, skipping small, incompressible and other files', async () => {
    const dist = join(root, 'dist');
    await writeOutput(dist);
    const results = await precompressDir(dist, { cacheDir: join(root, 'cache') });

    for (const name of ['index.html', 'assets/app-AbCd1234.js', 'assets/llvm.core-EfGh5678.wasm']) {
      const original = await readFile(join(dist, name));
      expect(brotliDecompressSync(await readFile(join(dist, `${name}.br`))).equals(original)).toBe(true);
      expect(gunzipSync(await readFile(join(dist, `${name}.gz`))).equals(original)).toBe(true);
    }
    for (const name of [
      'tiny-Ij901234.js',
      'noise-Kl567890.wasm',
      'app-AbCd1234.js.map',
      'logo-Mn123456.png',
    ]) {
      expect(existsSync(join(dist, 'assets', `${name}.br`))).toBe(false);
      expect(existsSync(join(dist, 'assets', `${name}.gz`))).toBe(false);
    }
    expect(results.map((result) => result.file)).toEqual([
      'assets/llvm.core-EfGh5678.wasm',
      'assets/app-AbCd1234.js',
      'assets/noise-Kl567890.wasm',
      'index.html',
    ]);
    expect(results.every((result) => !result.cached)).toBe(true);
    expect(results[2]).toEqual({ file: 'assets/noise-Kl567890.wasm', size: 8192, cached: false });
  });

  it('reuses the cache for the same bytes, so a second build compresses nothing', async () => {
    const cacheDir = join(root, 'cache');
    const calls: string[] = [];
    await writeOutput(join(root, 'first'));
    const first = await precompressDir(join(root, 'first'), { cacheDir, compress: counting(calls) });
    expect(calls).toHaveLength(8);

    await writeOutput(join(root, 'second'));
    const second = await precompressDir(join(root, 'second'), { cacheDir, compress: counting(calls) });
    expect(calls).toHaveLength(8);
    expect(second).toEqual(first.map((result) => ({ ...result, cached: true })));
    const name = 'assets/llvm.core-EfGh5678.wasm.br';
    const [firstBr, secondBr] = await Promise.all([
      readFile(join(root, 'first', name)),
      readFile(join(root, 'second', name)),
    ]);
    expect(secondBr.equals(firstBr)).toBe(true);
  });

  it('uses brotli 11 below 1 MiB and 9 above, gzip 9 always', () => {
    expect(qualityFor('br', 500_000)).toBe(11);
    expect(qualityFor('br', 3_000_000)).toBe(9);
    expect(qualityFor('gz', 500_000)).toBe(9);
  });
});
