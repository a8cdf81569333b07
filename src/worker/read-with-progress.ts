/** Where the bytes of a download are kept: shared memory lets every sandbox worker see them without copies. */
export type Allocate = (size: number) => Uint8Array;

/** Plain memory. */
export const allocatePlain: Allocate = (size) => new Uint8Array(size);

/** Shared memory where the page is cross-origin isolated, else plain memory. */
export const allocateShared: Allocate = (size) =>
  globalThis.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size);

/**
 * Reads a response body to the end, reporting decoded bytes against `expected` (the uncompressed size; the
 * Content-Length of a compressed response counts the wrong bytes), into memory from `allocate`.
 */
export async function readWithProgress(
  response: Response,
  expected: number,
  onProgress: (done: number, total: number) => void,
  allocate: Allocate = allocatePlain,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  let out = allocate(expected);
  let done = 0;
  onProgress(0, expected);
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    if (done + chunk.value.length > out.length) {
      const bigger = allocate(Math.max(out.length * 2, done + chunk.value.length));
      bigger.set(out.subarray(0, done));
      out = bigger;
    }
    out.set(chunk.value, done);
    done += chunk.value.length;
    onProgress(done, Math.max(expected, done));
  }
  return done === out.length ? out : out.slice(0, done);
}
