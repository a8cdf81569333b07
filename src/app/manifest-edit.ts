import { splitFields, trimToken } from '../engine/manifest/line-tokens.ts';
import { MANIFEST_LIMITS } from '../engine/manifest/limits.ts';
import { parseInteger } from '../engine/manifest/parse-integer.ts';
import { parseManifest } from '../engine/manifest/parse-manifest.ts';
import { printChannel } from '../engine/manifest/print-manifest.ts';
import type { ChannelLimits, NewChannel } from '../components/ManifestDiagram/channel-form.ts';
import type { ChannelType } from '../engine/manifest/types.ts';

export type { ChannelLimits, NewChannel } from '../components/ManifestDiagram/channel-form.ts';

/** Several changes to one channel, applied to its line at once (see editChannel). */
export interface ChannelEdit {
  limits?: ChannelLimits;
  type?: ChannelType;
  etag?: boolean;
}

/** The scalar keys the diagram edits. */
export type ScalarKey = 'Program' | 'Memory' | 'Timeout';

/** An edit that cannot be made: unknown alias, duplicate alias, or a value the manifest cannot hold. */
export class ManifestEditError extends Error {
  override name = 'ManifestEditError';
}

// Field indexes of a Channel line: uri, alias, type, etag, gets, get_size, puts, put_size.
const TYPE = 2;
const ETAG = 3;
const LIMIT_FIELDS = [
  ['gets', 4],
  ['getSize', 5],
  ['puts', 6],
  ['putSize', 7],
] as const;

/** Sets a channel's four limits, rewriting only the changed fields of its line (spacing and other lines kept). */
export function setChannelLimits(text: string, alias: string, limits: ChannelLimits): string {
  return editChannel(text, alias, { limits });
}

/** Sets a channel's access type (0-3), rewriting only that field of its line. */
export function setChannelType(text: string, alias: string, type: ChannelType): string {
  return editChannel(text, alias, { type });
}

/** Sets a channel's etag flag, rewriting only that field of its line. */
export function setChannelEtag(text: string, alias: string, etag: boolean): string {
  return editChannel(text, alias, { etag });
}

/** Applies limits, type and etag changes to the channel aliased `alias` in one rewrite of its line. */
export function editChannel(text: string, alias: string, edit: ChannelEdit): string {
  const records = splitRecords(text);
  const index = channelLineIndex(text, records, alias);
  const record = records[index]!;
  const fields = channelFields(record.content);
  const replacements = new Map<number, string>();
  const change = (field: number, value: number) => {
    const token = fields[field];
    const current = token === undefined ? undefined : parseInteger(token.text);
    if (current?.ok && current.value === value) return;
    replacements.set(field, String(value));
  };
  if (edit.type !== undefined) {
    checkType(edit.type);
    change(TYPE, edit.type);
  }
  if (edit.etag !== undefined) change(ETAG, edit.etag ? 1 : 0);
  if (edit.limits !== undefined) {
    for (const [name, field] of LIMIT_FIELDS) change(field, checkLimit(name, edit.limits[name]));
  }
  if (replacements.size === 0) return text;
  records[index] = { ...record, content: replaceFields(record.content, fields, replacements) };
  return joinRecords(records);
}

/** Adds a Channel line after the last Channel line, lined up with it when that line is column-aligned. */
export function addChannel(text: string, spec: NewChannel): string {
  checkName('uri', spec.uri);
  checkName('alias', spec.alias);
  if (!spec.alias.startsWith('/'))
    fail(`the alias ${spec.alias} must be an absolute path such as /dev/input`);
  checkType(spec.type);
  for (const [name] of LIMIT_FIELDS) checkLimit(name, spec[name]);
  const records = splitRecords(text);
  if (findChannelLine(text, records, spec.alias) !== undefined) {
    fail(`there is already a channel with alias ${spec.alias}`);
  }
  const lastChannel = records.findLastIndex((r) => keyOf(r.content) === 'Channel');
  const canonical = printChannel({ ...spec, line: 0 });
  if (lastChannel === -1) return insertRecord(records, lastContentIndex(records), canonical);
  const line = alignedLike(records[lastChannel]!.content, canonical) ?? canonical;
  return insertRecord(records, lastChannel, line);
}

