import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cWasmPlugin } from './scripts/vite-plugin-c-wasm.ts';

// SharedArrayBuffer (live console and meters, output kept when a run is killed) needs cross-origin isolation.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Port `npm start` serves the built app on. */
export const PREVIEW_PORT = 4173;

export default defineConfig({
  plugins: [cWasmPlugin(), react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { headers: isolation },
  preview: { headers: isolation, port: PREVIEW_PORT, strictPort: true },
});
