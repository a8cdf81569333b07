import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import type { Connect, Plugin } from 'vite';
import { compressibleType } from './compressible.ts';

/** A `Content-Encoding` the preview server can answer with, from a sibling file. */
export type ContentEncoding = 'br' | 'gzip';

/** Where `compressedMiddleware` finds files and what it adds to their responses. */
export interface CompressedServeOptions {
  /** Absolute path of the build output. */
  outDir: string;
  /** Public base path, starting and ending with `/`. */
  base?: string;
  /** Folder of `outDir` holding only content-hashed files, which browsers may cache forever. */
  assetsDir?: string;
  /** Headers every response carries (cross-origin isolation). */
  headers?: OutgoingHttpHeaders;
}

const SUFFIX: Readonly<Record<ContentEncoding, string>> = { br: '.br', gzip: '.gz' };
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Makes `vite preview` serve the `.br`/`.gz` files `precompressPlugin` wrote beside the build output. */
export function previewCompressedPlugin(): Plugin {
  return {
    name: 'zerovm-preview-compressed',
    // Adding the middleware here rather than in a returned function puts it before Vite's static file handler.
    configurePreviewServer({ config, middlewares }) {
      const build = config.environments.client?.build ?? config.build;
      middlewares.use(
        compressedMiddleware({
          outDir: resolve(config.root, build.outDir),
          base: config.base.startsWith('/') ? config.base : '/',
          assetsDir: build.assetsDir,
          headers: config.preview.headers,
        }),
      );
    },
  };
}

/** Answers GET/HEAD of an output file with its precompressed sibling when the client accepts one; else next(). */
export function compressedMiddleware(options: CompressedServeOptions): Connect.NextHandleFunction {
  return (req, res, next) => {
    serve(req, res, options).then((handled) => handled || next(), next);
  };
}

/** The encodings an `Accept-Encoding` header allows, preferred first (ties go to brotli, the smaller). */
export function acceptedEncodings(header: string | string[] | undefined): ContentEncoding[] {
  const weights = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((token) => token.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)));
  }
  const weight = (encoding: ContentEncoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  return (['br', 'gzip'] as const)
    .filter((encoding) => weight(encoding) > 0)
    .sort((a, b) => weight(b) - weight(a));
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  options: CompressedServeOptions,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const { outDir, base = '/', assetsDir = 'assets', headers = {} } = options;
  const target = locate(req.url ?? '/', outDir, base);
  if (typeof target === 'number') {
    res.writeHead(target, headers).end();
    return true;
  }
  const original = target && (await statFile(target.file));
  if (!target || !original) return false;
  const cacheControl = target.path.startsWith(`${assetsDir}/`) ? IMMUTABLE : 'no-cache';
  // Vite's static handler keeps a Cache-Control set here, so the uncompressed hashed files are immutable too.
  if (cacheControl === IMMUTABLE) res.setHeader('Cache-Control', IMMUTABLE);
  const type = compressibleType(target.file);
  if (!type) return false;
  res.setHeader('Vary', 'Accept-Encoding');
  // A byte range of an encoded body is useless to a client that asked for the file's bytes.
  if (req.headers.range) return false;
  const sibling = await findSibling(target.file, original, acceptedEncodings(req.headers['accept-encoding']));
  if (!sibling) return false;
  const etag = `W/"${sibling.info.size}-${sibling.info.mtime.getTime()}-${sibling.encoding}"`;
  const common = { 'Cache-Control': cacheControl, Vary: 'Accept-Encoding', ETag: etag, ...headers };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common).end();
    return true;
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Encoding': sibling.encoding,
    'Content-Length': sibling.info.size,
    'Last-Modified': sibling.info.mtime.toUTCString(),
    ...common,
  });
  if (req.method === 'HEAD') res.end();
  else pipeline(createReadStream(sibling.path), res, () => {});
  return true;
}

// A status code refuses the request; undefined leaves it to the next handler (outside `base`).
function locate(
  url: string,
  outDir: string,
  base: string,
): { file: string; path: string } | number | undefined {
  const pathname = url.replace(/[?#].*$/s, '');
  if (!pathname.startsWith(base)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return 400;
  }
  if (path.includes('\0')) return 400;
  if (path.split(/[/\\]/).includes('..')) return 403;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const file = resolve(outDir, path);
  return file.startsWith(outDir + sep) ? { file, path } : 403;
}

async function findSibling(file: string, original: Stats, accepted: ContentEncoding[]) {
  for (const encoding of accepted) {
    const path = file + SUFFIX[encoding];
    const info = await statFile(path);
    // An older sibling was compressed from an earlier version of the file.
    if (info && info.mtimeMs >= original.mtimeMs) return { encoding, path, info };
  }
  return undefined;
}

async function statFile(path: string): Promise<Stats | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? info : undefined;
}
