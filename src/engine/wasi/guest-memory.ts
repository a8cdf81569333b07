const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Reads and writes the guest's linear memory, re-binding views after memory.grow detaches them. */
export class GuestMemory {
  private memory: WebAssembly.Memory | undefined;
  private buffer: ArrayBuffer | undefined;
  private bytes = new Uint8Array(0);
  private dataView = new DataView(new ArrayBuffer(0));

  /** Attaches the instance's exported memory. */
  bind(memory: WebAssembly.Memory): void {
    this.memory = memory;
    this.refresh();
  }

  /** Current size of linear memory in bytes. */
  get size(): number {
    return this.memory ? this.memory.buffer.byteLength : 0;
  }

  /** A byte view of the whole memory. */
  u8(): Uint8Array {
    if (this.memory && this.memory.buffer !== this.buffer) this.refresh();
    return this.bytes;
  }

  /** A DataView of the whole memory. */
  view(): DataView {
    if (this.memory && this.memory.buffer !== this.buffer) this.refresh();
    return this.dataView;
  }

  /** Decodes a UTF-8 string; throws RangeError (-> EFAULT) outside memory, TypeError on bad UTF-8. */
  string(ptr: number, len: number): string {
    const u8 = this.u8();
    if (ptr + len > u8.length) throw new RangeError('string outside memory');
    return decoder.decode(u8.subarray(ptr, ptr + len));
  }

  /** Reads an iovec array: [pointer, length] pairs. */
  iovecs(ptr: number, count: number): Array<[number, number]> {
    const view = this.view();
    const result: Array<[number, number]> = [];
    for (let i = 0; i < count; i++) {
      result.push([view.getUint32(ptr + i * 8, true), view.getUint32(ptr + i * 8 + 4, true)]);
    }
    return result;
  }

  /** Gathers the bytes of an iovec array into one buffer. */
  gather(iovs: Array<[number, number]>): Uint8Array {
    const u8 = this.u8();
    if (iovs.length === 1) {
      const [p, l] = iovs[0]!;
      if (p + l > u8.length) throw new RangeError('iovec outside memory');
      return u8.subarray(p, p + l);
    }
    let total = 0;
    for (const [, l] of iovs) total += l;
    const out = new Uint8Array(total);
    let at = 0;
    for (const [p, l] of iovs) {
      if (p + l > u8.length) throw new RangeError('iovec outside memory');
      out.set(u8.subarray(p, p + l), at);
      at += l;
    }
    return out;
  }

  /** Scatters `data` over an iovec array; returns the bytes placed. */
  scatter(iovs: Array<[number, number]>, data: Uint8Array): number {
    const u8 = this.u8();
    let at = 0;
    for (const [p, l] of iovs) {
      if (at >= data.length) break;
      const n = Math.min(l, data.length - at);
      if (p + n > u8.length) throw new RangeError('iovec outside memory');
      u8.set(data.subarray(at, at + n), p);
      at += n;
    }
    return at;
  }

  private refresh(): void {
    this.buffer = this.memory!.buffer;
    this.bytes = new Uint8Array(this.buffer);
    this.dataView = new DataView(this.buffer);
  }
}

/** UTF-8 encodes a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
