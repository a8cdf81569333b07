import { extname } from 'node:path';

/** Files smaller than this are not worth a `.br`/`.gz` sibling: headers and a round trip cost more. */
export const MIN_COMPRESS_SIZE = 1024;

// Source maps are left out on purpose: only devtools fetch them, and they would double the work.
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html;charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'text/xml',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.py': 'text/x-python',
  '.c': 'text/x-c',
  '.h': 'text/x-c',
  '.wasm': 'application/wasm',
  '.tar': 'application/x-tar',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ico': 'image/x-icon',
};

/** The Content-Type of a file worth precompressing, or undefined when its format is already compressed. */
export function compressibleType(path: string): string | undefined {
  return TYPES[extname(path).toLowerCase()];
}