/** Removes the Channel line of `alias` (with its line break); everything else is kept. */
export function removeChannel(text: string, alias: string): string {
  const records = splitRecords(text);
  const index = channelLineIndex(text, records, alias);
  const removed = records.splice(index, 1)[0]!;
  // The last line had no line break: the one before it now ends the text, so it loses its break too.
  const previous = records[index - 1];
  if (removed.eol === '' && index === records.length && previous)
    records[index - 1] = { ...previous, eol: '' };
  return joinRecords(records);
}

/** Sets Program, Memory (bytes; the etag is kept) or Timeout, or adds the line when the key is missing. */
export function setScalar(text: string, key: ScalarKey, value: string | number): string {
  const token = scalarToken(key, value);
  const records = splitRecords(text);
  const index = records.findIndex((r) => keyOf(r.content) === key);
  if (index === -1) {
    const line = key === 'Memory' ? `Memory = ${token}, 0` : `${key} = ${token}`;
    const scalars = ['Version', 'Program', 'Memory', 'Timeout'];
    const after = records.findLastIndex((r) => scalars.includes(keyOf(r.content) ?? ''));
    const firstChannel = records.findIndex((r) => keyOf(r.content) === 'Channel');
    const at = after !== -1 ? after : firstChannel !== -1 ? firstChannel - 1 : lastContentIndex(records);
    return insertRecord(records, at, line);
  }
  const record = records[index]!;
  const equals = record.content.indexOf('=');
  const rawValue = record.content.slice(equals + 1);
  let replaced: string;
  if (key === 'Memory') {
    const fields = splitFields(rawValue, equals + 2);
    replaced = replaceFields(record.content, fields, new Map([[0, token]]));
  } else {
    const current = trimToken(rawValue, equals + 2);
    if (current.text === '') {
      const gap = rawValue === '' ? ' ' : '';
      replaced = `${record.content}${gap}${token}`;
    } else {
      replaced = splice(record.content, current.column - 1, current.endColumn - 1, token);
    }
  }
  records[index] = { ...record, content: replaced };
  return joinRecords(records);
}

// --- lines ---------------------------------------------------------------------------------------

/** One line of the text and the line break that ended it ('' for the last line). */
interface LineRecord {
  content: string;
  eol: string;
}

