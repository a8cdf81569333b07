import { describe, expect, it, vi } from 'vitest';
import { assetStem, createCachedFetch, isToolchainAsset } from './cached-fetch.ts';
import type { CacheLike } from './cached-fetch.ts';

/** An in-memory Cache Storage cache. */
function memoryCache(): CacheLike & { entries: Map<string, Response> } {
  const entries = new Map<string, Response>();
  return {
    entries,
    match: async (url) => entries.get(url)?.clone(),
    put: async (url, response) => {
      entries.set(url, new Response(await response.arrayBuffer(), response));
    },
    keys: async () => [...entries.keys()].map((url) => ({ url })),
    delete: async (url) => entries.delete(url),
  };
}

const BASE = 'http://localhost:4173';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createCachedFetch', () => {
  it('downloads a toolchain file once, then answers from the cache', async () => {
    const cache = memoryCache();
    const network = vi.fn(async () => new Response(new Uint8Array([1, 2, 3]), { status: 200 }));
    const cachedFetch = createCachedFetch(network, async () => cache);
    const first = await cachedFetch(`${BASE}/assets/llvm.core-AbCdEf12.wasm`);
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    await flush();
    const second = await cachedFetch(`${BASE}/assets/llvm.core-AbCdEf12.wasm`);
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(network).toHaveBeenCalledTimes(1);
  });

  it('leaves other requests and failed downloads out of the cache', async () => {
    const cache = memoryCache();
    const network = vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith('missing-AbCdEf12.wasm')
        ? new Response('no', { status: 404 })
        : new Response('x'),
    );
    const cachedFetch = createCachedFetch(network, async () => cache);
    await cachedFetch(`${BASE}/index.html`);
    await cachedFetch(`${BASE}/assets/missing-AbCdEf12.wasm`);
    await flush();
    expect(cache.entries.size).toBe(0);
  });

  it('drops the copy from an older build when a new version of the file is stored', async () => {
    const cache = memoryCache();
    const cachedFetch = createCachedFetch(
      async () => new Response('v'),
      async () => cache,
    );
    await cachedFetch(`${BASE}/assets/python-OldHash1.wasm`);
    await flush();
    await cachedFetch(`${BASE}/assets/python-NewHash2.wasm`);
    await vi.waitFor(() =>
      expect([...cache.entries.keys()]).toEqual([`${BASE}/assets/python-NewHash2.wasm`]),
    );
  });

  it('still downloads where Cache Storage is unavailable', async () => {
    const network = vi.fn(async () => new Response('ok'));
    const cachedFetch = createCachedFetch(network, async () => undefined);
    expect(await (await cachedFetch(`${BASE}/assets/llvm-resources-AbCdEf12.tar`)).text()).toBe('ok');
  });
});

describe('asset names', () => {
  it('recognises hashed wasm and tar assets only', () => {
    expect(isToolchainAsset(new URL(`${BASE}/assets/llvm.core-AbCdEf12.wasm`))).toBe(true);
    expect(isToolchainAsset(new URL(`${BASE}/assets/llvm-resources-AbCdEf12.tar`))).toBe(true);
    expect(isToolchainAsset(new URL(`${BASE}/assets/index-AbCdEf12.js`))).toBe(false);
    expect(isToolchainAsset(new URL(`${BASE}/greet.wasm`))).toBe(false);
  });

  it('strips the content hash from a name', () => {
    expect(assetStem('/assets/llvm.core-Bx12_a9Z.wasm')).toBe('llvm.core.wasm');
    expect(assetStem('/assets/llvm-resources-ab-cdefgh.tar')).toBe('llvm-resources.tar');
    expect(assetStem('/assets/plain.wasm')).toBe('plain.wasm');
  });
});
