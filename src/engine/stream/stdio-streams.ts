/** A console stream the guest reads live (typed input, the host's stdin). */
export interface ChannelSource {
  /** Up to `max` bytes (max > 0), blocking until there are some; null at the end of input. */
  read(max: number): Uint8Array | null;
  /** What a read would find now, without blocking. */
  peek(): { bytes: number; ended: boolean };
  /** Blocks until a read would not block. */
  waitReadable(): void;
}

/** A console stream the guest writes live, with backpressure (a write may block while the host catches up). */
export interface ChannelSink {
  /** Hands all of `data` on; false when the host's side is gone (the guest gets EPIPE). */
  write(data: Uint8Array): boolean;
}

/** How stat() presents a stdio channel: a terminal ('char'), or not (a pipe or file on the host). */
export type StdioKind = 'char' | 'pipe' | 'file';

/** Live stdio for a run, in place of batch stdin and collected console bytes (see DESIGN "Streams"). */
export interface StdioStreams {
  stdin?: ChannelSource;
  stdout?: ChannelSink;
  stderr?: ChannelSink;
  /** What each stdio channel looks like to isatty(); the ZRT default (a character device) when absent. */
  kinds?: Partial<Record<'stdin' | 'stdout' | 'stderr', StdioKind>>;
}
