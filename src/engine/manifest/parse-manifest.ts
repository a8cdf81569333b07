import type { Diagnostic } from '../diagnostics.ts';
import type { ChannelSpec, Manifest } from './types.ts';
import { DiagnosticList } from './diagnostic-list.ts';
import { MANIFEST_LIMITS, utf8Length } from './limits.ts';
import { lineSpan, splitFields, trimToken, type Token } from './line-tokens.ts';
import { KEY_EXAMPLES, MANIFEST_KEYS, REQUIRED_KEYS, isManifestKey, suggestKey } from './manifest-keys.ts';
import type { ManifestKey } from './manifest-keys.ts';
import { parseChannel } from './parse-channel.ts';
import { quoteToken } from './parse-integer.ts';
import { applyScalarKey, type ManifestDraft } from './parse-scalar-keys.ts';

/** What parseManifest found: the manifest when the required keys parsed, and every problem, in line order. */
export interface ParseManifestResult {
  /** Present once Version, Program, Memory and Timeout parsed; check hasErrors before running it. */
  manifest?: Manifest;
  diagnostics: Diagnostic[];
}

/** The standard channels ZeroVM refuses to start without, with a line that adds each one. */
export const STANDARD_CHANNELS: ReadonlyArray<readonly [alias: string, example: string]> = [
  ['/dev/stdin', 'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0'],
  ['/dev/stdout', 'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1024, 1048576'],
  ['/dev/stderr', 'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576'],
];

interface ParseState {
  draft: ManifestDraft;
  channels: ChannelSpec[];
  /** Alias -> line of the channel that claimed it. */
  aliases: Map<string, number>;
  /** Key -> line where it first appeared. */
  seen: Map<ManifestKey, number>;
  channelCount: number;
}

/** Parses ZeroVM manifest text (`Key = value` lines), reporting every problem as a positioned diagnostic. */
export function parseManifest(text: string): ParseManifestResult {
  const out = new DiagnosticList();
  const size = utf8Length(text);
  if (size > MANIFEST_LIMITS.bytes) {
    out.error(
      1,
      { text: '', column: 1, endColumn: 2 },
      `the manifest is ${size} bytes long; ZeroVM reads at most ${MANIFEST_LIMITS.bytes} bytes (512 KiB)`,
    );
    return { diagnostics: out.finish() };
  }
  const lines = text.split('\n');
  const state: ParseState = { draft: {}, channels: [], aliases: new Map(), seen: new Map(), channelCount: 0 };
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const isFinalNewline = line === lines.length && content === '';
    if (line === MANIFEST_LIMITS.lines + 1 && !isFinalNewline) {
      out.error(
        line,
        lineSpan(content),
        `the manifest has ${lines.length - (lines.at(-1) === '' ? 1 : 0)} lines; ZeroVM reads at most ` +
          `${MANIFEST_LIMITS.lines}, so this line and the ones after it would be lost`,
      );
    }
    parseLine(content, line, state, out);
  });
  finalChecks(state, lines[0] ?? '', out);
  const { version, program, memory, memoryEtag, timeout, ...optional } = state.draft;
  const diagnostics = out.finish();
  if (version === undefined || program === undefined || memory === undefined || timeout === undefined) {
    return { diagnostics };
  }
  const manifest: Manifest = {
    version,
    program,
    memory,
    memoryEtag: memoryEtag ?? false,
    timeout,
    channels: state.channels,
    ...optional,
  };
  return { manifest, diagnostics };
}

