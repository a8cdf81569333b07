import { channelHost } from '../engine/run/build-sandbox.ts';
import { killedReport } from '../engine/run/killed-report.ts';
import type { RunReport } from '../engine/run/report.ts';
import type { RunRequest } from '../engine/run/run-sandbox.ts';
import {
  SHARED_LENGTH_FIELDS,
  SharedStorageReader,
  sharedLengthsBytes,
} from '../engine/run/shared-storage.ts';
import { BytePipe } from '../engine/stream/byte-pipe.ts';
import { WaitClock } from '../engine/stream/wait-clock.ts';
import { COUNTER_FIELDS } from '../engine/wasi/channel.ts';
import type { OutputStream, RunMessage } from './protocol.ts';

/** What the page asks the sandbox to run (the engine's request without the thread-local parts). */
export type SandboxRequest = Pick<
  RunRequest,
  'manifest' | 'nvram' | 'program' | 'files' | 'stdin' | 'deterministic' | 'trace'
> & {
  /**
   * Stdin is typed while the program runs (see RunSession.input) instead of `stdin`; needs shared memory,
   * without which the program gets `stdin` (then end of input) as usual. @default false
   */
  liveStdin?: boolean;
};

/** Bytes of typed input the pipe to the sandbox holds; more waits on the page until the program reads. */
export const STDIN_PIPE_BYTES = 64 * 1024;

/** Where a run's live output and meters go while it runs. */
export interface RunCallbacks {
  /** Console bytes as the guest writes them (chunks may end mid UTF-8 sequence). */
  onOutput(stream: OutputStream, bytes: Uint8Array): void;
  /** The live per-channel counters (engine channel.ts layout), on every poll; only with shared memory. */
  onCounters?(counters: Float64Array): void;
  /** The program started or stopped waiting for typed input (live stdin only; noticed on a poll). */
  onInputWaiting?(waiting: boolean): void;
}

/** The page side of one run: shared buffers, console streaming, and the reports of runs that never finished. */
export class RunSession {
  /** Per-channel counters: shared with the worker when `shared`, else zeros. */
  readonly counters: Float64Array;
  private readonly countersBuffer: SharedArrayBuffer | null = null;
  private readonly lengthsBuffer: SharedArrayBuffer | null = null;
  private readonly reader: SharedStorageReader;
  private readonly lengths: Float64Array;
  private readonly consoles: Array<{ index: number; stream: OutputStream; sent: number }>;
  private readonly received: Record<OutputStream, Uint8Array[]> = { stdout: [], stderr: [] };
  private readonly createdAt: number;
  private startedAt: number | null = null;
  /** Live stdin: the pipe typed input goes through, and the clock of the guest's waits on it. */
  private readonly pipe: BytePipe | null = null;
  private readonly clock: WaitClock | null = null;
  /** Everything sent, for the report (a rerun or share replays it). */
  private readonly typed: Uint8Array[] = [];
  /** Sent bytes that did not fit in the pipe yet, in order. */
  private queue: Uint8Array[] = [];
  private inputEnded = false;
  private pumping = false;
  private waiting = false;

  constructor(
    readonly runId: string,
    readonly request: SandboxRequest,
    readonly shared: boolean,
    private readonly callbacks: RunCallbacks,
    private readonly now: () => number,
  ) {
    const count = request.manifest.channels.length;
    if (shared) {
      this.countersBuffer = new SharedArrayBuffer(Math.max(1, count * COUNTER_FIELDS) * 8);
      this.lengthsBuffer = new SharedArrayBuffer(sharedLengthsBytes(count));
    }
    this.counters = this.countersBuffer
      ? new Float64Array(this.countersBuffer)
      : new Float64Array(count * COUNTER_FIELDS);
    this.lengths = this.lengthsBuffer
      ? new Float64Array(this.lengthsBuffer)
      : new Float64Array(sharedLengthsBytes(count) / 8);
    this.reader = new SharedStorageReader(this.lengths);
    if (shared && request.liveStdin) {
      this.pipe = BytePipe.create(STDIN_PIPE_BYTES);
      this.clock = new WaitClock();
    }
    this.consoles = request.manifest.channels
      .map((c, index) => ({ index, stream: channelHost(c.uri) as OutputStream, sent: 0 }))
      .filter((c) => c.stream === 'stdout' || c.stream === 'stderr');
    this.createdAt = now();
  }

  /** The `run` message for the worker. */
  message(programKey: string): RunMessage {
    const { request } = this;
    return {
      type: 'run',
      runId: this.runId,
      manifest: request.manifest,
      nvram: request.nvram,
      program: request.program,
      programKey,
      files: [...request.files],
      stdin: request.stdin ?? new Uint8Array(0),
      deterministic: request.deterministic ?? true,
      trace: request.trace ?? false,
      counters: this.countersBuffer,
      lengths: this.lengthsBuffer,
      stdinPipe: this.pipe?.buffer ?? null,
      waits: this.clock?.buffer ?? null,
    };
  }

