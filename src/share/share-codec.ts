import { Inflate, deflateSync } from 'fflate';
import {
  LINK_TOO_LONG_CHARS,
  MAX_ENCODED_CHARS,
  MAX_FILES,
  MAX_FOLDERS,
  MAX_INFLATED_BYTES,
  MAX_PATH_DEPTH,
  MAX_PATH_LENGTH,
  SHARE_VERSION,
  sharePayloadV1Schema,
} from './share-schema.ts';
import type { SharePayloadV1 } from './share-schema.ts';

/** What a share link carries: the project's files and folders plus the run inputs. */
export interface ShareProject {
  /** File contents by relative `/`-separated path. */
  files: Record<string, Uint8Array>;
  /** Folders to create (empty ones included); files' ancestors need not be listed. */
  folders: string[];
  /** The file shown in the editor, always one of `files` after decoding. */
  openFile: string | null;
  stdin: string;
  args: string;
  env: string;
}

/** decodeShare's answer: the project, or a plain sentence for the user. */
export type DecodeShareResult = { ok: true; project: ShareProject } | { ok: false; error: string };

const PREFIX = 'p=';
// Input is fed to the inflater in slices this big; DEFLATE expands at most ~1032:1, so one slice can
// overshoot the cap by about 1 MB before we notice and stop.
const INFLATE_SLICE = 1024;
const MB = 1024 * 1024;

/**
 * The URL fragment for a project, *without* the leading `#`: `p=1.<base64url(deflate(JSON))>`.
 * Paths are expected to be valid already (see sharePathProblem); decodeShare refuses links with bad ones.
 */
export function encodeShare(project: ShareProject): string {
  const files = Object.keys(project.files)
    .sort(byCodeUnit)
    .map((path) => {
      const data = project.files[path] as Uint8Array;
      const text = utf8TextOrNull(data);
      return text === null ? { path, base64: toBase64Url(data) } : { path, text };
    });
  const payload: SharePayloadV1 = {
    files,
    folders: [...project.folders],
    openFile: project.openFile,
    stdin: project.stdin,
    args: project.args,
    env: project.env,
  };
  const json = new TextEncoder().encode(JSON.stringify(payload));
  return `${PREFIX}${SHARE_VERSION}.${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

/** True when the link is too long to paste comfortably (over ~8 KB); offer a .zapp download then. */
export function shareLinkTooLong(fragment: string): boolean {
  return fragment.length > LINK_TOO_LONG_CHARS;
}

/**
 * Opens a share fragment (with or without `#`; other `&`-separated parameters are ignored).
 * Never throws: every failure is `{ ok: false, error }` with a sentence fit to show the user.
 */
export function decodeShare(fragment: string): DecodeShareResult {
  try {
    return decodeUnsafe(fragment);
  } catch {
    // Anything unforeseen (e.g. a stack overflow on absurd input) still becomes a message.
    return fail('This share link could not be opened.');
  }
}

function decodeUnsafe(fragment: unknown): DecodeShareResult {
  if (typeof fragment !== 'string') return fail('This is not a ZeroVM Playground share link.');
  if (fragment.length > MAX_ENCODED_CHARS)
    return fail(`This share link is too long to open (over ${MAX_ENCODED_CHARS / MB} MB).`);
  const hash = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (hash.trim() === '') return fail('The link has no project in it.');
  const param = hash.split('&').find((part) => part.startsWith(PREFIX));
  if (param === undefined) return fail('This is not a ZeroVM Playground share link (unknown link format).');
  const match = /^(\d{1,9})\.([^]*)$/.exec(param.slice(PREFIX.length));
  if (match === null) return fail('This is not a ZeroVM Playground share link (unknown link format).');
  const version = Number(match[1]);
  const body = match[2] as string;
  if (version > SHARE_VERSION)
    return fail(
      `This link was made by a newer version of ZeroVM Playground (v${version}); reload the page to update.`,
    );
  if (version !== SHARE_VERSION)
    return fail(`This is not a ZeroVM Playground share link (unknown link format v${version}).`);
  if (body === '') return fail('The link has no project in it; was it cut off when copied?');

  const compressed = fromBase64Url(body);
  if (compressed === null)
    return fail('The link is damaged: it contains characters that cannot be part of a share link.');
  const inflated = inflateCapped(compressed, MAX_INFLATED_BYTES);
  if (inflated.kind === 'too-large')
    return fail(`The link expands to more than ${MAX_INFLATED_BYTES / MB} MB, so it was not opened.`);
  if (inflated.kind === 'truncated') return fail('The link is incomplete; was it cut off when copied?');
  if (inflated.kind === 'corrupt') return fail('The link is damaged: its data could not be decompressed.');

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch {
    return fail('The link is damaged: its contents are not a project.');
  }
  return projectFromPayload(json);
}

/** Result of inflateCapped; `produced` tells how far a refused stream got. */
export type InflateResult =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'too-large'; produced: number }
  | { kind: 'truncated' }
  | { kind: 'corrupt' };

