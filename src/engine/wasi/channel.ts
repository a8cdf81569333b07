import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ChannelSpec } from '../manifest/types.ts';
import type { ChannelSink, ChannelSource } from '../stream/stdio-streams.ts';
import { ERRNO_BADF, ERRNO_DQUOT, ERRNO_INVAL, ERRNO_PIPE, ERRNO_SPIPE, ERRNO_SUCCESS } from './constants.ts';
import type { GrowableBytes } from './growable-bytes.ts';

/** Per-channel counters, laid out in a Float64Array (possibly shared memory, for live meters). */
export const COUNTER_READS = 0;
export const COUNTER_BYTES_READ = 1;
export const COUNTER_WRITES = 2;
export const COUNTER_BYTES_WRITTEN = 3;
/** Calls refused with EDQUOT. */
export const COUNTER_QUOTA_HITS = 4;
/** Number of Float64 slots per channel. */
export const COUNTER_FIELDS = 5;

/** Called after every successful write, for streaming consoles. */
export type ChannelWriteListener = (channelIndex: number, data: Uint8Array) => void;

/** Where a channel's bytes live on the host side. */
export type ChannelHost = 'stdin' | 'stdout' | 'stderr' | 'null' | 'file';

/**
 * A ZeroVM channel: the only way data crosses the sandbox boundary. Every read and write is counted
 * against gets/get_size/puts/put_size; a spent quota gives EDQUOT and the program goes on.
 */
export class Channel {
  readonly readable: boolean;
  readonly writable: boolean;
  readonly randomRead: boolean;
  readonly randomWrite: boolean;
  /** How stat() presents the channel: nvram [mapping], or the ZRT default when undefined. */
  mapping: 'pipe' | 'char' | 'file' | undefined;
  /** Live input (typed, or the host's stdin) read in place of `data`; reads may block. */
  source: ChannelSource | undefined;
  /** Live output handed on as it is written, in place of collecting it in `data`; writes may block. */
  sink: ChannelSink | undefined;
  private readPos = 0;
  private writePos = 0;
  private readonly base: number;
  private readonly hash: ReturnType<typeof sha256.create> | undefined;

  constructor(
    readonly index: number,
    readonly spec: ChannelSpec,
    readonly host: ChannelHost,
    /** The channel's bytes: input to read, and where writes land. */
    readonly data: GrowableBytes,
    private readonly counters: Float64Array,
    private readonly onWrite?: ChannelWriteListener,
  ) {
    this.readable = spec.gets > 0 && spec.getSize > 0;
    this.writable = spec.puts > 0 && spec.putSize > 0;
    this.randomRead = (spec.type & 1) !== 0;
    this.randomWrite = (spec.type & 2) !== 0;
    this.base = index * COUNTER_FIELDS;
    this.hash = spec.etag ? sha256.create() : undefined;
  }

  /** True when the channel may be positioned with seek (by a descriptor open for reading and writing). */
  get seekable(): boolean {
    return this.randomRead || this.randomWrite;
  }

  /**
   * True when a descriptor open for `reading` and/or `writing` may seek. As in ZRT, a seek moves the
   * random-access side only: a read-only descriptor needs random reads, a write-only one random writes.
   */
  seekableFor(reading: boolean, writing: boolean): boolean {
    if (this.source || this.sink) return false;
    if (reading && !writing) return this.randomRead;
    if (writing && !reading) return this.randomWrite;
    return this.seekable;
  }

  /** Size the guest sees in stat(). */
  get size(): number {
    return this.source || this.sink ? 0 : this.data.length;
  }

