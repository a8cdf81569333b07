import type { OutputStream, PostToHost } from './protocol.ts';

/** Writes posted one message each before batching starts (a chatty program stays live, a flood stays cheap). */
export const EAGER_WRITES = 1000;
/** A batch is sent once it holds this many bytes... */
export const BATCH_BYTES = 64 * 1024;
/** ...or once its first write is this old. */
export const BATCH_MS = 50;

/** Streams console writes as `output` messages (used only without shared memory). */
export interface OutputSender {
  write(stream: OutputStream, data: Uint8Array): void;
  /** Sends whatever is still batched; call before `done`. */
  flush(): void;
}

/** An OutputSender for one run: every write at once at first, then batches by size and age, in order. */
export function createOutputSender(
  runId: string,
  post: PostToHost,
  now: () => number = () => performance.now(),
): OutputSender {
  let writes = 0;
  let stream: OutputStream | null = null;
  let parts: Uint8Array[] = [];
  let size = 0;
  let since = 0;
  const flush = (): void => {
    if (stream !== null && size > 0) {
      const chunk = concat(parts, size);
      post({ type: 'output', runId, stream, chunk }, [chunk.buffer]);
    }
    stream = null;
    parts = [];
    size = 0;
  };
  return {
    write(to, data) {
      writes++;
      if (stream !== null && to !== stream) flush();
      if (stream === null) since = now();
      stream = to;
      // The engine may reuse the buffer it hands us, so keep a copy.
      parts.push(data.slice());
      size += data.length;
      if (writes <= EAGER_WRITES || size >= BATCH_BYTES || now() - since >= BATCH_MS) flush();
    },
    flush,
  };
}

function concat(parts: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