/** Inflates raw DEFLATE data slice by slice, stopping as soon as the output passes `cap` bytes. */
export function inflateCapped(data: Uint8Array, cap: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced <= cap) chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length || at === 0; at += INFLATE_SLICE) {
      const end = Math.min(at + INFLATE_SLICE, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
      if (produced > cap) return { kind: 'too-large', produced };
      if (end === data.length) break;
    }
  } catch (error) {
    // fflate's error code 0 is "unexpected EOF".
    return (error as { code?: unknown }).code === 0 ? { kind: 'truncated' } : { kind: 'corrupt' };
  }
  const bytes = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { kind: 'ok', bytes };
}

function projectFromPayload(json: unknown): DecodeShareResult {
  const parsed = sharePayloadV1Schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : formatIssuePath(issue.path);
    const what = issue?.message ?? 'unexpected shape';
    return fail(`The link's project is malformed${where === '' ? '' : ` at ${where}`}: ${what}.`);
  }
  const payload = parsed.data;
  if (payload.files.length > MAX_FILES)
    return fail(`The shared project has more than ${MAX_FILES} files, so it was not opened.`);
  if (payload.folders.length > MAX_FOLDERS)
    return fail(`The shared project has more than ${MAX_FOLDERS} folders, so it was not opened.`);

  // A null prototype keeps a file named "__proto__" an ordinary entry.
  const files = Object.create(null) as Record<string, Uint8Array>;
  const fileSet = new Set<string>();
  let total = 0;
  for (const file of payload.files) {
    const problem = sharePathProblem(file.path);
    if (problem !== null) return fail(`The link has an unsafe file path ${quote(file.path)}: it ${problem}.`);
    if (fileSet.has(file.path)) return fail(`The link lists the file ${quote(file.path)} twice.`);
    const data = file.text !== undefined ? new TextEncoder().encode(file.text) : fromBase64Url(file.base64!);
    if (data === null) return fail(`The link's contents for ${quote(file.path)} are damaged (bad base64).`);
    total += data.length;
    if (total > MAX_INFLATED_BYTES)
      return fail(`The shared project's files add up to more than ${MAX_INFLATED_BYTES / MB} MB.`);
    fileSet.add(file.path);
    files[file.path] = data;
  }
  for (const path of fileSet) {
    const clash = ancestors(path).find((dir) => fileSet.has(dir));
    if (clash !== undefined) return fail(`The link uses ${quote(clash)} both as a file and as a folder.`);
  }
  const folders: string[] = [];
  const folderSet = new Set<string>();
  for (const folder of payload.folders) {
    const problem = sharePathProblem(folder);
    if (problem !== null) return fail(`The link has an unsafe folder path ${quote(folder)}: it ${problem}.`);
    const clash = [folder, ...ancestors(folder)].find((dir) => fileSet.has(dir));
    if (clash !== undefined) return fail(`The link uses ${quote(clash)} both as a file and as a folder.`);
    if (folderSet.has(folder)) continue;
    folderSet.add(folder);
    folders.push(folder);
  }
  const openFile = payload.openFile !== null && fileSet.has(payload.openFile) ? payload.openFile : null;
  return {
    ok: true,
    project: { files, folders, openFile, stdin: payload.stdin, args: payload.args, env: payload.env },
  };
}

// C0, DEL, C1, line/paragraph separators and the bidi embedding/override/isolate controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `path` is not a safe project path (a phrase after "it", e.g. "contains \"..\""), or null if it
 * is: relative, `/`-separated, no empty, `.` or `..` segments, no control characters, depth ≤ 32.
 */
export function sharePathProblem(path: string): string | null {
  if (path === '') return 'is empty';
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (path.startsWith('/')) return 'is absolute (starts with "/")';
  if (CONTROL.test(path)) return 'contains a control character';
  if (LONE_SURROGATE.test(path)) return 'is not valid Unicode';
  if (path.includes('\\')) return 'contains "\\" (paths are separated by "/")';
  const segments = path.split('/');
  if (segments.includes('..')) return 'contains ".." (it would leave the project)';
  if (segments.includes('.')) return 'contains a "." segment';
  if (segments.includes('')) return 'has an empty segment ("//" or a trailing "/")';
  if (segments.length > MAX_PATH_DEPTH) return `is nested more than ${MAX_PATH_DEPTH} levels deep`;
  return null;
}

function ancestors(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out;
}

// JSON quoting makes control characters visible; very long names are cut.
function quote(path: string): string {
  const shown = path.length > 80 ? `${path.slice(0, 77)}...` : path;
  return JSON.stringify(shown);
}

function fail(error: string): DecodeShareResult {
  return { ok: false, error };
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function utf8TextOrNull(data: Uint8Array): string | null {
  if (data.includes(0)) return null;
  try {
    // ignoreBOM keeps a leading BOM in the text, so the bytes round-trip exactly.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    return null;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Unpadded base64url (RFC 4648 §5). */
export function toBase64Url(data: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  for (let i = 0; i < data.length; i += 3) {
    const a = data[i] as number;
    const b = data[i + 1];
    const c = data[i + 2];
    line += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) line += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) line += ALPHABET[c & 63]!;
    if (line.length >= 8192) {
      parts.push(line);
      line = '';
    }
  }
  parts.push(line);
  return parts.join('');
}

/** Strict unpadded base64url decoding; null on any character outside the alphabet or a bad length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (DECODE[code] as number) : -1;
    if (value < 0) return null;
    acc = ((acc << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, so each byte string has exactly one encoding.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