function parseLine(raw: string, line: number, state: ParseState, out: DiagnosticList): void {
  const trimmed = raw.trim();
  if (trimmed === '') return;
  const control = firstControl(raw);
  if (control !== -1) {
    const at: Token = { text: raw[control]!, column: control + 1, endColumn: control + 2 };
    out.error(line, at, () => controlMessage(raw[control]!));
    return;
  }
  if (trimmed.startsWith('#') || trimmed.startsWith('==')) return;
  const equals = raw.indexOf('=');
  if (equals === -1) {
    out.error(line, lineSpan(raw), () => noEqualsMessage(trimmed));
    return;
  }
  const key = trimToken(raw.slice(0, equals), 1);
  const rawValue = raw.slice(equals + 1);
  const value = trimToken(rawValue, equals + 2);
  const equalsSpan: Token = { text: '=', column: equals + 1, endColumn: equals + 2 };
  if (key.text === '') {
    out.error(
      line,
      equalsSpan,
      `this line has no key before '='; write it as 'Key = value', e.g. '${KEY_EXAMPLES.Timeout}'`,
    );
    return;
  }
  for (const [token, what] of [
    [key, 'key'],
    [value, 'value'],
  ] as const) {
    const bytes = utf8Length(token.text);
    if (bytes > MANIFEST_LIMITS.tokenBytes) {
      out.error(
        line,
        token,
        `this ${what} is ${bytes} bytes long; ZeroVM allows ${MANIFEST_LIMITS.tokenBytes} at most`,
      );
      return;
    }
  }
  const second = raw.indexOf('=', equals + 1);
  if (second !== -1) {
    out.error(
      line,
      { text: '=', column: second + 1, endColumn: second + 2 },
      "this line has a second '='; ZeroVM ignores lines with more than one '=', " +
        "so a value cannot contain '='",
    );
    return;
  }
  if (!isManifestKey(key.text)) {
    out.warn(line, key, () => unknownKeyMessage(key.text));
    return;
  }
  if (key.text !== 'Channel') {
    const first = state.seen.get(key.text);
    if (first !== undefined) {
      const twice = `${key.text} is already set on line ${first}; a manifest has one ${key.text} line`;
      out.error(line, key, `${twice}, so this one is ignored`);
      return;
    }
  }
  if (!state.seen.has(key.text)) state.seen.set(key.text, line);
  const fields = splitFields(rawValue, equals + 2);
  if (fields.length > MANIFEST_LIMITS.tokens) {
    const limit = `ZeroVM allows at most ${MANIFEST_LIMITS.tokens} comma-separated values on one line`;
    out.error(line, value, `${limit}; this line has ${fields.length}`);
    return;
  }
  if (value.text === '') {
    out.error(
      line,
      equalsSpan,
      `${key.text} has no value after '='; write it like '${KEY_EXAMPLES[key.text]}'`,
    );
    return;
  }
  if (key.text === 'Channel') addChannel(fields, value, line, state, out);
  else applyScalarKey(key.text, fields, value, line, out, state.draft);
}

function addChannel(
  fields: Token[],
  value: Token,
  line: number,
  state: ParseState,
  out: DiagnosticList,
): void {
  state.channelCount++;
  if (state.channelCount > MANIFEST_LIMITS.channels) {
    if (state.channelCount === MANIFEST_LIMITS.channels + 1) {
      const limit = `ZeroVM allows at most ${MANIFEST_LIMITS.channels} channels`;
      out.error(
        line,
        value,
        `${limit}; this is channel ${state.channelCount}, so it and the ones after it are ignored`,
      );
    }
    return;
  }
  const result = parseChannel(fields, value, line, out);
  if (result.alias !== undefined) {
    const first = state.aliases.get(result.alias);
    if (first !== undefined) {
      const alias = fields[1] ?? value;
      out.error(
        line,
        alias,
        `alias ${result.alias} is already used by the channel on line ${first}; each alias names one channel`,
      );
      return;
    }
    state.aliases.set(result.alias, line);
  }
  if (result.spec) state.channels.push(result.spec);
}

function finalChecks(state: ParseState, firstLine: string, out: DiagnosticList): void {
  const span = lineSpan(firstLine);
  for (const key of REQUIRED_KEYS) {
    if (state.seen.has(key)) continue;
    const missing = `the manifest has no ${key} line, and ZeroVM refuses to start without one`;
    out.add('error', 1, span, `${missing}: add '${KEY_EXAMPLES[key]}'`, true);
  }
  for (const [alias, example] of STANDARD_CHANNELS) {
    if (state.aliases.has(alias)) continue;
    const missing =
      `there is no channel with alias ${alias}; ` + 'ZeroVM refuses to start without the standard channels';
    out.add('error', 1, span, `${missing}: add '${example}'`, true);
  }
}

/** Index of the first control character other than tab (a CR here is one that does not end the line), or -1. */
function firstControl(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return i;
  }
  return -1;
}

function controlMessage(char: string): string {
  if (char === '\r') {
    return (
      'this line has a carriage return (CR) in the middle: the file seems to end its lines with CR alone ' +
      '(old Mac style); save it with LF or CRLF line ends'
    );
  }
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const name = char === '\0' ? `a NUL byte (${code})` : `the control character ${code}`;
  return `this line contains ${name}; a manifest is plain text (is this a binary file?)`;
}

function noEqualsMessage(trimmed: string): string {
  const word = /^\S*/.exec(trimmed)?.[0] ?? '';
  if (isManifestKey(word)) {
    const rest = trimmed.slice(word.length).trim();
    const value = rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
    return `this line has no '=' after ${word}: write it as '${word} = ${value}'`;
  }
  return "this line is not a 'Key = value' line (it has no '='); to write a comment, start the line with #";
}

function unknownKeyMessage(key: string): string {
  const suggestion = suggestKey(key);
  if (suggestion === undefined) {
    return `unknown key ${quoteToken(key)} is ignored; the keys are ${MANIFEST_KEYS.join(', ')}`;
  }
  const caseOnly = suggestion.toLowerCase() === key.toLowerCase() ? ' (keys are case-sensitive)' : '';
  return `unknown key ${quoteToken(key)} is ignored: did you mean '${suggestion}'?${caseOnly}`;
}
