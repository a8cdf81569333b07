import { GrowableBytes } from '../wasi/growable-bytes.ts';

/** Told when a channel's shared buffer is replaced by a bigger one. */
export type StorageGrowthListener = (channelIndex: number, buffer: SharedArrayBuffer) => void;

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
    this.lengths[this.index] = this.length;
  }

  override resize(size: number): void {
    super.resize(size);
    this.lengths[this.index] = this.length;
  }

  protected override allocate(size: number): Uint8Array {
    const buffer = new SharedArrayBuffer(size);
    this.onGrow(this.index, buffer);
    return new Uint8Array(buffer);
  }
}

/** Reader side: keeps the newest buffer of each channel and reads what has been written so far. */
export class SharedStorageReader {
  private readonly buffers: Array<SharedArrayBuffer | undefined> = [];

  constructor(private readonly lengths: Float64Array) {}

  /** Records a channel's replacement buffer. */
  grew(channelIndex: number, buffer: SharedArrayBuffer): void {
    this.buffers[channelIndex] = buffer;
  }

  /** The bytes written to a channel so far (a copy), from `from` on. */
  read(channelIndex: number, from = 0): Uint8Array {
    const buffer = this.buffers[channelIndex];
    if (!buffer) return new Uint8Array(0);
    const end = Math.min(this.lengths[channelIndex] ?? 0, buffer.byteLength);
    return new Uint8Array(buffer, 0, end).slice(from);
  }

  /** Current length of a channel's bytes. */
  length(channelIndex: number): number {
    const buffer = this.buffers[channelIndex];
    return buffer ? Math.min(this.lengths[channelIndex] ?? 0, buffer.byteLength) : 0;
  }
}