function splitRecords(text: string): LineRecord[] {
  const records: LineRecord[] = [];
  const pattern = /\r?\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    records.push({ content: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  records.push({ content: text.slice(start), eol: '' });
  return records;
}

function joinRecords(records: readonly LineRecord[]): string {
  return records.map((r) => r.content + r.eol).join('');
}

/** Inserts `content` as a line after record `after` (-1: at the start), using the text's line break style. */
function insertRecord(records: LineRecord[], after: number, content: string): string {
  const eol = records.find((r) => r.eol !== '')?.eol ?? '\n';
  const previous = records[after];
  if (previous && previous.eol === '') {
    // Appending after an unterminated last line: it gets a break, the new line ends the text as it did.
    records[after] = { ...previous, eol };
    records.splice(after + 1, 0, { content, eol: '' });
  } else {
    records.splice(after + 1, 0, { content, eol });
  }
  return joinRecords(records);
}

/** Index of the last line with content (ignoring a final empty line), or -1. */
function lastContentIndex(records: readonly LineRecord[]): number {
  return records.findLastIndex((r) => r.content.trim() !== '');
}

/** The key of a `Key = value` line, or undefined for comments, blank lines and lines without '='. */
function keyOf(content: string): string | undefined {
  const trimmed = content.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('==')) return undefined;
  const equals = content.indexOf('=');
  return equals === -1 ? undefined : content.slice(0, equals).trim();
}

/** The comma-separated value fields of a Channel line, with their columns in the line. */
function channelFields(content: string) {
  const equals = content.indexOf('=');
  return splitFields(content.slice(equals + 1), equals + 2);
}

function channelLineIndex(text: string, records: readonly LineRecord[], alias: string): number {
  const index = findChannelLine(text, records, alias);
  if (index === undefined) fail(`there is no channel with alias ${alias} in the manifest`);
  return index;
}

/** The channel's 0-based line: from the parser, or (when required keys are missing) the first line naming it. */
function findChannelLine(text: string, records: readonly LineRecord[], alias: string): number | undefined {
  const { manifest } = parseManifest(text);
  if (manifest) {
    const channel = manifest.channels.find((c) => c.alias === alias);
    return channel ? channel.line - 1 : undefined;
  }
  const index = records.findIndex(
    (r) => keyOf(r.content) === 'Channel' && channelFields(r.content)[1]?.text === alias,
  );
  return index === -1 ? undefined : index;
}

// --- fields --------------------------------------------------------------------------------------

type Field = ReturnType<typeof splitFields>[number];

/**
 * Replaces fields (by index) in `content`, right to left. When a column-aligned line's field grows or
 * shrinks, the padding after its comma shrinks or grows so the columns after it stay where they were.
 */
function replaceFields(content: string, fields: readonly Field[], replacements: Map<number, string>): string {
  let out = content;
  const indexes = [...replacements.keys()].sort((a, b) => b - a);
  for (const index of indexes) {
    const field = fields[index];
    const value = replacements.get(index)!;
    if (!field) continue;
    const start = field.column - 1;
    const end = field.text === '' ? start : field.endColumn - 1;
    const next = fields[index + 1];
    if (next && next.text !== '') {
      const gapStart = out.indexOf(',', end) + 1;
      const padding = /^ */.exec(out.slice(gapStart))?.[0].length ?? 0;
      const delta = value.length - (end - start);
      if (delta > 0 && padding > 1) out = splice(out, gapStart, gapStart + Math.min(delta, padding - 1), '');
      else if (delta < 0 && padding > 1) out = splice(out, gapStart, gapStart, ' '.repeat(-delta));
    }
    out = splice(out, start, end, value);
  }
  return out;
}

/**
 * `canonical` (a printChannel line) laid out on the columns of `previous` when `previous` is a Channel
 * line padded into columns; undefined when it is not (then the canonical line is used as it is).
 */
function alignedLike(previous: string, canonical: string): string | undefined {
  const fields = channelFields(previous);
  if (fields.length !== 8 || fields.some((f) => f.text === '')) return undefined;
  const aligned = fields.some((f, i) => i > 0 && previous[f.column - 3] === ' ');
  if (!aligned) return undefined;
  const values = channelFields(canonical).map((f) => f.text);
  let line = previous.slice(0, fields[0]!.column - 1);
  values.forEach((value, i) => {
    const column = fields[i]!.column - 1;
    if (i > 0) line += line.length < column ? ' '.repeat(column - line.length) : ' ';
    line += i < values.length - 1 ? `${value},` : value;
  });
  return line;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

// --- values --------------------------------------------------------------------------------------

function fail(message: string): never {
  throw new ManifestEditError(message);
}

function checkLimit(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    fail(`the channel ${name} must be a whole number of at least 0, not ${value}`);
  }
  return value;
}

function checkType(type: number): void {
  if (![0, 1, 2, 3].includes(type)) fail(`the channel type must be 0, 1, 2 or 3, not ${type}`);
}

/** Refuses text that would break the line apart or change how it parses. */
function checkName(what: string, value: string): void {
  if (value.trim() === '' || value.trim() !== value)
    fail(`the channel ${what} must be non-empty, without spaces around it`);
  if (/[,=\r\n]/.test(value)) fail(`the channel ${what} cannot contain a comma, '=' or a line break`);
}

function scalarToken(key: ScalarKey, value: string | number): string {
  if (key === 'Program') {
    const program = String(value);
    if (program.trim() === '' || /[,=\r\n]/.test(program)) {
      fail("Program must be a non-empty path without commas, '=' or line breaks");
    }
    return program.trim();
  }
  const number = typeof value === 'number' ? value : parseInteger(value.trim());
  const n = typeof number === 'number' ? number : number.ok ? number.value : NaN;
  const max = key === 'Memory' ? MANIFEST_LIMITS.memory : MANIFEST_LIMITS.int31;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) fail(`${key} must be a whole number from 1 to ${max}`);
  return String(n);
}
