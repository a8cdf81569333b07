import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { quickRun } from '../engine/run/quick-mode.ts';
import { loadFixture } from '../engine/test-support/fixture-cache.ts';
import { compile } from '../toolchains/compile.ts';
import type { HostStdio } from './live-stdio.ts';
import { runInThread } from './run-in-thread.ts';
import { YES_WAT } from './cli-test-support.ts';
import type { ThreadRunReport } from './run-in-thread.ts';

// runInThread with live stdio, in this process: the real sandbox thread, host streams played by Node streams.

/** A Writable that keeps what it gets, optionally slowly, or failing (EPIPE) after `failAfter` writes. */
class HostSink extends Writable {
  readonly chunks: Buffer[] = [];
  writes = 0;

  constructor(
    private readonly log: string[],
    private readonly label: string,
    private readonly options: { delayMs?: number; failAfter?: number } = {},
  ) {
    super({ highWaterMark: 1024 });
  }

  override _write(chunk: Buffer, _encoding: string, done: (error?: Error | null) => void): void {
    if (this.writes++ === this.options.failAfter) {
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      return;
    }
    this.chunks.push(chunk);
    this.log.push(this.label);
    if (this.options.delayMs) setTimeout(done, this.options.delayMs);
    else done();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString();
  }
}

interface LiveRun {
  report: ThreadRunReport;
  stdout: HostSink;
  stderr: HostSink;
  /** Whether the guest's stdin was opened at all. */
  stdinOpened: boolean;
  ms: number;
}

