/**
 * A one-way byte pipe in shared memory between two threads: one writer, one reader, a ring of a fixed
 * power-of-two capacity. The sandbox's side blocks (Atomics.wait) when the ring is empty (reading) or full
 * (writing): that is how a guest waits for typed input and how a slow consumer slows the guest down. The
 * host's side never blocks: it takes or adds what it can and awaits a change (Atomics.waitAsync).
 */

// Int32 slots of the header.
const WRITTEN = 0; // bytes ever written, mod 2^32
const READ = 1; // bytes ever read, mod 2^32
const WRITER_CLOSED = 2; // 1 once the writer closed: end of input once the ring is drained
const READER_CLOSED = 3; // 1 once the reader closed: writes fail (broken pipe)
const READER_WAITING = 4; // 1 while the reader is blocked for data
const WRITER_WAITING = 5; // 1 while the writer is blocked for room
// Bumped by every write and by closing the writing end: what a blocked reader waits on, so a close that
// lands between its last check and its wait still wakes it. READER_SEQ is the same for a blocked writer.
const WRITER_SEQ = 6;
const READER_SEQ = 7;
const HEADER_INTS = 8;
const HEADER_BYTES = HEADER_INTS * 4;

/** Why a write stopped short: the reader is gone. */
export const BROKEN_PIPE = -1;

/** Where blocked time goes (the sandbox's Timeout leaves out time spent waiting on the host). */
export interface WaitListener {
  waitStarted(): void;
  waitEnded(): void;
}

/** A pipe end over a SharedArrayBuffer made by `BytePipe.create`; both threads wrap the same buffer. */
export class BytePipe {
  readonly capacity: number;
  private readonly header: Int32Array;
  private readonly ring: Uint8Array;

