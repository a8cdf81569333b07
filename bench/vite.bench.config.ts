import { mergeConfig } from 'vite';
import appConfig from '../vite.config.ts';

/** Where the bench page is built (the app's own build config, with the bench page as its only input). */
export const BENCH_OUT_DIR = '.cache/bench-dist';

// The app's production config with bench/browser/index.html as the page: it drives the app's worker modules
// (sandbox, compiler, job pool) so their times can be taken inside the page. The app itself is built on its
// own (bench/servers.ts), so its chunks and bytes are exactly what users load.
export default mergeConfig(appConfig, {
  build: { outDir: BENCH_OUT_DIR, emptyOutDir: true, rollupOptions: { input: 'bench/browser/index.html' } },
});
