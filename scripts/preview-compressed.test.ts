import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, previewCompressedPlugin } from './preview-compressed.ts';

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
const wasm = Buffer.concat([Buffer.from('\0asm\x01\0\0\0'), Buffer.alloc(50_000, 1)]);
const html = Buffer.from(`<!doctype html>${'<p>sandbox</p>'.repeat(200)}`);
const WASM_URL = '/assets/llvm.core-AbCd1234.wasm';

let root: string;
let server: PreviewServer;
let origin: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'preview-compressed-'));
  const dist = join(root, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(root, 'package.json'), '{"secret": true}');
  for (const [name, bytes] of [
    [WASM_URL, wasm],
    ['/index.html', html],
  ] as const) {
    await writeFile(join(dist, name), bytes);
    await writeFile(join(dist, `${name}.br`), brotliCompressSync(bytes));
    await writeFile(join(dist, `${name}.gz`), gzipSync(bytes));
  }
  // A sibling older than its file was compressed from an earlier version of it.
  await writeFile(join(dist, 'stale.js.br'), brotliCompressSync('export const version = 1;'));
  await utimes(join(dist, 'stale.js.br'), new Date(2000, 0), new Date(2000, 0));
  await writeFile(join(dist, 'stale.js'), 'export const version = 2;');
  server = await preview({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [previewCompressedPlugin()],
    preview: { host: '127.0.0.1', port: 0, headers: isolation },
  });
  origin = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

/** A request with exactly these headers and this raw path (fetch would add Accept-Encoding and drop `..`). */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    request(`${origin}${path}`, { path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('previewCompressedPlugin', () => {
  it('serves the brotli sibling of a hashed wasm as application/wasm, immutable and cross-origin isolated', async () => {
    const response = await fetch(`${origin}${WASM_URL}?v=1`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'application/wasm',
      'content-length': String(brotliCompressSync(wasm).length),
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'Accept-Encoding',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(wasm)).toBe(true);
  });

  it('serves the gzip sibling to a client that accepts only gzip', async () => {
    const response = await rawGet(WASM_URL, { 'Accept-Encoding': 'gzip, br;q=0' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe('application/wasm');
    expect(gunzipSync(response.body).equals(wasm)).toBe(true);
  });

  it('leaves a request without Accept-Encoding to Vite, which sends the file itself', async () => {
    const response = await rawGet(WASM_URL);
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('application/wasm');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(response.body.equals(wasm)).toBe(true);
  });

  it('answers HEAD with the headers only, and the page with no-cache', async () => {
    const response = await fetch(`${origin}/`, { method: 'HEAD', headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('');
  });

  it('never serves a sibling older than its file, nor one for a byte range', async () => {
    const stale = await rawGet('/stale.js', { 'Accept-Encoding': 'br' });
    expect(stale.headers['content-encoding']).toBeUndefined();
    expect(stale.body.toString()).toBe('export const version = 2;');
    const range = await rawGet(WASM_URL, { 'Accept-Encoding': 'br', Range: 'bytes=0-3' });
    expect(range.status).toBe(206);
    expect(range.headers['content-encoding']).toBeUndefined();
    expect(range.body.toString('latin1')).toBe('\0asm');
  });

  it('refuses paths that leave the output directory', async () => {
    for (const path of ['/../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2Fpackage.json']) {
      const response = await rawGet(path, { 'Accept-Encoding': 'br' });
      expect(response.status, path).toBe(403);
      expect(response.body.toString()).not.toContain('secret');
    }
    expect((await rawGet('/%E0%A4%A')).status).toBe(400);
  });
});

describe('acceptedEncodings', () => {
  it('honours q-values and wildcards, preferring brotli on ties', () => {
    expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=0.5, gzip;q=0.8')).toEqual(['gzip', 'br']);
    expect(acceptedEncodings('br;q=0, *')).toEqual(['gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });
});
