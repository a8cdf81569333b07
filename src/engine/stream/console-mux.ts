import { BytePipe } from './byte-pipe.ts';
import type { WaitListener } from './byte-pipe.ts';
import type { ChannelSink } from './stdio-streams.ts';

/** Which console stream a record carries. */
export type ConsoleStream = 'stdout' | 'stderr';

const HEADER = 5; // stream (1 byte) + length (u32 LE)
const STREAM_CODES: Record<ConsoleStream, number> = { stdout: 1, stderr: 2 };

/**
 * stdout and stderr through one pipe as records, so the host sees them in the order the guest wrote them.
 * The guest's side blocks while the pipe is full: a slow consumer slows the guest, memory stays bounded.
 */
export class ConsoleMuxWriter {
  private readonly pipe: BytePipe;

  constructor(
    buffer: SharedArrayBuffer,
    private readonly waits?: WaitListener,
  ) {
    this.pipe = new BytePipe(buffer);
  }

  /** A sink for one stream. */
  sink(stream: ConsoleStream): ChannelSink {
    const code = STREAM_CODES[stream];
    return {
      write: (data) => {
        const most = this.pipe.capacity - HEADER;
        for (let at = 0; at < data.length; at += most) {
          const chunk = data.subarray(at, Math.min(data.length, at + most));
          const header = new Uint8Array(HEADER);
          header[0] = code;
          new DataView(header.buffer).setUint32(1, chunk.length, true);
          if (!this.pipe.writeRecord([header, chunk], this.waits)) return false;
        }
        return true;
      },
    };
  }

  /** Marks the end of output (the run is over). */
  close(): void {
    this.pipe.closeWrite();
  }
}

/** One record the host takes from the console pipe. */
export interface ConsoleRecord {
  stream: ConsoleStream;
  data: Uint8Array;
}

/** The host's side of the console pipe: never blocks. */
export class ConsoleMuxReader {
  readonly pipe: BytePipe;

  constructor(buffer: SharedArrayBuffer) {
    this.pipe = new BytePipe(buffer);
  }

  /** Every record written so far and not yet taken (records are published whole). */
  take(): ConsoleRecord[] {
    const bytes = this.pipe.tryRead();
    const records: ConsoleRecord[] = [];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at + HEADER <= bytes.length;) {
      const stream: ConsoleStream = bytes[at] === STREAM_CODES.stderr ? 'stderr' : 'stdout';
      const length = view.getUint32(at + 1, true);
      records.push({ stream, data: bytes.subarray(at + HEADER, at + HEADER + length) });
      at += HEADER + length;
    }
    return records;
  }

  /** Lets the writer go on (after `take`, or once the consumer is gone: then writes fail). */
  close(): void {
    this.pipe.closeRead();
  }
}

/** A console pipe's shared buffer, `capacity` bytes of ring. */
export function createConsolePipe(capacity = 1 << 20): SharedArrayBuffer {
  return BytePipe.create(capacity).buffer;
}