  /** Reads up to `size` bytes at the channel position (or `offset`, for random-read channels). */
  read(size: number, offset?: number): { errno: number; data: Uint8Array } {
    if (!this.readable) return { errno: ERRNO_BADF, data: EMPTY };
    if (offset !== undefined && !this.randomRead) return { errno: ERRNO_SPIPE, data: EMPTY };
    const c = this.counters;
    const left = this.spec.getSize - c[this.base + COUNTER_BYTES_READ]!;
    if (c[this.base + COUNTER_READS]! >= this.spec.gets || left <= 0) {
      c[this.base + COUNTER_QUOTA_HITS]!++;
      return { errno: ERRNO_DQUOT, data: EMPTY };
    }
    const at = offset ?? this.readPos;
    let data: Uint8Array;
    if (this.source) {
      if (offset !== undefined) return { errno: ERRNO_SPIPE, data: EMPTY };
      data = size > 0 ? (this.source.read(Math.min(size, left)) ?? EMPTY) : EMPTY;
    } else data = this.host === 'null' ? EMPTY : this.data.read(at, Math.min(size, left));
    if (offset === undefined) this.readPos += data.length;
    c[this.base + COUNTER_READS]!++;
    c[this.base + COUNTER_BYTES_READ]! += data.length;
    this.hash?.update(data);
    return { errno: ERRNO_SUCCESS, data };
  }

  /** Writes `bytes` at the channel position (or `offset`, for random-write channels); may be clipped. */
  write(bytes: Uint8Array, offset?: number): { errno: number; written: number } {
    if (!this.writable) return { errno: ERRNO_BADF, written: 0 };
    if (offset !== undefined && !this.randomWrite) return { errno: ERRNO_SPIPE, written: 0 };
    const at = offset ?? this.writePos;
    // As in ZeroVM, an offset out of range is EINVAL: a write far past the end would have the host hold
    // a zero-filled gap that no quota counts.
    if (at > Math.max(this.data.length, this.spec.putSize)) return { errno: ERRNO_INVAL, written: 0 };
    const c = this.counters;
    const left = this.spec.putSize - c[this.base + COUNTER_BYTES_WRITTEN]!;
    if (c[this.base + COUNTER_WRITES]! >= this.spec.puts || left <= 0) {
      c[this.base + COUNTER_QUOTA_HITS]!++;
      return { errno: ERRNO_DQUOT, written: 0 };
    }
    const data = bytes.length > left ? bytes.subarray(0, left) : bytes;
    if (this.sink) {
      if (offset !== undefined) return { errno: ERRNO_SPIPE, written: 0 };
      if (data.length > 0 && !this.sink.write(data)) return { errno: ERRNO_PIPE, written: 0 };
    } else if (this.host !== 'null') this.data.write(at, data);
    if (offset === undefined) this.writePos += data.length;
    c[this.base + COUNTER_WRITES]!++;
    c[this.base + COUNTER_BYTES_WRITTEN]! += data.length;
    this.hash?.update(data);
    if (this.onWrite && data.length > 0) this.onWrite(this.index, data);
    return { errno: ERRNO_SUCCESS, written: data.length };
  }

  /** For poll_oneoff: bytes a read would get now, and whether the input has ended (hang-up). */
  readiness(): { bytes: number; ended: boolean } {
    if (this.source) return this.source.peek();
    const bytes = this.host === 'null' ? 0 : Math.max(0, this.data.length - this.readPos);
    return { bytes, ended: bytes === 0 };
  }

  /** Moves the random-access position(s) a descriptor uses; ESPIPE when its side is sequential. */
  seek(position: number, reading = true, writing = true): number {
    if (!this.seekableFor(reading, writing)) return ERRNO_SPIPE;
    if (this.randomRead && reading) this.readPos = position;
    if (this.randomWrite && writing) this.writePos = position;
    return ERRNO_SUCCESS;
  }

  /** The position a descriptor sees: its read or write position, or the random one when it does both. */
  tell(reading = true, writing = true): number {
    if (reading && !writing) return this.readPos;
    if (writing && !reading) return this.writePos;
    return this.randomRead ? this.readPos : this.writePos;
  }

  /** Hex SHA-256 of all the traffic so far, when the channel has etag = 1. */
  etag(): string | undefined {
    return this.hash ? bytesToHex(this.hash.clone().digest()) : undefined;
  }
}

const EMPTY = new Uint8Array(0);
