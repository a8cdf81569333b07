import { structuredPatch } from 'diff';
import { decodeUtf8 } from '../Editor/file-bytes.ts';
import { readTarImage } from '../../engine/image/tar-image.ts';

// Pure helpers for the file preview: binary sniffing, text diffs, hex dumps and tar listings.

/** Texts longer than this (in UTF-16 units, ~1 MB) are summarised instead of diffed. */
export const MAX_DIFF_CHARS = 1 << 20;
/** Lines of context around each change. @default 3 */
export const DIFF_CONTEXT = 3;
/** Bytes per hex dump row. */
export const HEX_ROW_BYTES = 16;

// Archives, modules, images and objects are binary even when their first bytes happen to decode.
// prettier-ignore
const BINARY_EXTENSIONS = new Set([
  'wasm', 'nexe', 'tar', 'tgz', 'gz', 'bz2', 'xz', 'zst', 'zip', 'zapp', 'o', 'a', 'so', 'exe', 'dll',
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'ico', 'pdf', 'class', 'pyc',
]);

/** True when the path's extension marks a binary file (.wasm, .tar, images, objects…). */
export function hasBinaryExtension(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1));
}

/** True when the bytes are not text: they contain NUL, are not valid UTF-8, or `path` has a binary extension. */
export function isBinary(bytes: Uint8Array, path?: string): boolean {
  return (path !== undefined && hasBinaryExtension(path)) || decodeUtf8(bytes) === null;
}

/** The bytes as text for showing: invalid UTF-8 becomes U+FFFD and NUL a visible ␀; `valid` says whether it was clean. */
export function bytesAsText(bytes: Uint8Array): { text: string; valid: boolean } {
  const strict = decodeUtf8(bytes);
  if (strict !== null) return { text: strict, valid: true };
  const view = bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  // eslint-disable-next-line no-control-regex
  return { text: new TextDecoder().decode(view).replace(/\x00/g, '\u2400'), valid: false };
}

/** One line of a unified diff, with its numbers in the old and the new text (null where it is absent). */
export interface DiffLine {
  kind: 'add' | 'remove' | 'context' | 'note';
  /** The line without its newline; for 'note', e.g. "No newline at end of file". */
  text: string;
  oldLine: number | null;
  newLine: number | null;
}

/** A run of changes with context, as in `@@ -oldStart,oldLines +newStart,newLines @@`. */
export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** A line diff of two texts: the same, hunks, or too large to diff (a summary instead). */
export type TextDiff =
  | { kind: 'same' }
  | { kind: 'hunks'; hunks: DiffHunk[]; added: number; removed: number }
  | { kind: 'too-large'; summary: string };

/** A unified line diff of `before` and `after` (jsdiff), with line numbers; huge inputs get a summary. */
export function textDiff(before: string, after: string, context = DIFF_CONTEXT): TextDiff {
  if (before === after) return { kind: 'same' };
  if (before.length > MAX_DIFF_CHARS || after.length > MAX_DIFF_CHARS) {
    return { kind: 'too-large', summary: sizeSummary(before, after, 'too large to compare line by line') };
  }
  const patch = structuredPatch('before', 'after', before, after, undefined, undefined, {
    context,
    timeout: 3000,
  });
  if (patch === undefined) {
    return { kind: 'too-large', summary: sizeSummary(before, after, 'too different to compare quickly') };
  }
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((hunk): DiffHunk => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const lines = hunk.lines.map((raw): DiffLine => {
      const sign = raw[0];
      const text = raw.slice(1);
      if (sign === '+') {
        added++;
        return { kind: 'add', text, oldLine: null, newLine: newLine++ };
      }
      if (sign === '-') {
        removed++;
        return { kind: 'remove', text, oldLine: oldLine++, newLine: null };
      }
      if (sign === '\\') return { kind: 'note', text: text.trim(), oldLine: null, newLine: null };
      return { kind: 'context', text, oldLine: oldLine++, newLine: newLine++ };
    });
    const { oldStart, oldLines, newStart, newLines } = hunk;
    return { oldStart, oldLines, newStart, newLines, lines };
  });
  return { kind: 'hunks', hunks, added, removed };
}

function sizeSummary(before: string, after: string, why: string): string {
  const lines = (s: string) => (s === '' ? 0 : s.split('\n').length - (s.endsWith('\n') ? 1 : 0));
  return `${lines(before)} → ${lines(after)} lines (${before.length} → ${after.length} characters): ${why}.`;
}

/** Which bytes a hex dump shows. */
export interface HexRange {
  /** First byte shown. @default 0 */
  offset?: number;
  /** How many bytes from `offset`. @default to the end */
  length?: number;
}

/** One hex dump row: `00000010  7f 45 4c 46 …  |.ELF…|`. */
export interface HexRow {
  offset: number;
  /** The row as `hexdump -C` prints it. */
  text: string;
}

/** Rows of a `hexdump -C`-style dump of the bytes in `range`, 16 a row, offsets absolute. */
export function hexRows(bytes: Uint8Array, range: HexRange = {}): HexRow[] {
  const start = Math.max(0, Math.min(range.offset ?? 0, bytes.length));
  const end = Math.min(bytes.length, start + Math.max(0, range.length ?? bytes.length));
  const rows: HexRow[] = [];
  for (let at = start; at < end; at += HEX_ROW_BYTES) {
    rows.push({ offset: at, text: hexRow(bytes.subarray(at, Math.min(at + HEX_ROW_BYTES, end)), at) });
  }
  return rows;
}

