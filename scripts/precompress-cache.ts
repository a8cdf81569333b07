import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A compressed result stored in the cache. */
export interface CacheEntry {
  /** Where the compressed bytes are. */
  path: string;
  size: number;
  /** True when an earlier build made it. */
  cached: boolean;
}

/**
 * The entry named `key` in `dir` (e.g. `<sha256 of input>.br-q9`), made by `produce` only when no build made it
 * before. Written to a temporary file then renamed, so concurrent builds never read a partial entry.
 */
export async function cachedEntry(
  dir: string,
  key: string,
  produce: () => Promise<Uint8Array>,
): Promise<CacheEntry> {
  const path = join(dir, key);
  const hit = await touch(path);
  if (hit !== undefined) return { path, size: hit, cached: true };
  const data = await produce();
  await mkdir(dir, { recursive: true });
  const temp = `${path}.${randomUUID()}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
  return { path, size: data.length, cached: false };
}

/** Deletes entries (and abandoned temporary files) that no build has used for `maxAgeMs`; returns how many. */
export async function pruneCache(dir: string, maxAgeMs: number, now = Date.now()): Promise<number> {
  const names = await readdir(dir).catch(() => []);
  let pruned = 0;
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile() || now - info.mtimeMs <= maxAgeMs) continue;
    await rm(path, { force: true });
    pruned++;
  }
  return pruned;
}

// A hit refreshes the entry's mtime: pruning goes by last use, so entries a concurrent build relies on survive.
async function touch(path: string): Promise<number | undefined> {
  try {
    const now = new Date();
    await utimes(path, now, now);
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
