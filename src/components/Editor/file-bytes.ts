/** How many bytes the binary panel shows as hex. */
export const HEX_PREVIEW_BYTES = 256;

// Archives and modules are never text, even when their first bytes happen to decode.
const BINARY_EXTENSIONS = new Set(['.wasm', '.tar', '.tgz', '.gz', '.zip', '.zapp']);

const decoded = new WeakMap<Uint8Array, string | null>();

/** True when the path's extension marks a binary file (.wasm, .tar and archives). */
export function isBinaryPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot >= 0 && BINARY_EXTENSIONS.has(name.slice(dot));
}

/** The bytes as UTF-8 text, or null when they contain NUL or are not valid UTF-8; cached per array. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  const cached = decoded.get(bytes);
  if (cached !== undefined) return cached;
  let text: string | null = null;
  if (!bytes.includes(0)) {
    try {
      // TextDecoder refuses views of a SharedArrayBuffer, so copy those first.
      const view = bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
      text = new TextDecoder('utf-8', { fatal: true }).decode(view);
    } catch {
      text = null;
    }
  }
  decoded.set(bytes, text);
  return text;
}

/** The text to edit for a project file, or null when it is binary and must not be opened in the editor. */
export function textOf(path: string, bytes: Uint8Array): string | null {
  return isBinaryPath(path) ? null : decodeUtf8(bytes);
}

/** "Binary file, N bytes", the heading of the binary panel. */
export function binarySummary(bytes: Uint8Array): string {
  return `Binary file, ${bytes.length} ${bytes.length === 1 ? 'byte' : 'bytes'}`;
}

/** A hex dump of the first `limit` bytes: offset, 16 hex bytes, printable ASCII, one row per 16 bytes. */
export function hexPreview(bytes: Uint8Array, limit = HEX_PREVIEW_BYTES): string {
  const rows: string[] = [];
  const end = Math.min(bytes.length, limit);
  for (let offset = 0; offset < end; offset += 16) {
    const row = bytes.subarray(offset, Math.min(offset + 16, end));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    rows.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return rows.join('\n');
}