/** Runs a program in quick mode with its stdio joined to the given (or fresh) Node streams. */
async function liveRun(
  program: Uint8Array,
  options: {
    args?: string[];
    input?: () => Readable;
    stdout?: HostSink;
    stderr?: HostSink;
    timeout?: number;
  } = {},
): Promise<LiveRun> {
  const log: string[] = [];
  const quick = quickRun({ program: 'guest.wasm', args: options.args, timeout: options.timeout });
  const files = new Map([[quick.nvramPath, new TextEncoder().encode(quick.nvramText)]]);
  let stdinOpened = false;
  const stdio: HostStdio = {
    openStdin: () => {
      stdinOpened = true;
      return (options.input ?? (() => Readable.from([])))();
    },
    stdout: options.stdout ?? new HostSink(log, 'stdout'),
    stderr: options.stderr ?? new HostSink(log, 'stderr'),
    kinds: { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' },
  };
  const started = performance.now();
  const report = await runInThread(
    { manifest: quick.manifest, nvram: quick.nvram, program, files },
    { stdio },
  );
  return {
    report,
    stdout: stdio.stdout as HostSink,
    stderr: stdio.stderr as HostSink,
    stdinOpened,
    ms: performance.now() - started,
  };
}

/** A stream of `pieces`, each after `pauseMs`. */
function slowInput(pieces: Array<string | Uint8Array>, pauseMs: number): () => Readable {
  return () =>
    Readable.from(
      (async function* () {
        for (const piece of pieces) {
          await sleep(pauseMs);
          yield typeof piece === 'string' ? Buffer.from(piece) : piece;
        }
      })(),
    );
}

const sha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

// A guest that polls stdin with a 1 ms timeout (a peek: it never blocks in a read) and copies what is ready.
const POLL_LOOP_WAT = `(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (local $n i32)
    ;; subscription 1: stdin readable (userdata 1); subscription 2: monotonic clock, 1 ms (userdata 2)
    (i64.store (i32.const 0) (i64.const 1))
    (i32.store8 (i32.const 8) (i32.const 1))
    (i32.store (i32.const 16) (i32.const 0))
    (i64.store (i32.const 48) (i64.const 2))
    (i32.store8 (i32.const 56) (i32.const 0))
    (i32.store (i32.const 64) (i32.const 1))
    (i64.store (i32.const 72) (i64.const 1000000))
    ;; iovecs: read into 1024 (4 KiB) at 200, write from 1024 at 216
    (i32.store (i32.const 200) (i32.const 1024))
    (i32.store (i32.const 204) (i32.const 4096))
    (i32.store (i32.const 216) (i32.const 1024))
    (loop $again
      (drop (call $poll (i32.const 0) (i32.const 128) (i32.const 2) (i32.const 192)))
      (if (i32.or
            (i64.eq (i64.load (i32.const 128)) (i64.const 1))
            (i32.and (i32.gt_u (i32.load (i32.const 192)) (i32.const 1))
                     (i64.eq (i64.load (i32.const 160)) (i64.const 1))))
        (then
          (drop (call $read (i32.const 0) (i32.const 200) (i32.const 1) (i32.const 208)))
          (local.set $n (i32.load (i32.const 208)))
          (if (i32.eqz (local.get $n)) (then (return)))
          (i32.store (i32.const 220) (local.get $n))
          (drop (call $write (i32.const 1) (i32.const 216) (i32.const 1) (i32.const 224)))))
      (br $again))))`;

async function assemble(text: string): Promise<Uint8Array> {
  const result = await compile({ language: 'wat', files: { 'm.wat': text }, sources: ['m.wat'] });
  if (!result.ok || !result.wasm) throw new Error(result.log);
  return result.wasm;
}

let yes: Uint8Array;
let pollLoop: Uint8Array;
beforeAll(async () => {
  yes = await assemble(YES_WAT);
  pollLoop = await assemble(POLL_LOOP_WAT);
});

describe('live stdio through the sandbox thread', () => {
  it('copies 1 KiB, 1 MiB and 8 MiB byte-exact, with 4 KiB and 64 KiB writes, fed in uneven pieces', async () => {
    for (const size of [1024, 1 << 20, 8 << 20]) {
      const data = randomBytes(size);
      const pieces: Uint8Array[] = [];
      for (let at = 0, n = 1; at < size; at += n, n = (n * 7 + 4093) % 300_000)
        pieces.push(data.subarray(at, at + n));
      for (const fixture of ['echo-stdin', 'stream-64k']) {
        const { report, stdout } = await liveRun(loadFixture(fixture), {
          input: () => Readable.from(pieces),
        });
        expect(report.state, `${fixture} ${size}`).toBe('ok');
        expect(sha(Buffer.concat(stdout.chunks)), `${fixture} ${size}`).toBe(sha(data));
        expect(report.channels[0]).toMatchObject({ bytesRead: size });
        expect(report.stdout.length).toBe(Math.min(size, 64 * 1024));
      }
    }
  });

  it('gives the guest input as it comes: output of the first line before the second is sent', async () => {
    const log: string[] = [];
    const stdout = new HostSink(log, 'stdout');
    let sawEarlyOutput = false;
    const input = (): Readable =>
      Readable.from(
        (async function* () {
          yield Buffer.from('early\n');
          for (let i = 0; i < 100 && stdout.text() === ''; i++) await sleep(20);
          sawEarlyOutput = stdout.text() === 'early\n';
          yield Buffer.from('late\n');
        })(),
      );
    const { report } = await liveRun(loadFixture('echo-stdin'), { input, stdout });
    expect(sawEarlyOutput).toBe(true);
    expect(stdout.text()).toBe('early\nlate\n');
    expect(report.exitCode).toBe(0);
  });

  it('does not open stdin for a program that never reads it', async () => {
    const { report, stdout, stdinOpened } = await liveRun(loadFixture('tty-probe'), {
      input: () => {
        throw new Error('stdin opened');
      },
    });
    expect(stdout.text()).toBe('tty 0 0 0\n');
    expect(report.state).toBe('ok');
    expect(stdinOpened).toBe(false);
  });

  it('opens stdin for a program that only polls it with a timeout (it never blocks in a read)', async () => {
    const { report, stdout } = await liveRun(pollLoop, { input: slowInput(['one\n', 'two\n'], 100) });
    expect(report.state).toBe('ok');
    expect(stdout.text()).toBe('one\ntwo\n');
  });

  it('leaves time spent waiting for input out of the Timeout, and reports it', async () => {
    const { report, stdout } = await liveRun(loadFixture('echo-stdin'), {
      input: slowInput(['a\n', 'b\n', 'c\n'], 500),
      timeout: 1,
    });
    expect(report.state).toBe('ok');
    expect(stdout.text()).toBe('a\nb\nc\n');
    expect(report.waitedMs).toBeGreaterThan(1200);
  });

  it('leaves time spent waiting for a slow reader of stdout out of the Timeout', async () => {
    const stdout = new HostSink([], 'stdout', { delayMs: 15 });
    // 8 MiB in 64 KiB writes to a reader that takes 15 ms a write: about 1.9 s, with Timeout = 1. The console
    // pipe holds 1 MiB, so the guest spends most of that time waiting for room.
    const { report } = await liveRun(loadFixture('flood-stdout'), { args: ['8'], stdout, timeout: 1 });
    expect(report.state).toBe('ok');
    expect(Buffer.concat(stdout.chunks).length).toBe(8 << 20);
    expect(report.waitedMs).toBeGreaterThan(1000);
  });

  it('keeps what a program wrote before its Timeout, on the host stream and in the report', async () => {
    const { report, stdout, ms } = await liveRun(loadFixture('loop-forever'), { timeout: 1 });
    expect(report).toMatchObject({ state: 'timeout', message: 'killed: timeout after 1 s' });
    expect(stdout.text()).toBe('looping\n');
    expect(new TextDecoder().decode(report.stdout)).toBe('looping\n');
    expect(ms).toBeLessThan(5000);
  });

  it('a closed stdout gives the guest EPIPE on stdout only: its stderr still arrives', async () => {
    const log: string[] = [];
    const stdout = new HostSink(log, 'stdout', { failAfter: 2 });
    const stderr = new HostSink(log, 'stderr');
    const { report } = await liveRun(loadFixture('flood-stdout'), { args: ['64'], stdout, stderr });
    expect(report).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(stderr.text()).toMatch(/^wrote \d+ bytes; failed writes: \d+ \(EPIPE\)\n$/);
    expect(report.brokenPipe).toBeUndefined();
  });

  it('stops a guest that goes on writing after EPIPE, as SIGPIPE would, after a short grace', async () => {
    const stdout = new HostSink([], 'stdout', { failAfter: 3 });
    const { report, ms } = await liveRun(yes, { stdout, timeout: 20 });
    expect(report).toMatchObject({ state: 'killed', exitCode: null, brokenPipe: 'stdout' });
    expect(report.message).toMatch(/^killed: broken pipe/);
    expect(ms).toBeLessThan(3000);
  });
});
