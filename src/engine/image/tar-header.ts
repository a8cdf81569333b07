/** Size of a tar block: headers and data are padded to it. */
export const BLOCK = 512;

/** Byte offsets and lengths of the ustar header fields this code uses. */
export const FIELD = {
  name: [0, 100],
  mode: [100, 8],
  size: [124, 12],
  checksum: [148, 8],
  typeflag: [156, 1],
  linkname: [157, 100],
  magic: [257, 6],
  prefix: [345, 155],
} as const satisfies Record<string, readonly [number, number]>;

/** A field's bytes within a header block. */
export function field(header: Uint8Array, [at, length]: readonly [number, number]): Uint8Array {
  return header.subarray(at, at + length);
}

/** A NUL-terminated string field, decoded as UTF-8. */
export function readString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul === -1 ? bytes : bytes.subarray(0, nul));
}

/** A numeric field: octal (space/NUL padded) or GNU base-256 (high bit set); NaN if malformed or negative. */
export function readNumber(bytes: Uint8Array): number {
  const first = bytes[0] ?? 0;
  if (first & 0x80) {
    if (first & 0x40) return Number.NaN;
    return bytes.subarray(1).reduce((value, byte) => value * 256 + byte, first & 0x3f);
  }
  const text = String.fromCharCode(...bytes).replace(/^[ \0]+|[ \0]+$/g, '');
  return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : Number.NaN;
}

/** The header checksum: the unsigned byte sum with the checksum field counted as spaces. */
export function checksumOf(header: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  const [at, length] = FIELD.checksum;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= at && i < at + length ? 0x20 : (header[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return { unsigned, signed };
}

/** True when the stored checksum matches (either convention: old tars summed signed bytes). */
export function checksumMatches(header: Uint8Array): boolean {
  const stored = readNumber(field(header, FIELD.checksum));
  const { unsigned, signed } = checksumOf(header);
  return stored === unsigned || stored === signed;
}

/** Rewrites the checksum in the standard form: six octal digits, NUL, space. */
export function writeChecksum(header: Uint8Array): void {
  const digits = checksumOf(header).unsigned.toString(8).padStart(6, '0');
  field(header, FIELD.checksum).set([...digits].map((c) => c.charCodeAt(0)).concat([0, 0x20]));
}

/** Bytes needed for `size` bytes of data, padded to whole blocks. */
export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}
