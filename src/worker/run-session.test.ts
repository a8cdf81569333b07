import { createHash, randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../engine/run/report.ts';
import { SharedGrowableBytes } from '../engine/run/shared-storage.ts';
import {
  STDIO_CHANNELS,
  manifestText,
  parseValidManifest,
  text,
} from '../engine/test-support/sandbox-run.ts';
import { RunSession, STDIN_PIPE_BYTES } from './run-session.ts';
import type { SandboxRequest } from './run-session.ts';

// Plays the sandbox's side of the stdin pipe: blocking reads until the end of input (engine test support).
const PIPE_THREAD = new URL('../engine/test-support/pipe-thread.mjs', import.meta.url);

const request: SandboxRequest = {
  manifest: parseValidManifest(manifestText(STDIO_CHANNELS, { program: 'p.wasm' })),
  program: new Uint8Array(0),
  files: new Map(),
  liveStdin: true,
};

/** A session whose stdin pipe is read by a blocking thread; answers with the bytes it read (count and hash). */
function sessionWithReader() {
  const waiting: boolean[] = [];
  const session = new RunSession(
    'r1',
    request,
    true,
    { onOutput: () => {}, onInputWaiting: (w) => waiting.push(w) },
    () => Date.now(),
  );
  const message = session.message('key');
  const worker = new Worker(PIPE_THREAD, {
    workerData: { mode: 'read-all', buffer: message.stdinPipe, waits: message.waits },
  });
  const answer = new Promise<{ total: number; sha: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { session, waiting, answer };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe('RunSession with live stdin', () => {
  it('says when the program waits, times the wait, and hands typed lines through in order', async () => {
    const { session, waiting, answer } = sessionWithReader();
    expect(session.liveInput).toBe(true);
    await until(() => {
      session.poll();
      return waiting.length > 0;
    });
    expect(waiting).toEqual([true]);
    await new Promise((r) => setTimeout(r, 50));
    expect(session.inputWaitMs()).toBeGreaterThanOrEqual(40);
    session.input(new TextEncoder().encode('3\n'));
    session.input(new TextEncoder().encode('4\n'));
    session.endInput();
    expect(session.input(new TextEncoder().encode('late\n'))).toBe(false);
    const { total, sha } = await answer;
    expect(total).toBe(4);
    expect(sha).toBe(createHash('sha256').update('3\n4\n').digest('hex'));
    session.poll();
    expect(waiting).toEqual([true, false]);
    const report = session.finished({ stdout: new Uint8Array(0) } as RunReport);
    expect(text(report.typedInput!)).toBe('3\n4\n');
    expect(report.inputWaitMs).toBeGreaterThanOrEqual(40);
  });

  it('a paste bigger than the pipe waits on the page until the program reads it all', async () => {
    const { session, answer } = sessionWithReader();
    const big = randomBytes(STDIN_PIPE_BYTES * 3 + 123);
    session.input(big);
    session.endInput();
    const { total, sha } = await answer;
    expect(total).toBe(big.length);
    expect(sha).toBe(createHash('sha256').update(big).digest('hex'));
    expect(session.finished({} as RunReport).typedInput).toEqual(new Uint8Array(big));
  });

  it('without shared memory there is no pipe: input is refused and the report is left as it was', () => {
    const session = new RunSession('r2', request, false, { onOutput: () => {} }, () => 0);
    expect(session.liveInput).toBe(false);
    expect(session.message('k')).toMatchObject({ stdinPipe: null, waits: null });
    expect(session.input(new Uint8Array([65]))).toBe(false);
    const report = { state: 'ok' } as RunReport;
    expect(session.finished(report)).toBe(report);
  });
});

describe('RunSession console streaming', () => {
  it('holds back every console channel while one waits for its new buffer, so output keeps its order', () => {
    const output: string[] = [];
    const session = new RunSession(
      'r3',
      { ...request, liveStdin: false },
      true,
      { onOutput: (stream, bytes) => output.push(`${stream}:${text(bytes)}`) },
      () => 0,
    );
    const lengths = new Float64Array(session.message('k').lengths!);
    const grown: Array<[number, SharedArrayBuffer]> = [];
    const channel = (index: number) =>
      new SharedGrowableBytes(index, lengths, (i, buffer) => grown.push([i, buffer]));
    // A REPL: the result on stdout (channel 1), then the next prompt on stderr (channel 2).
    channel(1).write(0, new TextEncoder().encode('42\n'));
    channel(2).write(0, new TextEncoder().encode('>>> '));
    session.grew(...grown[1]!);
    session.poll();
    expect(output).toEqual([]);
    session.grew(...grown[0]!);
    session.poll();
    expect(output).toEqual(['stdout:42\n', 'stderr:>>> ']);
  });
});
