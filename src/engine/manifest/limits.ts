/** ZeroVM's manifest limits (src/main/manifest.c, ZEROVM.md §1) plus the playground's diagnostic cap. */
export const MANIFEST_LIMITS = {
  /** Largest manifest text in bytes (512 KiB). */
  bytes: 512 * 1024,
  /** Most lines ZeroVM reads. */
  lines: 8192,
  /** Most comma-separated tokens in one value. */
  tokens: 16,
  /** Longest key or value in bytes (8 KB). */
  tokenBytes: 8192,
  /** Most channels (the documented limit). */
  channels: 10915,
  /** Largest Memory in bytes (4 GiB). */
  memory: 4 * 1024 ** 3,
  /** Largest Timeout in seconds and largest Node id (2^31 - 1). */
  int31: 2 ** 31 - 1,
  /** Most diagnostics returned, the last one summarising the rest. */
  diagnostics: 200,
} as const;

/** Byte length of `text` in UTF-8, without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
