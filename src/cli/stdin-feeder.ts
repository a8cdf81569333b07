import type { Readable } from 'node:stream';
import { BROKEN_PIPE } from '../engine/stream/byte-pipe.ts';
import type { BytePipe } from '../engine/stream/byte-pipe.ts';

/**
 * Feeds the guest's stdin pipe from a host stream, on demand and with backpressure: the stream is opened
 * only once the guest first blocks for input (a program that never reads stdin never touches the host's),
 * paused while the pipe is full and resumed when the guest makes room; the host's end of input closes the
 * pipe (the guest reads EOF).
 */
export class StdinFeeder {
  private input: Readable | undefined;
  private pending: Uint8Array | undefined;
  private inputEnded = false;
  private stopped = false;
  /** Bytes handed to the guest's pipe so far. */
  fed = 0;

  constructor(
    private readonly pipe: BytePipe,
    /** Opens the host stream (process.stdin: touching it makes a pipe non-blocking, so only when needed). */
    private readonly open: () => Readable,
  ) {}

  /**
   * Starts watching for the guest's first wait for input (a blocking read), or for `wanted`: some other sign
   * that it wants input (a poll that only peeks).
   */
  start(wanted?: Promise<void>): this {
    void Promise.race([this.pipe.readerStartsWaiting(), ...(wanted ? [wanted] : [])]).then(() =>
      this.begin(),
    );
    return this;
  }

  /** Whether the host stream was opened. */
  get opened(): boolean {
    return this.input !== undefined;
  }

  /** Stops reading the host stream (the run is over) and lets it no longer hold the process open. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const input = this.input;
    if (!input) return;
    input.off('data', this.onData);
    input.off('end', this.onEnd);
    input.off('error', this.onEnd);
    input.on('error', ignore);
    input.pause();
    (input as Readable & { unref?: () => void }).unref?.();
  }

  private begin(): void {
    if (this.stopped) return;
    const input = this.open();
    this.input = input;
    input.on('data', this.onData);
    input.on('end', this.onEnd);
    // An error (EIO from a terminal that hung up, say) ends the input like EOF does.
    input.on('error', this.onEnd);
    input.resume();
  }

  private readonly onData = (chunk: Buffer | string): void => {
    if (this.stopped) return;
    if (this.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) return;
    this.input?.pause();
    void this.feedPending();
  };

  private readonly onEnd = (): void => {
    this.inputEnded = true;
    if (!this.pending) this.pipe.closeWrite();
  };

  /** Puts what fits into the pipe; false when some is left over (kept as pending). */
  private push(data: Uint8Array): boolean {
    const n = this.pipe.tryWrite(data);
    if (n === BROKEN_PIPE) {
      this.stop();
      return true;
    }
    this.fed += n;
    this.pending = n < data.length ? data.subarray(n) : undefined;
    return this.pending === undefined;
  }

  private async feedPending(): Promise<void> {
    while (this.pending && !this.stopped) {
      await this.pipe.roomOrClosed();
      if (!this.stopped) this.push(this.pending);
    }
    if (this.stopped) return;
    if (this.inputEnded) this.pipe.closeWrite();
    else this.input?.resume();
  }
}

function ignore(): void {}
