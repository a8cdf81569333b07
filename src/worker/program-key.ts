const keys = new WeakMap<Uint8Array, string>();

/** A cache key for a program's bytes: size plus two 32-bit hashes, remembered per array (the store keeps unchanged files' arrays). */
export function programKey(bytes: Uint8Array): string {
  const known = keys.get(bytes);
  if (known !== undefined) return known;
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    fnv = Math.imul(fnv ^ b, 0x01000193);
    djb = (Math.imul(djb, 33) + b) | 0;
  }
  const key = `${bytes.length}-${(fnv >>> 0).toString(16)}-${(djb >>> 0).toString(16)}`;
  keys.set(bytes, key);
  return key;
}
