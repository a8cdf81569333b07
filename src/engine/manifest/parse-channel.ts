import type { ChannelSpec, ChannelType } from './types.ts';
import type { DiagnosticList } from './diagnostic-list.ts';
import { spanOf, type Token } from './line-tokens.ts';
import { parseInteger, quoteToken } from './parse-integer.ts';

/** The eight Channel fields, in order, as ZeroVM's documentation names them. */
export const CHANNEL_FIELDS = [
  'uri',
  'alias',
  'type',
  'etag',
  'gets',
  'get_size',
  'puts',
  'put_size',
] as const;

/** What a Channel line yielded: the spec when it is valid, and its alias whenever that field was usable. */
export interface ChannelResult {
  spec?: ChannelSpec;
  alias?: string;
}

/** True when both read limits are above 0, which is what makes a channel readable. */
export function isReadable(c: Pick<ChannelSpec, 'gets' | 'getSize'>): boolean {
  return c.gets > 0 && c.getSize > 0;
}

/** True when both write limits are above 0, which is what makes a channel writable. */
export function isWritable(c: Pick<ChannelSpec, 'puts' | 'putSize'>): boolean {
  return c.puts > 0 && c.putSize > 0;
}

/** Parses the comma-separated fields of a `Channel = ...` line, reporting each bad field at its column. */
export function parseChannel(
  fields: Token[],
  value: Token,
  line: number,
  out: DiagnosticList,
): ChannelResult {
  if (fields.length !== CHANNEL_FIELDS.length) {
    out.error(
      line,
      value,
      `Channel needs ${CHANNEL_FIELDS.length} comma-separated fields (${CHANNEL_FIELDS.join(', ')}); ` +
        `this line has ${fields.length}`,
    );
    return {};
  }
  const [uri, alias, type, etag, gets, getSize, puts, putSize] = fields as EightTokens;
  const uriOk = uri.text !== '';
  if (!uriOk) {
    out.error(
      line,
      uri,
      'the channel uri (field 1) is empty: name the host side, e.g. a project file or /dev/stdin',
    );
  }
  const aliasOk = checkAlias(alias, line, out);
  const typeValue = inRange(
    readNumber(type, 'type', line, out),
    0,
    3,
    'the channel type must be 0, 1, 2 or 3 (bit 0 = random read, bit 1 = random write)',
    type,
    line,
    out,
  );
  const etagValue = inRange(
    readNumber(etag, 'etag', line, out),
    0,
    1,
    'the channel etag must be 0 (off) or 1 (hash the traffic into the report)',
    etag,
    line,
    out,
  );
  const limits = [gets, getSize, puts, putSize].map((token, i) => readLimit(token, i, line, out));
  const [g, gs, p, ps] = limits;
  const result: ChannelResult = aliasOk ? { alias: alias.text } : {};
  if (!uriOk || !aliasOk || typeValue === undefined || etagValue === undefined) return result;
  if (g === undefined || gs === undefined || p === undefined || ps === undefined) return result;
  const spec: ChannelSpec = {
    uri: uri.text,
    alias: alias.text,
    type: typeValue as ChannelType,
    etag: etagValue === 1,
    gets: g,
    getSize: gs,
    puts: p,
    putSize: ps,
    line,
  };
  checkAccess(spec, spanOf(gets, putSize), out);
  return { ...result, spec };
}

type EightTokens = [Token, Token, Token, Token, Token, Token, Token, Token];

function checkAlias(alias: Token, line: number, out: DiagnosticList): boolean {
  if (alias.text === '') {
    out.error(
      line,
      alias,
      'the channel alias (field 2) is empty: give the path the program sees, e.g. /dev/input',
    );
    return false;
  }
  if (!alias.text.startsWith('/')) {
    out.error(
      line,
      alias,
      () =>
        `the channel alias ${quoteToken(alias.text)} must be an absolute path such as /dev/${alias.text}: ` +
        'it is the file name the program opens',
    );
    return false;
  }
  return true;
}

function readNumber(token: Token, name: string, line: number, out: DiagnosticList): number | undefined {
  const parsed = parseInteger(token.text);
  if (parsed.ok) return parsed.value;
  out.error(line, token, () => `the channel ${name} must be a whole number: ${parsed.reason}`);
  return undefined;
}

function inRange(
  value: number | undefined,
  min: number,
  max: number,
  expected: string,
  token: Token,
  line: number,
  out: DiagnosticList,
): number | undefined {
  if (value === undefined || (value >= min && value <= max)) return value;
  out.error(line, token, () => `${expected}; got ${value}`);
  return undefined;
}

function readLimit(token: Token, index: number, line: number, out: DiagnosticList): number | undefined {
  const name = CHANNEL_FIELDS[index + 4] ?? 'limit';
  const value = readNumber(token, name, line, out);
  if (value === undefined || value >= 0) return value;
  out.error(
    line,
    token,
    () => `the channel ${name} is ${value}, but limits cannot be negative (0 means none allowed)`,
  );
  return undefined;
}

function checkAccess(spec: ChannelSpec, limits: Token, out: DiagnosticList): void {
  const readable = isReadable(spec);
  const writable = isWritable(spec);
  if (spec.alias === '/dev/stdin' && !readable) {
    out.warn(spec.line, limits, '/dev/stdin is not readable: give gets and get_size values above 0');
  } else if ((spec.alias === '/dev/stdout' || spec.alias === '/dev/stderr') && !writable) {
    out.warn(spec.line, limits, `${spec.alias} is not writable: give puts and put_size values above 0`);
  } else if (!readable && !writable) {
    out.warn(
      spec.line,
      limits,
      `channel ${spec.alias} can be neither read nor written: reading needs gets and get_size above 0, ` +
        'writing needs puts and put_size above 0',
    );
  }
}
