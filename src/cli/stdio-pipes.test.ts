import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BytePipe } from '../engine/stream/byte-pipe.ts';
import { ConsoleMuxReader, createConsolePipe } from '../engine/stream/console-mux.ts';
import type { ChannelSink } from '../engine/stream/stdio-streams.ts';
import { ConsoleDrain } from './console-drain.ts';
import { StdinFeeder } from './stdin-feeder.ts';
import { StreamBreaks } from './stdio-link.ts';

// The main thread's halves of live stdio against the engine's test thread, which plays the sandbox's side.
const THREAD = new URL('../engine/test-support/pipe-thread.mjs', import.meta.url);

interface ThreadAnswer {
  total: number;
  sha: string;
  log: Array<[string, number, number]>;
}

function startThread(workerData: Record<string, unknown>): Promise<ThreadAnswer> {
  const worker = new Worker(THREAD, { workerData });
  return new Promise<ThreadAnswer>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** A host stream that logs the order of writes across streams, taking `delayMs` per write. */
function loggingSink(log: Array<[string, Uint8Array]>, label: string, delayMs: number): Writable {
  return new Writable({
    highWaterMark: 4096,
    write(chunk: Buffer, _encoding, done) {
      log.push([label, chunk]);
      if (delayMs > 0) setTimeout(done, delayMs);
      else done();
    },
  });
}

describe('StdinFeeder', () => {
  it('opens its input only when the reader first waits, then delivers it byte-exact, then EOF', async () => {
    const pipe = BytePipe.create(64 * 1024);
    const data = randomBytes(6 * 1024 * 1024);
    let opened = 0;
    const feeder = new StdinFeeder(pipe, () => {
      opened++;
      const pieces: Uint8Array[] = [];
      for (let at = 0, n = 1; at < data.length; at += n, n = (n * 13 + 7919) % 200_000)
        pieces.push(data.subarray(at, at + n));
      return Readable.from(pieces);
    }).start();
    await sleep(50);
    expect(opened).toBe(0);
    const { total, sha } = await startThread({ mode: 'read-all', buffer: pipe.buffer });
    expect(opened).toBe(1);
    expect(total).toBe(data.length);
    expect(sha).toBe(createHash('sha256').update(data).digest('hex'));
    expect(feeder.fed).toBe(data.length);
    feeder.stop();
  });

  it('takes an error on its input as the end of input', async () => {
    const pipe = BytePipe.create(1024);
    new StdinFeeder(pipe, () =>
      Readable.from(
        (async function* () {
          yield Buffer.from('partial');
          throw Object.assign(new Error('read EIO'), { code: 'EIO' });
        })(),
      ),
    ).start();
    expect(await startThread({ mode: 'read-all', buffer: pipe.buffer })).toMatchObject({ total: 7 });
  });
});

describe('ConsoleDrain', () => {
  it('hands stdout and stderr on in the order written, the slow stream holding the other back', async () => {
    const buffer = createConsolePipe(4096);
    const reader = new ConsoleMuxReader(buffer);
    const log: Array<[string, Uint8Array]> = [];
    const streams = { stdout: loggingSink(log, 'stdout', 1), stderr: loggingSink(log, 'stderr', 0) };
    const drain = new ConsoleDrain(reader, streams, new StreamBreaks(new SharedArrayBuffer(16)), {
      keep: 100,
    });
    const answer = startThread({ mode: 'write-console', buffer, writes: 300, maxWrite: 9000 });
    await drain.run();
    const { log: written } = await answer;
    // Join consecutive chunks of one write back together (writes longer than the ring come in pieces).
    const seen: Array<[string, number, number]> = [];
    for (const [stream, chunk] of log) {
      const last = seen.at(-1);
      if (last && last[0] === stream && last[2] === chunk[0]) last[1] += chunk.length;
      else seen.push([stream, chunk.length, chunk[0]!]);
    }
    expect(seen).toEqual(written);
    expect(drain.kept.stdout.bytes().length).toBe(100);
  });

  it('a host stream that fails is marked broken for the guest; the other goes on', async () => {
    const buffer = createConsolePipe(4096);
    const breaks = new StreamBreaks(new SharedArrayBuffer(16));
    const log: Array<[string, Uint8Array]> = [];
    const broken: string[] = [];
    const stdout = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const streams = { stdout, stderr: loggingSink(log, 'stderr', 0) };
    const drain = new ConsoleDrain(new ConsoleMuxReader(buffer), streams, breaks, {
      onBroken: (s) => broken.push(s),
    });
    const answer = startThread({ mode: 'write-console', buffer, writes: 300, maxWrite: 2000 });
    await drain.run();
    await answer;
    expect(broken).toEqual(['stdout']);
    expect(breaks.broken('stdout')).toBe(true);
    expect(breaks.broken('stderr')).toBe(false);
    // Every fifth write went to stderr, and all of them arrived.
    expect(log.length).toBeGreaterThanOrEqual(60);
  });
});

describe('StreamBreaks', () => {
  it('refuses writes to a broken stream and counts them; the first refusal is awaited', async () => {
    const breaks = new StreamBreaks(new SharedArrayBuffer(16));
    const got: number[] = [];
    const sink: ChannelSink = { write: (data) => got.push(data.length) > 0 };
    const stdout = breaks.guard('stdout', sink);
    const stderr = breaks.guard('stderr', sink);
    expect(stdout.write(new Uint8Array(3))).toBe(true);
    breaks.markBroken('stdout');
    const refused = breaks.firstRefusal('stdout');
    expect(stdout.write(new Uint8Array(4))).toBe(false);
    expect(stderr.write(new Uint8Array(5))).toBe(true);
    await refused;
    expect(breaks.refusals('stdout')).toBe(1);
    expect(got).toEqual([3, 5]);
  });
});
