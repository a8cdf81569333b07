import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedEntry, pruneCache } from './precompress-cache.ts';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'precompress-cache-')), 'cache');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

describe('cachedEntry', () => {
  it('produces an entry once, then serves it from disk', async () => {
    let produced = 0;
    const produce = async () => {
      produced++;
      return Buffer.from('compressed');
    };
    expect(await cachedEntry(dir, 'abc.br-q9', produce)).toEqual({
      path: join(dir, 'abc.br-q9'),
      size: 10,
      cached: false,
    });
    expect(await cachedEntry(dir, 'abc.br-q9', produce)).toMatchObject({ size: 10, cached: true });
    expect(produced).toBe(1);
  });

  it('stays whole when concurrent builds write the same entry', async () => {
    const data = Buffer.alloc(1 << 20, 3);
    const entries = await Promise.all(
      Array.from({ length: 4 }, () => cachedEntry(dir, 'same.gz-q9', async () => data)),
    );
    expect(entries.every((entry) => entry.size === data.length)).toBe(true);
    expect((await readFile(join(dir, 'same.gz-q9'))).equals(data)).toBe(true);
    expect(await readdir(dir)).toEqual(['same.gz-q9']);
  });
});

describe('pruneCache', () => {
  it('deletes entries unused for longer than the limit and keeps the others', async () => {
    const day = 86_400_000;
    await cachedEntry(dir, 'old.br-q9', async () => Buffer.from('old'));
    await writeFile(join(dir, 'abandoned.br-q9.1234.tmp'), 'partial');
    for (const name of ['old.br-q9', 'abandoned.br-q9.1234.tmp']) {
      await utimes(join(dir, name), new Date(Date.now() - 30 * day), new Date(Date.now() - 30 * day));
    }
    await cachedEntry(dir, 'fresh.br-q9', async () => Buffer.from('fresh'));
    expect(await pruneCache(dir, 14 * day)).toBe(2);
    expect(await readdir(dir)).toEqual(['fresh.br-q9']);
  });

  it('counts a cache hit as a use', async () => {
    const day = 86_400_000;
    await cachedEntry(dir, 'used.br-q9', async () => Buffer.from('used'));
    await utimes(join(dir, 'used.br-q9'), new Date(Date.now() - 30 * day), new Date(Date.now() - 30 * day));
    await cachedEntry(dir, 'used.br-q9', async () => Buffer.from('other'));
    expect(await pruneCache(dir, 14 * day)).toBe(0);
  });

  it('does nothing when there is no cache yet', async () => {
    expect(await pruneCache(join(dir, 'missing'), 0)).toBe(0);
  });
});
