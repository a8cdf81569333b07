import { deflateSync } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { inflateCapped } from './inflate-capped.ts';
import {
  LINK_TOO_LONG_CHARS,
  MAX_ENCODED_CHARS,
  MAX_FILES,
  MAX_FOLDERS,
  MAX_INFLATED_BYTES,
  MAX_TABS,
  SHARE_VERSION,
  sharePayloadV1Schema,
} from './share-schema.ts';
import type { SharePayloadV1 } from './share-schema.ts';
import { quote, validateProject } from './validate-project.ts';
import type { ShareProject } from './validate-project.ts';

export { fromBase64Url, toBase64Url } from './base64url.ts';
export { inflateCapped } from './inflate-capped.ts';
export type { InflateResult } from './inflate-capped.ts';
export { sharePathProblem } from './share-path.ts';
export type { ShareProject } from './validate-project.ts';

/** decodeShare's answer: the project, or a plain sentence for the user. */
export type DecodeShareResult = { ok: true; project: ShareProject } | { ok: false; error: string };

const PREFIX = 'p=';
const MB = 1024 * 1024;
const LINK_WORDS = { source: 'The link', project: 'The shared project' };
const LIST_CAPS = [
  ['files', MAX_FILES, 'files'],
  ['folders', MAX_FOLDERS, 'folders'],
  ['tabs', MAX_TABS, 'open tabs'],
] as const;

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
    tabs: [...project.tabs],
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

function projectFromPayload(json: unknown): DecodeShareResult {
  // Counted before the schema walks the lists: a 50 KB link listing a million files parses for seconds.
  const lists = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  for (const [key, max, what] of LIST_CAPS) {
    const list = lists[key];
    if (Array.isArray(list) && list.length > max)
      return fail(`The shared project has more than ${max} ${what}, so it was not opened.`);
  }
  const parsed = sharePayloadV1Schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : formatIssuePath(issue.path);
    const what = issue?.message ?? 'unexpected shape';
    return fail(`The link's project is malformed${where === '' ? '' : ` at ${where}`}: ${what}.`);
  }
  const payload = parsed.data;
  const files: Array<{ path: string; data: Uint8Array }> = [];
  let total = 0;
  for (const file of payload.files) {
    const data = file.text !== undefined ? new TextEncoder().encode(file.text) : fromBase64Url(file.base64!);
    if (data === null) return fail(`The link's contents for ${quote(file.path)} are damaged (bad base64).`);
    total += data.length;
    if (total > MAX_INFLATED_BYTES)
      return fail(`The shared project's files add up to more than ${MAX_INFLATED_BYTES / MB} MB.`);
    files.push({ path: file.path, data });
  }
  return validateProject({ ...payload, files }, LINK_WORDS);
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out;
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