  /** A new pipe whose ring holds `capacity` bytes (rounded up to a power of two). */
  static create(capacity: number): BytePipe {
    let size = 16;
    while (size < capacity) size *= 2;
    return new BytePipe(new SharedArrayBuffer(HEADER_BYTES + size));
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER_INTS);
    this.ring = new Uint8Array(buffer, HEADER_BYTES);
    this.capacity = this.ring.length;
  }

  /** Bytes waiting to be read. */
  available(): number {
    return (Atomics.load(this.header, WRITTEN) - Atomics.load(this.header, READ)) >>> 0;
  }

  /** Whether the writer has closed (the rest of the ring is the last of the data). */
  get writerClosed(): boolean {
    return Atomics.load(this.header, WRITER_CLOSED) === 1;
  }

  /** Whether the reader has closed (writes fail). */
  get readerClosed(): boolean {
    return Atomics.load(this.header, READER_CLOSED) === 1;
  }

  /** Whether the reader is blocked waiting for data right now. */
  get readerWaiting(): boolean {
    return Atomics.load(this.header, READER_WAITING) === 1;
  }

  /** Whether the writer is blocked waiting for room right now. */
  get writerWaiting(): boolean {
    return Atomics.load(this.header, WRITER_WAITING) === 1;
  }

  // ---- reader side ----

  /**
   * Takes up to `max` bytes without blocking; an empty array when none are there (see `ended`). With `into`,
   * the bytes land there (at most its length) and a view of it is returned: no new array per read.
   */
  tryRead(max = this.capacity, into?: Uint8Array): Uint8Array {
    const read = Atomics.load(this.header, READ);
    const n = Math.min(max, into?.length ?? max, (Atomics.load(this.header, WRITTEN) - read) >>> 0);
    if (n <= 0) return EMPTY;
    const out = into ? into.subarray(0, n) : new Uint8Array(n);
    const at = (read >>> 0) % this.capacity;
    const first = Math.min(n, this.capacity - at);
    out.set(this.ring.subarray(at, at + first));
    if (first < n) out.set(this.ring.subarray(0, n - first), first);
    Atomics.store(this.header, READ, (read + n) | 0);
    this.bump(READER_SEQ);
    return out;
  }

  /** True when nothing is left and nothing more will come. */
  ended(): boolean {
    // The writer closes after its last write, so the flag is read first and the ring checked after it.
    return this.writerClosed && this.available() === 0;
  }

  /**
   * Takes up to `max` bytes, blocking until there are some; null at end of input. Only for a thread that
   * may block (a worker), never a page's main thread. `into` as for tryRead.
   */
  read(max: number, waits?: WaitListener, into?: Uint8Array): Uint8Array | null {
    for (;;) {
      const seq = Atomics.load(this.header, WRITER_SEQ);
      const data = this.tryRead(max, into);
      if (data.length > 0) return data;
      if (this.ended()) return null;
      this.block(READER_WAITING, WRITER_SEQ, seq, waits);
    }
  }

  /** Blocks until data is there or the writer has closed, taking nothing. Only for a thread that may block. */
  waitForData(waits?: WaitListener): void {
    for (;;) {
      const seq = Atomics.load(this.header, WRITER_SEQ);
      if (this.available() > 0 || this.writerClosed) return;
      this.block(READER_WAITING, WRITER_SEQ, seq, waits);
    }
  }

  /** Closes the reading end: the writer's next write fails with BROKEN_PIPE. */
  closeRead(): void {
    Atomics.store(this.header, READER_CLOSED, 1);
    this.bump(READER_SEQ);
  }

  /** Resolves when data arrives or the writer closes (at once if either already holds). */
  async dataOrEnd(): Promise<void> {
    const seq = Atomics.load(this.header, WRITER_SEQ);
    if (this.available() > 0 || this.writerClosed) return;
    await waitAsync(this.header, WRITER_SEQ, seq);
  }

  // ---- writer side ----

  /**
   * Adds as much of `parts` (taken as one record: all of it or nothing) as there is room for, without
   * blocking: true when added. A record longer than the capacity is never added; split it first.
   */
  tryWriteRecord(parts: Uint8Array[]): boolean {
    if (this.readerClosed) return false;
    const total = parts.reduce((n, p) => n + p.length, 0);
    const written = Atomics.load(this.header, WRITTEN);
    const free = this.capacity - ((written - Atomics.load(this.header, READ)) >>> 0);
    if (total > free) return false;
    let at = (written >>> 0) % this.capacity;
    for (const part of parts) {
      const first = Math.min(part.length, this.capacity - at);
      this.ring.set(part.subarray(0, first), at);
      if (first < part.length) this.ring.set(part.subarray(first), 0);
      at = (at + part.length) % this.capacity;
    }
    Atomics.store(this.header, WRITTEN, (written + total) | 0);
    this.bump(WRITER_SEQ);
    return true;
  }

  /** Adds up to all of `data` without blocking; returns how many bytes went in (BROKEN_PIPE if the reader closed). */
  tryWrite(data: Uint8Array): number {
    if (this.readerClosed) return BROKEN_PIPE;
    const free = this.capacity - this.available();
    const n = Math.min(free, data.length);
    if (n > 0) this.tryWriteRecord([data.subarray(0, n)]);
    return n;
  }

  /**
   * Adds a record of `parts` (at most `capacity` bytes), blocking while there is no room; false when the
   * reader has closed. Only for a thread that may block.
   */
  writeRecord(parts: Uint8Array[], waits?: WaitListener): boolean {
    for (;;) {
      const seq = Atomics.load(this.header, READER_SEQ);
      if (this.tryWriteRecord(parts)) return true;
      if (this.readerClosed) return false;
      this.block(WRITER_WAITING, READER_SEQ, seq, waits);
    }
  }

  /** Ends the data: once the reader has taken what is left it sees the end. */
  closeWrite(): void {
    Atomics.store(this.header, WRITER_CLOSED, 1);
    this.bump(WRITER_SEQ);
  }

  /** Resolves when the reader takes something or closes (the host's wait for room). */
  async roomOrClosed(): Promise<void> {
    const seq = Atomics.load(this.header, READER_SEQ);
    if (this.available() < this.capacity || this.readerClosed) return;
    await waitAsync(this.header, READER_SEQ, seq);
  }

  /** Resolves when the reader starts waiting for data, or at once if it is waiting now. */
  async readerStartsWaiting(): Promise<void> {
    if (this.readerWaiting) return;
    await waitAsync(this.header, READER_WAITING, 0);
  }

  private bump(seq: number): void {
    Atomics.add(this.header, seq, 1);
    Atomics.notify(this.header, seq);
  }

  /** Blocks on `slot` while it still holds `value`, with `flag` raised (and announced) meanwhile. */
  private block(flag: number, slot: number, value: number, waits: WaitListener | undefined): void {
    Atomics.store(this.header, flag, 1);
    Atomics.notify(this.header, flag);
    waits?.waitStarted();
    try {
      Atomics.wait(this.header, slot, value);
    } finally {
      waits?.waitEnded();
      Atomics.store(this.header, flag, 0);
    }
  }
}

const EMPTY = new Uint8Array(0);

/** Atomics.waitAsync where the platform has it, else a short poll (the same contract, a little later). */
async function waitAsync(header: Int32Array, slot: number, value: number): Promise<void> {
  const atomics = Atomics as typeof Atomics & {
    waitAsync?: (a: Int32Array, i: number, v: number) => { async: boolean; value: Promise<string> | string };
  };
  if (atomics.waitAsync) {
    const result = atomics.waitAsync(header, slot, value);
    if (result.async) await result.value;
    return;
  }
  while (Atomics.load(header, slot) === value) await new Promise((r) => setTimeout(r, 5));
}
