import { BytePipe } from '../engine/stream/byte-pipe.ts';
import { ConsoleMuxWriter, createConsolePipe } from '../engine/stream/console-mux.ts';
import type { ConsoleStream } from '../engine/stream/console-mux.ts';
import { pipeSource } from '../engine/stream/pipe-source.ts';
import type { ChannelSink, StdioKind, StdioStreams } from '../engine/stream/stdio-streams.ts';
import { WaitClock } from '../engine/stream/wait-clock.ts';

/** Ring size of the pipe that carries the host's stdin to the guest. */
export const STDIN_PIPE_BYTES = 64 * 1024;
/** Ring size of the pipe that carries the guest's stdout and stderr, as ordered records, to the host. */
export const CONSOLE_PIPE_BYTES = 1 << 20;

/** The shared memory that links a sandbox thread's stdio to the host's streams (sent in the run message). */
export interface StdioLink {
  /** BytePipe: host stdin -> guest. */
  stdin: SharedArrayBuffer;
  /** Console pipe (see console-mux): guest stdout + stderr -> host, in the order written. */
  console: SharedArrayBuffer;
  /** WaitClock: time the guest spent blocked on the host, left out of Timeout. */
  waits: SharedArrayBuffer;
  /** Int32 slots per console stream: broken by the host (see StreamBreaks). */
  breaks: SharedArrayBuffer;
  /** Int32 slot: the guest asked whether stdin is ready (see InputDemand). */
  demand: SharedArrayBuffer;
  /** What isatty() shows for each stdio channel. */
  kinds: Record<'stdin' | 'stdout' | 'stderr', StdioKind>;
}

/** New shared buffers for one run. */
export function createStdioLink(kinds: StdioLink['kinds']): StdioLink {
  return {
    stdin: BytePipe.create(STDIN_PIPE_BYTES).buffer,
    console: createConsolePipe(CONSOLE_PIPE_BYTES),
    waits: new WaitClock().buffer,
    breaks: new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT),
    demand: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
    kinds,
  };
}

const STREAM_SLOT: Record<ConsoleStream, number> = { stdout: 0, stderr: 1 };
const REFUSED = 2; // + stream slot: writes refused since the stream broke

/**
 * Per-stream broken pipes over one console pipe: when the host's stdout goes away (`| head`) the guest's
 * stdout writes fail with EPIPE while its stderr still reaches the terminal, which closing the whole console
 * pipe could not do. The host marks a stream broken; the guest's side refuses writes to it and counts them.
 */
export class StreamBreaks {
  private readonly slots: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }

  /** Host: from now on the guest's writes to `stream` fail (EPIPE). */
  markBroken(stream: ConsoleStream): void {
    Atomics.store(this.slots, STREAM_SLOT[stream], 1);
  }

  /** Whether `stream` is marked broken. */
  broken(stream: ConsoleStream): boolean {
    return Atomics.load(this.slots, STREAM_SLOT[stream]) === 1;
  }

  /** Guest: a write to `stream` was refused (EPIPE). */
  refused(stream: ConsoleStream): void {
    const slot = REFUSED + STREAM_SLOT[stream];
    Atomics.add(this.slots, slot, 1);
    Atomics.notify(this.slots, slot);
  }

  /** How many writes to `stream` the guest had refused. */
  refusals(stream: ConsoleStream): number {
    return Atomics.load(this.slots, REFUSED + STREAM_SLOT[stream]);
  }

  /** Host: resolves once the guest has had a write to `stream` refused (at once if it already had). */
  firstRefusal(stream: ConsoleStream): Promise<void> {
    return whenNonZero(this.slots, REFUSED + STREAM_SLOT[stream]);
  }

  /** A sink that refuses writes once `stream` is broken (or the whole console pipe is). */
  guard(stream: ConsoleStream, sink: ChannelSink): ChannelSink {
    return {
      write: (data) => {
        if (!this.broken(stream) && sink.write(data)) return true;
        this.refused(stream);
        return false;
      },
    };
  }
}

/**
 * Whether the guest has asked for input without blocking: a poll() on stdin with a timeout only peeks, and
 * would spin forever if the host waited for a blocking read before it opened its stdin.
 */
export class InputDemand {
  private readonly slots: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }

  /** Guest: input is wanted. */
  want(): void {
    if (Atomics.load(this.slots, 0) !== 0) return;
    Atomics.store(this.slots, 0, 1);
    Atomics.notify(this.slots, 0);
  }

  /** Host: resolves once input is wanted. */
  wanted(): Promise<void> {
    return whenNonZero(this.slots, 0);
  }
}

/** Resolves once `slots[slot]` is no longer 0 (at once if it is not). */
async function whenNonZero(slots: Int32Array, slot: number): Promise<void> {
  while (Atomics.load(slots, slot) === 0) {
    const wait = (Atomics as AtomicsWithWaitAsync).waitAsync(slots, slot, 0);
    if (wait.async) await wait.value;
  }
}

// Node 20 has Atomics.waitAsync; the project's TypeScript lib (ES2023) does not declare it yet.
type AtomicsWithWaitAsync = typeof Atomics & {
  waitAsync(a: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string };
};

/** The sandbox thread's side of a link: live stdio for runSandbox, and `close` once the run is over. */
export function guestStdio(link: StdioLink): { stdio: StdioStreams; close: () => void } {
  const clock = new WaitClock(link.waits);
  const mux = new ConsoleMuxWriter(link.console, clock);
  const breaks = new StreamBreaks(link.breaks);
  const demand = new InputDemand(link.demand);
  // One scratch buffer for every read: the channel copies each read into the guest at once.
  const stdin = pipeSource(link.stdin, clock, new Uint8Array(STDIN_PIPE_BYTES));
  return {
    stdio: {
      // A blocking read shows on the pipe itself (the reader waits); a peek must say so.
      stdin: {
        ...stdin,
        peek: () => {
          demand.want();
          return stdin.peek();
        },
      },
      stdout: breaks.guard('stdout', mux.sink('stdout')),
      stderr: breaks.guard('stderr', mux.sink('stderr')),
      kinds: link.kinds,
    },
    close: () => mux.close(),
  };
}
