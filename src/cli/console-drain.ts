import type { Writable } from 'node:stream';
import type { ConsoleMuxReader, ConsoleRecord, ConsoleStream } from '../engine/stream/console-mux.ts';
import type { StreamBreaks } from './stdio-link.ts';

/**
 * A host stream the guest's console goes to. Tracks writes not yet handed to the OS, so the drain can wait
 * for them (backpressure, and order across stdout and stderr), and notices when the stream's reader is gone
 * (EPIPE, or any write error): from then on its bytes are dropped.
 */
export class HostOutput {
  private isBroken = false;
  private unflushed = 0;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly stream: Writable,
    private readonly onBroken: () => void,
  ) {
    stream.on('error', this.fail);
  }

  /** Whether the stream failed (its bytes are dropped from then on). */
  get broken(): boolean {
    return this.isBroken;
  }

  /** Whether some writes are still queued in Node, not yet with the OS. */
  get pending(): boolean {
    return this.unflushed > 0;
  }

  /** Writes `data`; false when Node's buffer is full (wait for `flushed` before writing more). */
  write(data: Uint8Array): boolean {
    if (this.isBroken || this.stream.destroyed) {
      this.fail();
      return true;
    }
    this.unflushed++;
    return this.stream.write(data, this.written);
  }

  /** Resolves once every write so far is with the OS, or the stream broke. */
  flushed(): Promise<void> {
    if (this.unflushed === 0 || this.isBroken) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops listening to the stream (a process-wide listener keeps late errors quiet, see host-stdio). */
  dispose(): void {
    this.stream.off('error', this.fail);
    this.wake();
  }

  private readonly written = (error?: Error | null): void => {
    this.unflushed--;
    if (error) this.fail();
    else if (this.unflushed === 0) this.wake();
  };

  private readonly fail = (): void => {
    if (this.isBroken) return;
    this.isBroken = true;
    this.wake();
    this.onBroken();
  };

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** The first `cap` bytes of a stream (what the report keeps of streamed console output). */
export class KeptBytes {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly cap: number) {}

  add(data: Uint8Array): void {
    if (this.size >= this.cap) return;
    const part = data.subarray(0, this.cap - this.size);
    this.chunks.push(part.slice());
    this.size += part.length;
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

/** Options of a console drain. */
export interface ConsoleDrainOptions {
  /** Bytes of each stream kept for the report; @default 65536 */
  keep?: number;
  /** Told when a host stream breaks (its reader went away). */
  onBroken?: (stream: ConsoleStream) => void;
}

/**
 * Moves the guest's stdout and stderr records from the console pipe to the host's streams, byte-exact and in
 * the order written, with backpressure: while a host stream is behind, nothing more is taken, so the pipe
 * fills and the guest's writes block. A broken host stream is marked in `breaks` (the guest's next write to it
 * fails with EPIPE) and its bytes are dropped; when both are broken the pipe's reader is closed.
 */
export class ConsoleDrain {
  readonly kept: Record<ConsoleStream, KeptBytes>;
  private readonly outputs: Record<ConsoleStream, HostOutput>;
  private last: ConsoleStream | undefined;

  constructor(
    private readonly reader: ConsoleMuxReader,
    streams: Record<ConsoleStream, Writable>,
    private readonly breaks: StreamBreaks,
    options: ConsoleDrainOptions = {},
  ) {
    const keep = options.keep ?? 64 * 1024;
    this.kept = { stdout: new KeptBytes(keep), stderr: new KeptBytes(keep) };
    const broke = (stream: ConsoleStream) => () => {
      this.breaks.markBroken(stream);
      if (this.outputs.stdout.broken && this.outputs.stderr.broken) this.reader.close();
      options.onBroken?.(stream);
    };
    this.outputs = {
      stdout: new HostOutput(streams.stdout, broke('stdout')),
      stderr: new HostOutput(streams.stderr, broke('stderr')),
    };
  }

  /** Delivers records until the console pipe ends (the writer closed it and all is taken). */
  async run(): Promise<void> {
    try {
      for (;;) {
        const records = this.reader.take();
        for (const record of records) {
          const wait = this.deliver(record);
          if (wait) await wait;
        }
        if (records.length > 0) continue;
        if (this.reader.pipe.ended()) break;
        await this.reader.pipe.dataOrEnd();
      }
      await Promise.all([this.outputs.stdout.flushed(), this.outputs.stderr.flushed()]);
    } finally {
      this.outputs.stdout.dispose();
      this.outputs.stderr.dispose();
    }
  }

  /** Ends the pipe from this side, for a writer that can no longer do it (its thread was terminated). */
  endInput(): void {
    this.reader.pipe.closeWrite();
  }

  /** Hands one record on; a promise when the drain must wait before taking more. */
  private deliver(record: ConsoleRecord): Promise<void> | undefined {
    const { stream, data } = record;
    this.kept[stream].add(data);
    const out = this.outputs[stream];
    if (out.broken || data.length === 0) return undefined;
    const previous = this.last === undefined ? undefined : this.outputs[this.last];
    this.last = stream;
    // Bytes of the other stream still queued go out first (both may be the same terminal or file).
    if (previous && previous !== out && previous.pending)
      return previous.flushed().then(() => this.writeAndWait(out, data));
    return this.writeAndWait(out, data);
  }

  private writeAndWait(out: HostOutput, data: Uint8Array): Promise<void> | undefined {
    return out.write(data) ? undefined : out.flushed();
  }
}
