/** Encodes a non-negative integer (up to 2^53) as unsigned LEB128, the shortest form. */
export function encodeUleb128(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cannot LEB128-encode ${value}`);
  const out: number[] = [];
  let rest = value;
  do {
    // Division instead of >>> so values above 2^32 (memory64 limits) stay exact.
    const byte = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest > 0 ? byte | 0x80 : byte);
  } while (rest > 0);
  return out;
}
