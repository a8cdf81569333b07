/** Cache Storage name for toolchain files (compiler, sysroot, Python runtime); bump to drop every entry. */
export const TOOLCHAIN_CACHE = 'zvm-toolchains-v1';

/** The parts of the Cache Storage API the cached fetch needs (injectable for tests). */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  keys(): Promise<ReadonlyArray<{ url: string }>>;
  delete(url: string): Promise<boolean>;
}

/** Opens the cache; undefined where Cache Storage is missing (insecure origin, some private modes). */
export type OpenCache = () => Promise<CacheLike | undefined>;

/** Opens TOOLCHAIN_CACHE in this window or worker, if the browser allows it. */
export const openToolchainCache: OpenCache = async () => {
  try {
    return globalThis.caches ? await globalThis.caches.open(TOOLCHAIN_CACHE) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A fetch that answers hashed toolchain files from Cache Storage and stores them on first download, so a
 * reload or an offline visit loads the compiler without the network. Other requests pass straight through.
 */
export function createCachedFetch(
  network: typeof fetch,
  open: OpenCache = openToolchainCache,
  isCacheable: (url: URL) => boolean = isToolchainAsset,
): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), globalThis.location?.href);
    if (!isCacheable(url) || (init?.method ?? 'GET') !== 'GET') return network(input, init);
    const cache = await open();
    const hit = await cache?.match(url.href).catch(() => undefined);
    if (hit) return hit;
    const response = await network(input, init);
    if (cache && response.ok) {
      // Storing must never fail the download: a full quota only costs the next visit a re-download.
      void cache
        .put(url.href, response.clone())
        .then(() => pruneOlderVersions(cache, url))
        .catch(() => undefined);
    }
    return response;
  };
}

/** Built assets (hashed names under /assets/) that are toolchain-sized: wasm modules and tar images. */
export function isToolchainAsset(url: URL): boolean {
  return /\/assets\/[^/]+\.(wasm|tar)$/.test(url.pathname);
}

/** Deletes cached copies of the same file from older builds (same name, different content hash). */
async function pruneOlderVersions(cache: CacheLike, url: URL): Promise<void> {
  const stem = assetStem(url.pathname);
  for (const key of await cache.keys()) {
    if (key.url !== url.href && assetStem(new URL(key.url).pathname) === stem) await cache.delete(key.url);
  }
}

/** "llvm.core" for "/assets/llvm.core-Bx12_a9Z.wasm": the name before Vite's content hash. */
export function assetStem(pathname: string): string {
  const name = pathname.slice(pathname.lastIndexOf('/') + 1);
  const match = /^(.*)-[\w-]{8,}(\.[^.]+)$/.exec(name);
  return match ? `${match[1]}${match[2]}` : name;
}
