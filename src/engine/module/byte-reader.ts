/** Thrown by {@link ByteReader} when bytes do not have the expected shape; caught by the module reader. */
export class MalformedModule extends Error {
  override name = 'MalformedModule';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A cursor over `bytes[pos, end)` decoding the wasm binary encoding; throws {@link MalformedModule}. */
export class ByteReader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
    /** Names what is being read, for messages ("the import section"). */
    readonly what: string,
    /** True when running out of bytes means the file is cut short, not that an entry is malformed. */
    readonly endIsFileEnd = false,
  ) {}

  /** True when every byte up to `end` has been read. */
  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads one byte. */
  u8(): number {
    if (this.pos >= this.end) throw this.overrun();
    return this.bytes[this.pos++] ?? 0;
  }

  /** Reads an unsigned LEB128 of at most 32 bits. */
  u32(): number {
    return this.uleb(32);
  }

  /** Reads an unsigned LEB128 of at most 64 bits (exact up to 2^53, which covers any real memory64 limit). */
  u64(): number {
    return this.uleb(64);
  }

  /** Reads a signed LEB128 of at most 33 bits (a heap type index) and returns it. */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return byte & 0x40 ? result - scale : result;
    }
    throw new MalformedModule(`${this.what} has an over-long signed integer at byte ${start}`);
  }

  /** Reads a length-prefixed UTF-8 name. */
  name(): string {
    const length = this.u32();
    const start = this.pos;
    if (length > this.end - start) throw this.overrun();
    this.pos += length;
    try {
      // slice, not subarray: TextDecoder refuses views of shared memory, where a runtime image may live.
      return utf8.decode(this.bytes.slice(start, start + length));
    } catch {
      throw new MalformedModule(`${this.what} has a name that is not valid UTF-8 at byte ${start}`);
    }
  }

  /** Skips `count` bytes. */
  skip(count: number): void {
    if (count > this.end - this.pos) throw this.overrun();
    this.pos += count;
  }

  private uleb(bits: 32 | 64): number {
    const start = this.pos;
    const maxBytes = Math.ceil(bits / 7);
    let result = 0;
    let scale = 1;
    for (let i = 0; i < maxBytes; i++) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) {
        if (result >= 2 ** bits) break;
        return result;
      }
    }
    throw new MalformedModule(`${this.what} has an integer too large for ${bits} bits at byte ${start}`);
  }

  private overrun(): MalformedModule {
    return this.endIsFileEnd
      ? new MalformedModule(`the module is truncated at byte ${this.bytes.length} (inside ${this.what})`)
      : new MalformedModule(`${this.what} is malformed: an entry runs past its end at byte ${this.end}`);
  }
}
