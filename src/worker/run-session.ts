import { channelHost } from '../engine/run/build-sandbox.ts';
import { killedReport } from '../engine/run/killed-report.ts';
import type { RunReport } from '../engine/run/report.ts';
import type { RunRequest } from '../engine/run/run-sandbox.ts';
import { SharedStorageReader, sharedLengthsBytes } from '../engine/run/shared-storage.ts';
import { COUNTER_FIELDS } from '../engine/wasi/channel.ts';
import type { OutputStream, RunMessage } from './protocol.ts';

/** What the page asks the sandbox to run (the engine's request without the thread-local parts). */
export type SandboxRequest = Pick<
  RunRequest,
  'manifest' | 'nvram' | 'program' | 'files' | 'stdin' | 'deterministic' | 'trace'
>;

/** Where a run's live output and meters go while it runs. */
export interface RunCallbacks {
  /** Console bytes as the guest writes them (chunks may end mid UTF-8 sequence). */
  onOutput(stream: OutputStream, bytes: Uint8Array): void;
  /** The live per-channel counters (engine channel.ts layout), on every poll; only with shared memory. */
  onCounters?(counters: Float64Array): void;
}

/** The page side of one run: shared buffers, console streaming, and the reports of runs that never finished. */
export class RunSession {
  /** Per-channel counters: shared with the worker when `shared`, else zeros. */
  readonly counters: Float64Array;
  private readonly countersBuffer: SharedArrayBuffer | null = null;
  private readonly lengthsBuffer: SharedArrayBuffer | null = null;
  private readonly reader: SharedStorageReader;
  private readonly consoles: Array<{ index: number; stream: OutputStream; sent: number }>;
  private readonly received: Record<OutputStream, Uint8Array[]> = { stdout: [], stderr: [] };
  private readonly createdAt: number;
  private startedAt: number | null = null;

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
    this.reader = new SharedStorageReader(
      this.lengthsBuffer
        ? new Float64Array(this.lengthsBuffer)
        : new Float64Array(sharedLengthsBytes(count) / 8),
    );
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
    };
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
    for (const c of this.consoles) {
      const length = this.reader.length(c.index);
      if (length > c.sent) {
        this.callbacks.onOutput(c.stream, this.reader.read(c.index, c.sent, length));
        c.sent = length;
      }
    }
    this.callbacks.onCounters?.(this.counters);
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
    if (this.shared) return { ...report, changes };
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