/** A `hexdump -C`-style dump of the bytes in `range`, one string per 16-byte row. */
export function hexDump(bytes: Uint8Array, range: HexRange = {}): string[] {
  return hexRows(bytes, range).map((row) => row.text);
}

function hexRow(row: Uint8Array, offset: number): string {
  const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0'));
  const left = hex.slice(0, 8).join(' ');
  const right = hex.slice(8).join(' ');
  const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `${offset.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`;
}

/** One 16-byte row where two versions differ: the row before and after (null where that version is shorter). */
export interface HexRowChange {
  offset: number;
  before: string | null;
  after: string | null;
}

/** Where two byte strings differ, row by row at the same offsets, from `from`; at most `maxRows`, then `next`. */
export function hexRowChanges(
  before: Uint8Array,
  after: Uint8Array,
  from = 0,
  maxRows = 256,
): { rows: HexRowChange[]; next: number | null } {
  const rows: HexRowChange[] = [];
  const end = Math.max(before.length, after.length);
  for (let at = from - (from % HEX_ROW_BYTES); at < end; at += HEX_ROW_BYTES) {
    const a = before.subarray(at, at + HEX_ROW_BYTES);
    const b = after.subarray(at, at + HEX_ROW_BYTES);
    if (sameBytes(a, b)) continue;
    if (rows.length === maxRows) return { rows, next: at };
    rows.push({
      offset: at,
      before: a.length > 0 ? hexRow(a, at) : null,
      after: b.length > 0 ? hexRow(b, at) : null,
    });
  }
  return { rows, next: null };
}

/** The offset of the first byte that differs (or where the shorter one ends); null when equal. */
export function firstDifference(before: Uint8Array, after: Uint8Array): number | null {
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) if (before[i] !== after[i]) return i;
  return before.length === after.length ? null : n;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A member of a tar listing: a file (with its bytes), a symlink, or a folder with its children. */
export type TarNode =
  | { kind: 'file'; name: string; path: string; size: number; data: Uint8Array }
  | { kind: 'symlink'; name: string; path: string; size: 0; target: string }
  | { kind: 'folder'; name: string; path: string; size: number; children: TarNode[] };

/** A tar image as a folder tree (folders first, then by name; sizes of folders add up), or why it cannot be read. */
export type TarListing =
  | { ok: true; root: TarNode[]; files: number; bytes: number; warnings: string[] }
  | { ok: false; reason: string };

type TarFolder = Extract<TarNode, { kind: 'folder' }>;

/** Lists a tar image (readTarImage) as a tree; later entries replace earlier ones of the same path, as extraction would. */
export function tarListing(bytes: Uint8Array): TarListing {
  const image = readTarImage(bytes);
  if (!image.ok) return image;
  const warnings = [...image.warnings];
  const root: TarFolder = { kind: 'folder', name: '', path: '', size: 0, children: [] };
  for (const entry of image.entries) {
    const parts = entry.path.split('/');
    const parent = folderAt(root, parts.slice(0, -1));
    if (parent === null) {
      warnings.push(`skipped ${JSON.stringify(entry.path)}: a file in the image is in the way`);
      continue;
    }
    const name = parts[parts.length - 1] ?? '';
    const at = parent.children.findIndex((c) => c.name === name);
    const existing = at >= 0 ? parent.children[at] : undefined;
    if (entry.kind === 'directory') {
      if (existing?.kind === 'folder') continue;
      if (existing) parent.children.splice(at, 1);
      parent.children.push({ kind: 'folder', name, path: entry.path, size: 0, children: [] });
      continue;
    }
    if (existing?.kind === 'folder') {
      warnings.push(`skipped ${JSON.stringify(entry.path)}: a folder of that name is in the image`);
      continue;
    }
    const node: TarNode =
      entry.kind === 'symlink'
        ? { kind: 'symlink', name, path: entry.path, size: 0, target: entry.target ?? '' }
        : {
            kind: 'file',
            name,
            path: entry.path,
            size: entry.data?.length ?? 0,
            data: entry.data ?? new Uint8Array(),
          };
    if (existing) parent.children[at] = node;
    else parent.children.push(node);
  }
  const totals = finish(root);
  return { ok: true, root: root.children, files: totals.files, bytes: totals.bytes, warnings };
}

/** The folder at `parts` beneath `root`, made as needed; null when a file or symlink is in the way. */
function folderAt(root: TarFolder, parts: readonly string[]): TarFolder | null {
  let folder = root;
  for (const name of parts) {
    const found = folder.children.find((c) => c.name === name);
    if (found !== undefined && found.kind !== 'folder') return null;
    if (found !== undefined) {
      folder = found;
      continue;
    }
    const made: TarFolder = {
      kind: 'folder',
      name,
      path: folder.path === '' ? name : `${folder.path}/${name}`,
      size: 0,
      children: [],
    };
    folder.children.push(made);
    folder = made;
  }
  return folder;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorts every folder (folders first, natural name order) and adds up sizes; returns file count and bytes. */
function finish(folder: TarFolder): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const child of folder.children) {
    if (child.kind === 'folder') {
      const sub = finish(child);
      files += sub.files;
      bytes += sub.bytes;
    } else if (child.kind === 'file') {
      files++;
      bytes += child.size;
    }
  }
  folder.size = bytes;
  folder.children.sort((a, b) => {
    if ((a.kind === 'folder') !== (b.kind === 'folder')) return a.kind === 'folder' ? -1 : 1;
    return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
  return { files, bytes };
}
