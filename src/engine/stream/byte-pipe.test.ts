import { createHash, randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BROKEN_PIPE, BytePipe } from './byte-pipe.ts';
import { ConsoleMuxReader, createConsolePipe } from './console-mux.ts';
import type { ConsoleRecord } from './console-mux.ts';
import { WaitClock } from './wait-clock.ts';

const THREAD = new URL('../test-support/pipe-thread.mjs', import.meta.url);

/** What the pipe thread answers (see pipe-thread.mjs). */
interface ThreadAnswer {
  total: number;
  sha: string;
  log: Array<[string, number, number]>;
  broken: boolean;
}

function startThread(workerData: Record<string, unknown>): { worker: Worker; answer: Promise<ThreadAnswer> } {
  const worker = new Worker(THREAD, { workerData });
  const answer = new Promise<ThreadAnswer>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { worker, answer };
}

describe('BytePipe in one thread', () => {
  it('hands bytes through in order across the end of the ring', () => {
    const pipe = BytePipe.create(16);
    expect(pipe.capacity).toBe(16);
    const seen: number[] = [];
    let next = 0;
    for (let round = 0; round < 20; round++) {
      const chunk = Uint8Array.from({ length: (round % 7) + 3 }, () => next++ % 256);
      expect(pipe.tryWrite(chunk)).toBe(chunk.length);
      seen.push(...pipe.tryRead(round % 2 === 0 ? 100 : 2));
      seen.push(...pipe.tryRead());
    }
    expect(seen).toEqual(Array.from({ length: next }, (_, i) => i % 256));
  });

  it('takes only what fits, and a record all or nothing', () => {
    const pipe = BytePipe.create(16);
    expect(pipe.tryWrite(new Uint8Array(20))).toBe(16);
    expect(pipe.tryWrite(new Uint8Array(1))).toBe(0);
    pipe.tryRead(4);
    expect(pipe.tryWriteRecord([new Uint8Array(3), new Uint8Array(2)])).toBe(false);
    expect(pipe.tryWriteRecord([new Uint8Array(3), new Uint8Array(1)])).toBe(true);
    expect(pipe.available()).toBe(16);
  });

  it('ends once the writer closed and the ring is drained; a closed reader breaks the pipe', () => {
    const pipe = BytePipe.create(16);
    pipe.tryWrite(new TextEncoder().encode('last'));
    pipe.closeWrite();
    expect(pipe.ended()).toBe(false);
    expect(new TextDecoder().decode(pipe.read(100)!)).toBe('last');
    expect(pipe.ended()).toBe(true);
    expect(pipe.read(100)).toBeNull();
    const other = BytePipe.create(16);
    other.closeRead();
    expect(other.tryWrite(new Uint8Array(1))).toBe(BROKEN_PIPE);
    expect(other.writeRecord([new Uint8Array(1)])).toBe(false);
  });
});

describe('BytePipe between threads', () => {
  it('delivers 6 MiB written in random pieces to a blocking reader, byte-exact', async () => {
    const pipe = BytePipe.create(64 * 1024);
    const { answer } = startThread({ mode: 'read-all', buffer: pipe.buffer });
    const data = randomBytes(6 * 1024 * 1024);
    for (let at = 0; at < data.length;) {
      const n = pipe.tryWrite(data.subarray(at, at + 1 + (at % 100_003)));
      at += n;
      if (n === 0) await pipe.roomOrClosed();
    }
    pipe.closeWrite();
    const { total, sha } = await answer;
    expect(total).toBe(data.length);
    expect(sha).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('a blocked reader says it is waiting, and the wait is timed', async () => {
    const pipe = BytePipe.create(1024);
    const clock = new WaitClock();
    const { answer } = startThread({ mode: 'read-all', buffer: pipe.buffer, waits: clock.buffer });
    await pipe.readerStartsWaiting();
    expect(pipe.readerWaiting).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(clock.waiting).toBe(true);
    expect(clock.waitedMs()).toBeGreaterThanOrEqual(40);
    pipe.tryWrite(new TextEncoder().encode('typed\n'));
    pipe.closeWrite();
    const { total } = await answer;
    expect(total).toBe(6);
    expect(clock.waiting).toBe(false);
    expect(clock.waitedMs()).toBeGreaterThanOrEqual(40);
  });

  it('keeps stdout and stderr in the order written, with a full pipe slowing the writer', async () => {
    const buffer = createConsolePipe(4096);
    const reader = new ConsoleMuxReader(buffer);
    const { answer } = startThread({ mode: 'write-console', buffer, writes: 400, maxWrite: 9000 });
    const records: ConsoleRecord[] = [];
    while (!reader.pipe.ended()) {
      records.push(...reader.take().map((r) => ({ stream: r.stream, data: r.data.slice() })));
      await reader.pipe.dataOrEnd();
    }
    records.push(...reader.take());
    const { log } = await answer;
    // Join consecutive records of a stream back into writes (a write longer than the ring is split).
    const writes: Array<[string, number, number]> = [];
    for (const r of records) {
      const last = writes.at(-1);
      if (last && last[0] === r.stream && last[2] === r.data[0] && r.data.every((b) => b === last[2]))
        last[1] += r.data.length;
      else writes.push([r.stream, r.data.length, r.data[0]!]);
    }
    expect(writes).toEqual(log);
  });

  it('a consumer that goes away fails the blocked writer (broken pipe) instead of leaving it waiting', async () => {
    const buffer = createConsolePipe(1024);
    const reader = new ConsoleMuxReader(buffer);
    const { answer } = startThread({ mode: 'write-console', buffer, writes: 1000, maxWrite: 500 });
    await reader.pipe.dataOrEnd();
    reader.take();
    reader.close();
    const { broken, log } = await answer;
    expect(broken).toBe(true);
    expect(log.length).toBeLessThan(1000);
  });
});
