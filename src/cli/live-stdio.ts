import type { Readable, Writable } from 'node:stream';
import { BytePipe } from '../engine/stream/byte-pipe.ts';
import { ConsoleMuxReader } from '../engine/stream/console-mux.ts';
import type { ConsoleStream } from '../engine/stream/console-mux.ts';
import { WaitClock } from '../engine/stream/wait-clock.ts';
import { ConsoleDrain } from './console-drain.ts';
import { StdinFeeder } from './stdin-feeder.ts';
import { createStdioLink, InputDemand, StreamBreaks } from './stdio-link.ts';
import type { StdioLink } from './stdio-link.ts';

/**
 * How long a guest that got EPIPE may go on before it is stopped, as SIGPIPE would have stopped it at that
 * write (WASI has no signals: the guest sees EPIPE and may print a message and exit by itself meanwhile).
 */
export const BROKEN_PIPE_GRACE_MS = 500;

/** The host streams a run's stdio is joined to (the process's own in the CLI). */
export interface HostStdio {
  /** Opens the host's stdin; called only once the guest first waits for input. */
  openStdin: () => Readable;
  stdout: Writable;
  stderr: Writable;
  /** What isatty() shows the guest for each stream. */
  kinds: StdioLink['kinds'];
}

/** Options of the host's side of live stdio. */
export interface LiveStdioOptions {
  /** Told when the guest went on past the grace after a write to a broken stream: stop it (SIGPIPE). */
  onBrokenPipe: (stream: ConsoleStream) => void;
  /** @default BROKEN_PIPE_GRACE_MS */
  graceMs?: number;
}

/**
 * The host's side of one run's live stdio: the shared link for the sandbox thread, stdin fed on demand, the
 * console drained to the host streams, and the time the guest spent waiting on either.
 */
export class LiveStdio {
  readonly link: StdioLink;
  private readonly clock: WaitClock;
  private readonly feeder: StdinFeeder;
  private readonly drain: ConsoleDrain;
  private readonly breaks: StreamBreaks;
  private draining: Promise<void> = Promise.resolve();
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private over = false;

  constructor(host: HostStdio, options: LiveStdioOptions) {
    this.link = createStdioLink(host.kinds);
    this.clock = new WaitClock(this.link.waits);
    this.breaks = new StreamBreaks(this.link.breaks);
    this.feeder = new StdinFeeder(new BytePipe(this.link.stdin), host.openStdin);
    const onBroken = (stream: ConsoleStream): void => {
      void this.breaks.firstRefusal(stream).then(() => {
        if (this.over || this.graceTimer) return;
        this.graceTimer = setTimeout(() => {
          if (!this.over) options.onBrokenPipe(stream);
        }, options.graceMs ?? BROKEN_PIPE_GRACE_MS);
      });
    };
    const streams = { stdout: host.stdout, stderr: host.stderr };
    this.drain = new ConsoleDrain(new ConsoleMuxReader(this.link.console), streams, this.breaks, {
      onBroken,
    });
  }

  /** Starts draining the console and watching for the guest's first read of stdin. */
  start(): void {
    this.feeder.start(new InputDemand(this.link.demand).wanted());
    this.draining = this.drain.run();
    // A failure here surfaces through finish(); until then it must not count as unhandled.
    this.draining.catch(() => {});
  }

  /** After a normal end (the thread closed the console): waits until every byte reached the host streams. */
  async finish(): Promise<void> {
    this.end();
    await this.draining;
  }

  /** After the thread was terminated: delivers what the guest had written, then ends. */
  async finishKilled(): Promise<void> {
    this.end();
    this.drain.endInput();
    await this.draining;
  }

  /** Ends without waiting (the run failed): the feeding stops and the drain finishes on its own. */
  abandon(): void {
    this.end();
    this.drain.endInput();
  }

  /** Milliseconds the guest has spent blocked on the host (input to come, or room in the console pipe). */
  waitedMs(): number {
    return this.clock.waitedMs();
  }

  /** The first bytes of each console stream, for the report. */
  kept(stream: ConsoleStream): Uint8Array {
    return this.drain.kept[stream].bytes();
  }

  /** Bytes of host stdin handed to the guest's pipe. */
  get stdinFed(): number {
    return this.feeder.fed;
  }

  private end(): void {
    this.over = true;
    clearTimeout(this.graceTimer);
    this.feeder.stop();
  }
}
