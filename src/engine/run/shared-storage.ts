import { GrowableBytes } from '../wasi/growable-bytes.ts';

/** Told when a channel's shared buffer is replaced by a bigger one (its contents already copied in). */
export type StorageGrowthListener = (channelIndex: number, buffer: SharedArrayBuffer) => void;

/** Shared slots per channel in the lengths array: the byte length, and the capacity of the current buffer. */
export const SHARED_LENGTH_FIELDS = 2;

/** Bytes of the shared lengths array for `channels` channels. */
export function sharedLengthsBytes(channels: number): number {
  return Math.max(1, channels) * SHARED_LENGTH_FIELDS * Float64Array.BYTES_PER_ELEMENT;
}

/**
 * Channel bytes in shared memory with their length mirrored in a shared array, so the thread that
 * started the run can read them live (console streaming) and after it kills the run (partial files).
 */
export class SharedGrowableBytes extends GrowableBytes {
  constructor(
    private readonly index: number,
    private readonly lengths: Float64Array,
    private readonly onGrow: StorageGrowthListener,
    initial?: Uint8Array,
  ) {
    super();
    if (initial && initial.length > 0) this.write(0, initial);
  }

  override write(offset: number, data: Uint8Array): void {
    super.write(offset, data);
    this.lengths[this.index * SHARED_LENGTH_FIELDS] = this.length;
  }

  override resize(size: number): void {
    super.resize(size);
    this.lengths[this.index * SHARED_LENGTH_FIELDS] = this.length;
  }

  protected override reserve(capacity: number): void {
    const before = this.capacity();
    super.reserve(capacity);
    const buffer = this.backing();
    if (this.capacity() === before || !(buffer instanceof SharedArrayBuffer)) return;
    // Announced only now that the old bytes are copied in, and the capacity is published before the
    // length grows past the old buffer: a reader holding the old buffer then knows it is stale.
    this.lengths[this.index * SHARED_LENGTH_FIELDS + 1] = buffer.byteLength;
    this.onGrow(this.index, buffer);
  }

  protected override allocate(size: number): Uint8Array {
    return new Uint8Array(new SharedArrayBuffer(size));
  }
}

/** Reader side: keeps the newest buffer of each channel and reads what has been written so far. */
export class SharedStorageReader {
  private readonly buffers: Array<SharedArrayBuffer | undefined> = [];

  constructor(private readonly lengths: Float64Array) {}

  /** Records a channel's replacement buffer. */
  grew(channelIndex: number, buffer: SharedArrayBuffer): void {
    const current = this.buffers[channelIndex];
    // Messages can only bring buffers in the order they were made; never step back to a smaller one.
    if (!current || buffer.byteLength >= current.byteLength) this.buffers[channelIndex] = buffer;
  }

  /**
   * The bytes written to a channel so far (a copy), from `from` up to `to`. A caller that has just asked
   * `length` passes it as `to`: the writer may have gone on since, and bytes past what it will record as
   * sent would be handed out twice.
   */
  read(channelIndex: number, from = 0, to?: number): Uint8Array {
    const buffer = this.buffers[channelIndex];
    if (!buffer) return new Uint8Array(0);
    const end = Math.min(to ?? Infinity, this.length(channelIndex));
    return new Uint8Array(buffer, 0, end).slice(from);
  }

  /**
   * How many bytes of the channel can be read now: none past the end of the buffer this side holds, and
   * while a bigger buffer is announced but not yet received, only what is known to be in the old one.
   */
  length(channelIndex: number): number {
    const buffer = this.buffers[channelIndex];
    if (!buffer) return 0;
    const length = this.lengths[channelIndex * SHARED_LENGTH_FIELDS] ?? 0;
    const capacity = this.lengths[channelIndex * SHARED_LENGTH_FIELDS + 1] ?? 0;
    if (capacity > buffer.byteLength) return Math.min(this.safe[channelIndex] ?? 0, buffer.byteLength);
    this.safe[channelIndex] = Math.min(length, buffer.byteLength);
    return this.safe[channelIndex];
  }

  private readonly safe: number[] = [];
}
