/** A byte buffer that grows by doubling, so many small appends stay linear in cost. */
export class GrowableBytes {
  private buffer: Uint8Array;
  /** Number of meaningful bytes. */
  length: number;

  constructor(initial?: Uint8Array) {
    this.buffer = initial ? initial.slice() : new Uint8Array(0);
    this.length = this.buffer.length;
  }

  /** The meaningful bytes (a view; copy before keeping it past the next write). */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** Reads up to `size` bytes at `offset` into a new view. */
  read(offset: number, size: number): Uint8Array {
    if (offset >= this.length) return new Uint8Array(0);
    return this.buffer.subarray(offset, Math.min(this.length, offset + size));
  }

  /** Writes `data` at `offset`, zero-filling any gap past the end. */
  write(offset: number, data: Uint8Array): void {
    const end = offset + data.length;
    this.reserve(end);
    if (offset > this.length) this.buffer.fill(0, this.length, offset);
    this.buffer.set(data, offset);
    if (end > this.length) this.length = end;
  }

  /** Truncates or zero-extends to `size` bytes. */
  resize(size: number): void {
    if (size > this.length) {
      this.reserve(size);
      this.buffer.fill(0, this.length, size);
    }
    this.length = size;
  }

  protected reserve(capacity: number): void {
    if (capacity <= this.buffer.length) return;
    const next = this.allocate(Math.max(capacity, this.buffer.length * 2, 64));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  /** Bytes the current storage can hold. */
  protected capacity(): number {
    return this.buffer.length;
  }

  /** The current storage's underlying buffer. */
  protected backing(): ArrayBufferLike {
    return this.buffer.buffer;
  }

  /** Allocates backing storage; overridden to place it in shared memory. */
  protected allocate(size: number): Uint8Array {
    return new Uint8Array(size);
  }
}