  /** Whether the program reads typed input (live stdin over shared memory) rather than `request.stdin`. */
  get liveInput(): boolean {
    return this.pipe !== null;
  }

  /**
   * Sends typed bytes to the program, recorded for the report; false when its input is not live or has
   * ended. Never blocks: what does not fit in the pipe waits here until the program reads.
   */
  input(bytes: Uint8Array): boolean {
    if (this.pipe === null || this.inputEnded) return false;
    this.typed.push(bytes.slice());
    if (bytes.length > 0) this.queue.push(bytes.slice());
    this.pump();
    return true;
  }

  /** Ends the program's input (Ctrl-D) once what was sent before has gone in. */
  endInput(): void {
    if (this.pipe === null || this.inputEnded) return;
    this.inputEnded = true;
    this.pump();
  }

  /** Milliseconds the program has spent waiting for typed input (0 without live input). */
  inputWaitMs(): number {
    return this.clock?.waitedMs() ?? 0;
  }

  /** The run is over: a wait for room in the pipe (a program that stopped reading) is let go. */
  close(): void {
    this.pipe?.closeRead();
    this.queue = [];
  }

  /** The worker's report, with what was typed and how long the program waited for it. */
  finished(report: RunReport): RunReport {
    if (this.pipe === null) return report;
    return { ...report, typedInput: join(this.typed), inputWaitMs: this.inputWaitMs() };
  }

  /** Moves queued input into the pipe as room allows; closes the writing end after it once input ended. */
  private pump(): void {
    const pipe = this.pipe!;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      const n = pipe.tryWrite(next);
      // The program's side is gone (the run is over): nothing more can go in.
      if (n < 0) {
        this.queue = [];
        return;
      }
      if (n === next.length) {
        this.queue.shift();
        continue;
      }
      this.queue[0] = next.subarray(n);
      if (!this.pumping) {
        this.pumping = true;
        void pipe.roomOrClosed().then(() => {
          this.pumping = false;
          this.pump();
        });
      }
      return;
    }
    if (this.inputEnded) pipe.closeWrite();
  }

  /** The worker began the run: the Timeout clock starts now. */
  started(): void {
    this.startedAt = this.now();
  }

  /** Whether the worker has begun the run. */
  get hasStarted(): boolean {
    return this.startedAt !== null;
  }

  /** A channel's shared buffer was replaced by a bigger one. */
  grew(channel: number, buffer: SharedArrayBuffer): void {
    this.reader.grew(channel, buffer);
  }

  /** Console bytes sent as a message (no shared memory). */
  output(stream: OutputStream, chunk: Uint8Array): void {
    this.received[stream].push(chunk);
    this.callbacks.onOutput(stream, chunk);
  }

  /** Streams console bytes written since the last poll and reports the counters (shared memory only). */
  poll(): void {
    if (!this.shared) return;
    // Until a console channel's new buffer arrives (a 'grow' message) its latest bytes cannot be read: the
    // others wait too, or output written after them (a prompt on stderr after a result on stdout) would
    // come first.
    const behind = this.consoles.some(
      (c) => this.reader.length(c.index) < (this.lengths[c.index * SHARED_LENGTH_FIELDS] ?? 0),
    );
    for (const c of behind ? [] : this.consoles) {
      const length = this.reader.length(c.index);
      if (length > c.sent) {
        this.callbacks.onOutput(c.stream, this.reader.read(c.index, c.sent, length));
        c.sent = length;
      }
    }
    this.callbacks.onCounters?.(this.counters);
    this.pollWaiting();
  }

  /** Tells the callbacks when the program starts or stops waiting for typed input. */
  private pollWaiting(): void {
    if (this.pipe === null) return;
    const waiting = this.pipe.readerWaiting && this.queue.length === 0 && !this.pipe.writerClosed;
    if (waiting === this.waiting) return;
    this.waiting = waiting;
    this.callbacks.onInputWaiting?.(waiting);
  }

  /** Milliseconds since the worker started the run (or since it was asked to). */
  wallMs(): number {
    return this.now() - (this.startedAt ?? this.createdAt);
  }

  /** The report of a run whose worker was terminated: what it wrote before, files marked partial. */
  killed(cause: 'timeout' | 'stopped'): RunReport {
    const report = killedReport(this.request, this.reader, this.counters, this.wallMs(), cause);
    // A run that never started changed nothing; without shared memory we only know the console.
    const changes = this.shared && this.hasStarted ? report.changes : [];
    if (this.shared) return this.finished({ ...report, changes });
    return { ...report, stdout: join(this.received.stdout), stderr: join(this.received.stderr), changes };
  }

  /** The report of a run whose worker failed; project files are left alone. */
  crashed(reason: string): RunReport {
    const report = this.killed('stopped');
    return { ...report, state: 'crash', exitCode: null, message: `crashed: ${reason}`, changes: [] };
  }
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
