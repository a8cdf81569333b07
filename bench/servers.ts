import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** Where `npm run bench` builds the app (the plain production build, as `npm start` serves it). */
export const APP_OUT_DIR = '.cache/bench-app';

/** The bench page's path in its build. */
export const BENCH_PAGE = 'bench/browser/index.html';

/** A preview server of one build; `stop()` ends it. */
export interface PreviewServer {
  url: string;
  stop(): void;
}

function build(args: string[]): void {
  const result = spawnSync('npx', ['vite', 'build', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`vite build ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
}

/** Builds the app and the bench page for production. */
export function buildBoth(): void {
  build(['--outDir', APP_OUT_DIR, '--emptyOutDir']);
  build(['--config', 'bench/vite.bench.config.ts']);
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the preview server for ${url} exited (${child.exitCode})`);
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the preview server for ${url} did not start`);
}

/** Serves a build with `vite preview` (pre-compressed files, cross-origin isolation) on `port`. */
export async function preview(which: 'app' | 'bench', port: number): Promise<PreviewServer> {
  const config = which === 'bench' ? ['--config', 'bench/vite.bench.config.ts'] : ['--outDir', APP_OUT_DIR];
  const child = spawn('npx', ['vite', 'preview', ...config, '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const url = `http://localhost:${port}/`;
  await waitUntilServing(which === 'bench' ? `${url}${BENCH_PAGE}` : url, child);
  return {
    url,
    // The whole group: npx starts vite as a child of its own.
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    },
  };
}
