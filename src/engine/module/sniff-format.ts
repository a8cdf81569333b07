const BINARY_MAGICS: Array<[bytes: number[], what: string]> = [
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0x4d, 0x5a], "a Windows executable (PE, 'MZ')"],
  [[0x1f, 0x8b], 'gzip-compressed data'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty zip archive'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'a Mach-O executable'],
  [[0xce, 0xfa, 0xed, 0xfe], 'a Mach-O executable'],
  [[0xca, 0xfe, 0xba, 0xbe], 'a Java class file or a Mach-O universal binary'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
];

/** Lowercase hex of the first `count` bytes, space-separated ("7f 45 4c 46"). */
export function hexBytes(bytes: Uint8Array, count = 4): string {
  return Array.from(bytes.subarray(0, count), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Says what a file that is not WebAssembly looks like, for "this file is not a WebAssembly module (...)". */
export function describeNonWasm(bytes: Uint8Array): string {
  for (const [magic, what] of BINARY_MAGICS) {
    if (magic.every((b, i) => bytes[i] === b)) return `it starts with bytes ${hexBytes(bytes)}: ${what}`;
  }
  if (bytes.length >= 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar') {
    return 'it is a tar archive';
  }
  // A copy: TextDecoder refuses views of shared memory.
  const text = asText(bytes.slice(0, 1024));
  if (text !== undefined) return describeText(text.replace(/^\uFEFF/, '').trimStart());
  return `it starts with bytes ${hexBytes(bytes)}, not the WebAssembly magic 00 61 73 6d`;
}

function describeText(text: string): string {
  if (/^(\(\s*(module|component)\b|;;|\(;)/.test(text)) return 'it looks like WAT text: compile it first';
  if (/^<(!doctype\s+html|html|head|body)\b/i.test(text)) {
    return 'it looks like an HTML page, perhaps an error page saved instead of the download';
  }
  if (text.startsWith('#!')) return 'it looks like a script (it starts with #!)';
  if (/^(#\s*include|#\s*define|int\s+main\b|\/\*)/.test(text))
    return 'it looks like C source: compile it first';
  return 'it is text, not a binary module';
}

function asText(head: Uint8Array): string | undefined {
  // Printable text (UTF-8 allowed) with no control bytes other than tab, newline, form feed and return.
  if (head.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d)) return undefined;
  if (head.includes(0x7f)) return undefined;
  const text = new TextDecoder('utf-8').decode(head);
  // A multi-byte character cut at the 1024-byte boundary decodes to one U+FFFD; more means binary.
  const replaced = text.match(/\uFFFD/g)?.length ?? 0;
  return replaced <= 1 ? text : undefined;
}
