import { basename, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { pruneCache } from './precompress-cache.ts';
import { precompressDir, type PrecompressedFile, type PrecompressOptions } from './precompress.ts';

/** Options of `precompressPlugin`; `cacheDir` is relative to the project root. */
export interface PrecompressPluginOptions extends Partial<PrecompressOptions> {
  /** Files at least this big get a log line each. */
  logAbove?: number;
  /** Cache entries unused by any build for this long are deleted. */
  maxCacheAgeDays?: number;
}

/** After `vite build` writes the client, writes `.br` and `.gz` beside each compressible output file. */
export function precompressPlugin(options: PrecompressPluginOptions = {}): Plugin {
  const { logAbove = 1 << 20, maxCacheAgeDays = 14, ...rest } = options;
  return {
    name: 'zerovm-precompress',
    apply: 'build',
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler(output) {
        const { config, logger } = this.environment;
        if (config.consumer !== 'client' || !output.dir) return;
        const cacheDir = resolve(config.root, rest.cacheDir ?? '.cache/precompressed');
        const start = performance.now();
        const results = await precompressDir(output.dir, { ...rest, cacheDir });
        for (const result of results) if (result.size >= logAbove) logger.info(describe(result));
        const fromCache = results.filter((result) => result.cached).length;
        const seconds = ((performance.now() - start) / 1000).toFixed(1);
        logger.info(`precompress: ${results.length} files in ${seconds} s (${fromCache} from cache)`);
        await pruneCache(cacheDir, maxCacheAgeDays * 86_400_000);
      },
    },
  };
}

function describe({ file, size, br, gz, cached }: PrecompressedFile): string {
  const encoded = [br && `br ${formatSize(br)}`, gz && `gz ${formatSize(gz)}`].filter(Boolean).join(', ');
  return `precompress: ${basename(file)} ${formatSize(size)} -> ${encoded || 'kept as is'}${cached ? ' (cached)' : ''}`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return bytes >= 1e3 ? `${(bytes / 1e3).toFixed(1)} kB` : `${bytes} B`;
}
