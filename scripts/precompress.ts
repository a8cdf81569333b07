import { createHash } from 'node:crypto';
import { copyFile, readFile, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { compressibleType, MIN_COMPRESS_SIZE } from './compressible.ts';
import { cachedEntry } from './precompress-cache.ts';

/** The encodings written beside each file, named by their file suffix. */
export type Encoding = 'br' | 'gz';

/** Compresses `input` with `encoding` at `quality` (brotli 0–11, gzip 1–9). */
export type Compressor = (input: Uint8Array, encoding: Encoding, quality: number) => Promise<Uint8Array>;

/** What `precompressDir` did for one file; an encoding is missing when it would not have been smaller. */
export interface PrecompressedFile {
  /** Path relative to the directory, with `/` separators. */
  file: string;
  size: number;
  br?: number;
  gz?: number;
  /** True when every encoding came from the cache. */
  cached: boolean;
}

/** Options of `precompressDir`. */
export interface PrecompressOptions {
  cacheDir: string;
  compress?: Compressor;
  minSize?: number;
  concurrency?: number;
}

const ENCODINGS: readonly Encoding[] = ['br', 'gz'];
const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Node's zlib (no dependency); both run in libuv's threadpool, off the event loop. */
export const zlibCompressor: Compressor = (input, encoding, quality) =>
  encoding === 'gz'
    ? gzip(input, { level: quality })
    : brotliCompress(input, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_GENERIC,
        },
      });

/** Compression level for a file of `size` bytes: brotli's best below 1 MiB, q9 above (q10 and q11 take ~3 s/MB). */
export function qualityFor(encoding: Encoding, size: number): number {
  if (encoding === 'gz') return 9;
  return size < 1 << 20 ? 11 : 9;
}

/**
 * Writes `file.br` and `file.gz` beside every compressible file of `dir` of at least `minSize` bytes, when smaller
 * than the file; compressed bytes come from `cacheDir` when an earlier build already compressed the same input.
 */
export async function precompressDir(dir: string, options: PrecompressOptions): Promise<PrecompressedFile[]> {
  const { cacheDir, compress = zlibCompressor, minSize = MIN_COMPRESS_SIZE } = options;
  // Each compression keeps a core busy; more than 3 at once would also starve libuv's 4 threads, which fs needs.
  const concurrency = options.concurrency ?? Math.min(availableParallelism(), 3);
  const files = await compressibleFiles(dir, minSize);
  const results: PrecompressedFile[] = [];
  await forEachLimited(files, concurrency, async ({ file, size }) => {
    const abs = join(dir, file);
    const bytes = await readFile(abs);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const result: PrecompressedFile = { file, size, cached: true };
    for (const encoding of ENCODINGS) {
      const quality = qualityFor(encoding, size);
      const entry = await cachedEntry(cacheDir, `${digest}.${encoding}-q${quality}`, () =>
        compress(bytes, encoding, quality),
      );
      result.cached &&= entry.cached;
      if (entry.size >= size) continue;
      await copyFile(entry.path, `${abs}.${encoding}`);
      result[encoding] = entry.size;
    }
    results.push(result);
  });
  return results.sort((a, b) => b.size - a.size);
}

// Largest first, so the long brotli runs start at once and the small files fill the other workers meanwhile.
async function compressibleFiles(dir: string, minSize: number): Promise<{ file: string; size: number }[]> {
  const files: { file: string; size: number }[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    if (!compressibleType(name)) continue;
    const info = await stat(join(dir, name));
    if (info.isFile() && info.size >= minSize)
      files.push({ file: name.replaceAll('\\', '/'), size: info.size });
  }
  return files.sort((a, b) => b.size - a.size);
}

async function forEachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
