import type { OfflineInfo } from '../components/Offline/OfflineStatus.tsx';
import { TOOLCHAIN_CACHE, assetStem } from '../worker/cached-fetch.ts';

/** Each toolchain, by the asset names (without content hash) it needs in TOOLCHAIN_CACHE. */
const TOOLCHAINS: ReadonlyArray<{ name: string; stems: string[] }> = [
  { name: 'C/C++ compiler (clang)', stems: ['llvm.core.wasm', 'llvm-resources.tar'] },
  { name: 'Python 3.12', stems: ['python.wasm'] },
];

/**
 * Registers the service worker that precaches the app shell (built by vite-plugin-pwa; production builds
 * only). Toolchains are not in it: the page's own cached fetch keeps them in TOOLCHAIN_CACHE on first use.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After the first screen: precaching several MB must not compete with the page's own loading.
  const register = () =>
    void navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
      .catch(() => undefined);
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}

/** What works offline now: the app shell (an active service worker has precached it) and each toolchain. */
export async function readOfflineInfo(): Promise<OfflineInfo> {
  return { app: await appState(), toolchains: await toolchainState() };
}

async function appState(): Promise<OfflineInfo['app']> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return 'unavailable';
  const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  // A worker becomes active only after its install step precached every file.
  if (registration?.active) return 'ready';
  return 'saving';
}

async function toolchainState(): Promise<OfflineInfo['toolchains']> {
  let stems = new Set<string>();
  try {
    const cache = globalThis.caches && (await caches.open(TOOLCHAIN_CACHE));
    if (cache)
      stems = new Set((await cache.keys()).map((request) => assetStem(new URL(request.url).pathname)));
  } catch {
    // No Cache Storage (private mode): nothing is cached.
  }
  return TOOLCHAINS.map(({ name, stems: needed }) => ({ name, cached: needed.every((s) => stems.has(s)) }));
}
