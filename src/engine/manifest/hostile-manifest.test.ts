import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../diagnostics.ts';
import { MANIFEST_LIMITS } from './limits.ts';
import { parseManifest } from './parse-manifest.ts';

// Hostile-input corpus (issue 9): every field malformed, and inputs built to hurt the parser. Each case
// names the line and the words of the diagnostic a user would see.

const VALID = [
  'Version = 20130611',
  'Program = hello.wasm',
  'Memory = 67108864, 0',
  'Timeout = 10',
  'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0',
  'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1024, 1048576',
  'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576',
];

/** The valid manifest with line `n` (1-based) replaced by `text`, or removed when `text` is undefined. */
function withLine(n: number, text?: string): string {
  return VALID.flatMap((line, i) => (i + 1 !== n ? [line] : text === undefined ? [] : [text])).join('\n');
}

/** The valid manifest with `lines` added from line 8 on. */
function plus(...lines: string[]): string {
  return [...VALID, ...lines].join('\n');
}

/** A channel line (added as line 8) with field `index` (0-based) replaced by `value`. */
function channelWith(index: number, value: string): string {
  const fields = ['data.txt', '/dev/input', '0', '0', '10', '1000', '0', '0'];
  fields[index] = value;
  return plus(`Channel = ${fields.join(', ')}`);
}

interface Case {
  name: string;
  text: string;
  line: number;
  /** Words the diagnostic on `line` must contain. */
  message: string;
  severity?: 'error' | 'warning';
}

const CASES: Case[] = [
  // Version
  { name: 'Version: another number', text: withLine(1, 'Version = 20130612'), line: 1, message: "Version must be 20130611, the only manifest version ZeroVM accepts; got '20130612'" },
  { name: 'Version: text', text: withLine(1, 'Version = latest'), line: 1, message: "got 'latest'" },
  { name: 'Version: missing', text: withLine(1), line: 1, message: "the manifest has no Version line, and ZeroVM refuses to start without one: add 'Version = 20130611'" },
  { name: 'Version: empty', text: withLine(1, 'Version ='), line: 1, message: "Version has no value after '='" },
  { name: 'Version: twice', text: plus('Version = 20130611'), line: 8, message: 'Version is already set on line 1; a manifest has one Version line' },
  // Program
  { name: 'Program: empty', text: withLine(2, 'Program = '), line: 2, message: "Program has no value after '='; write it like 'Program = hello.wasm'" },
  { name: 'Program: missing', text: withLine(2), line: 1, message: 'the manifest has no Program line' },
  { name: 'Program: a NUL byte in the path', text: withLine(2, 'Program = hello\0.wasm'), line: 2, message: 'this line contains a NUL byte (U+0000); a manifest is plain text' },
  { name: 'Program: an = in the path', text: withLine(2, 'Program = a=b.wasm'), line: 2, message: "this line has a second '='; ZeroVM ignores lines with more than one '='" },
  { name: 'Program: 9000 bytes long', text: withLine(2, `Program = ${'p'.repeat(9000)}`), line: 2, message: 'this value is 9000 bytes long; ZeroVM allows 8192 at most' },
  { name: 'Program: twice', text: plus('Program = other.wasm'), line: 8, message: 'Program is already set on line 2' },
  // Memory
  { name: 'Memory: zero', text: withLine(3, 'Memory = 0, 0'), line: 3, message: 'Memory must be a number of bytes from 1 to 4294967296 (4 GiB); got 0' },
  { name: 'Memory: negative', text: withLine(3, 'Memory = -65536, 0'), line: 3, message: 'from 1 to 4294967296 (4 GiB); got -65536' },
  { name: 'Memory: 4 GiB and one byte', text: withLine(3, 'Memory = 4294967297, 0'), line: 3, message: 'got 4294967297' },
  { name: 'Memory: 2^64', text: withLine(3, 'Memory = 18446744073709551616, 0'), line: 3, message: "'18446744073709551616' is too large (the largest number accepted is 9007199254740991)" },
  { name: 'Memory: a float', text: withLine(3, 'Memory = 1.5e6, 0'), line: 3, message: "'1.5e6' is not a whole number (write it like 1024, 0x400 in hex or 02000 in octal)" },
  { name: 'Memory: 0x without digits', text: withLine(3, 'Memory = 0x, 0'), line: 3, message: "'0x' has no hex digits after 0x" },
  { name: 'Memory: octal with a 9', text: withLine(3, 'Memory = 0129, 0'), line: 3, message: "'0129' starts with 0, which makes it octal, and octal has no digits 8 or 9" },
  { name: 'Memory: etag 2', text: withLine(3, 'Memory = 65536, 2'), line: 3, message: 'the Memory etag must be 0 (off) or 1 (hash memory into the report); got 2' },
  { name: 'Memory: three values', text: withLine(3, 'Memory = 65536, 0, 0'), line: 3, message: 'Memory takes 2 comma-separated values (bytes, etag)' },
  { name: 'Memory: etag missing', text: withLine(3, 'Memory = 65536'), line: 3, message: 'the etag (0 or 1) is missing, so 0 is assumed', severity: 'warning' },
  { name: 'Memory: missing', text: withLine(3), line: 1, message: 'the manifest has no Memory line' },
  // Timeout
  { name: 'Timeout: zero', text: withLine(4, 'Timeout = 0'), line: 4, message: 'Timeout must be a number of seconds from 1 to 2147483647; got 0' },
  { name: 'Timeout: negative', text: withLine(4, 'Timeout = -1'), line: 4, message: 'got -1' },
  { name: 'Timeout: 2^31', text: withLine(4, 'Timeout = 2147483648'), line: 4, message: 'got 2147483648' },
  { name: 'Timeout: Infinity', text: withLine(4, 'Timeout = Infinity'), line: 4, message: "'Infinity' is not a whole number" },
  { name: 'Timeout: with a unit', text: withLine(4, 'Timeout = 10s'), line: 4, message: "'10s' is not a whole number" },
  { name: 'Timeout: missing', text: withLine(4), line: 1, message: 'the manifest has no Timeout line' },
  // The keys ZeroVM accepts but the playground has no use for
  { name: 'Node: zero', text: plus('Node = 0'), line: 8, message: 'Node must be an instance id from 1 to 2147483647; got 0' },
  { name: 'NameServer: tcp', text: plus('NameServer = tcp:10.0.0.1:53'), line: 8, message: "NameServer must look like udp:<ip>:<port>, e.g. udp:10.0.0.254:5544; got 'tcp:10.0.0.1:53'" },
  { name: 'NameServer: octet over 255', text: plus('NameServer = udp:256.0.0.1:53'), line: 8, message: "got 'udp:256.0.0.1:53'" },
  // Lines that are not Key = value
  { name: 'a key in the wrong case', text: plus('memory = 1, 0'), line: 8, message: "unknown key 'memory' is ignored: did you mean 'Memory'? (keys are case-sensitive)", severity: 'warning' },
  { name: 'a line without =', text: plus('just some words'), line: 8, message: "this line is not a 'Key = value' line (it has no '=')" },
  { name: 'a line without a key', text: plus(' = 5'), line: 8, message: "this line has no key before '='" },
  { name: 'a key 9000 bytes long', text: plus(`${'K'.repeat(9000)} = 1`), line: 8, message: 'this key is 9000 bytes long; ZeroVM allows 8192 at most' },
  { name: '17 values on one line', text: plus(`Etag = ${Array(17).fill('a').join(',')}`), line: 8, message: 'ZeroVM allows at most 16 comma-separated values on one line; this line has 17' },
  // Channel, field by field
  { name: 'Channel: 7 fields', text: plus('Channel = data.txt, /dev/input, 0, 0, 10, 1000, 0'), line: 8, message: 'Channel needs 8 comma-separated fields (uri, alias, type, etag, gets, get_size, puts, put_size); this line has 7' },
  { name: 'Channel: 9 fields', text: plus('Channel = data.txt, /dev/input, 0, 0, 10, 1000, 0, 0, 0'), line: 8, message: 'this line has 9' },
  { name: 'Channel: no value', text: plus('Channel ='), line: 8, message: "Channel has no value after '='" },
  { name: 'Channel: empty uri', text: channelWith(0, ''), line: 8, message: 'the channel uri (field 1) is empty' },
  { name: 'Channel: empty alias', text: channelWith(1, ''), line: 8, message: 'the channel alias (field 2) is empty' },
  { name: 'Channel: relative alias', text: channelWith(1, 'dev/input'), line: 8, message: "the channel alias 'dev/input' must be an absolute path" },
  { name: 'Channel: type 4', text: channelWith(2, '4'), line: 8, message: 'the channel type must be 0, 1, 2 or 3 (bit 0 = random read, bit 1 = random write); got 4' },
  { name: 'Channel: type -1', text: channelWith(2, '-1'), line: 8, message: 'the channel type must be 0, 1, 2 or 3' },
  { name: 'Channel: type as a word', text: channelWith(2, 'random'), line: 8, message: "the channel type must be a whole number: 'random' is not a whole number" },
  { name: 'Channel: etag 2', text: channelWith(3, '2'), line: 8, message: 'the channel etag must be 0 (off) or 1 (hash the traffic into the report); got 2' },
  { name: 'Channel: etag yes', text: channelWith(3, 'yes'), line: 8, message: "the channel etag must be a whole number: 'yes' is not a whole number" },
  { name: 'Channel: negative gets', text: channelWith(4, '-5'), line: 8, message: 'the channel gets is -5, but limits cannot be negative (0 means none allowed)' },
  { name: 'Channel: get_size 2^64', text: channelWith(5, '18446744073709551616'), line: 8, message: "the channel get_size must be a whole number: '18446744073709551616' is too large" },
  { name: 'Channel: puts as a word', text: channelWith(6, 'lots'), line: 8, message: "the channel puts must be a whole number: 'lots' is not a whole number" },
  { name: 'Channel: negative put_size', text: channelWith(7, '-1'), line: 8, message: 'the channel put_size is -1, but limits cannot be negative' },
  { name: 'Channel: no limits at all', text: plus('Channel = data.txt, /dev/input, 0, 0, 0, 0, 0, 0'), line: 8, message: 'channel /dev/input can be neither read nor written', severity: 'warning' },
  { name: 'Channel: a stdin that cannot be read', text: withLine(5, 'Channel = /dev/stdin, /dev/stdin, 0, 0, 0, 0, 0, 0'), line: 5, message: '/dev/stdin is not readable: give gets and get_size values above 0', severity: 'warning' },
  { name: 'Channel: an alias used twice', text: plus('Channel = other.txt, /dev/stdout, 0, 0, 0, 0, 10, 10'), line: 8, message: 'alias /dev/stdout is already used by the channel on line 6; each alias names one channel' },
  { name: 'Channel: stdout missing', text: withLine(6), line: 1, message: 'there is no channel with alias /dev/stdout; ZeroVM refuses to start without the standard channels' },
  // Bytes that have no place in a manifest
  { name: 'a line of NUL bytes', text: plus('\0\0\0'), line: 8, message: 'this line contains a NUL byte (U+0000)' },
  { name: 'an escape character in a value', text: plus('Etag = \x1b[31m'), line: 8, message: 'this line contains the control character U+001B; a manifest is plain text (is this a binary file?)' },
  { name: 'a DEL in a comment', text: plus('# note \x7f'), line: 8, message: 'the control character U+007F' },
  { name: 'old Mac line ends (CR alone)', text: VALID.join('\r'), line: 1, message: 'this line has a carriage return (CR) in the middle: the file seems to end its lines with CR alone (old Mac style); save it with LF or CRLF line ends' },
]; // prettier-ignore

describe('hostile manifests: each malformed field gets its own diagnostic', () => {
  it('starts from a manifest without problems', () => {
    expect(parseManifest(VALID.join('\n')).diagnostics).toEqual([]);
  });

  it.each(CASES)('$name', ({ text, line, message, severity = 'error' }) => {
    const { manifest, diagnostics } = parseManifest(text);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ line, severity, message: expect.stringContaining(message) }),
    );
    if (severity === 'error') expect(manifest === undefined || hasErrors(diagnostics)).toBe(true);
  });
});

describe('hostile manifests: encodings, sizes and junk', () => {
  it('reads CRLF line ends and a byte-order mark like plain LF text', () => {
    const plain = parseManifest(VALID.join('\n'));
    expect(parseManifest(VALID.join('\r\n') + '\r\n')).toEqual(plain);
    expect(parseManifest('\uFEFF' + VALID.join('\n'))).toEqual(plain);
  });

  it('refuses a 5 MB file with one error, without reading its lines', () => {
    const text = plus(`# ${'x'.repeat(5_000_000)}`, ...Array<string>(50_000).fill('Foo = 1'));
    const { manifest, diagnostics } = parseManifest(text);
    expect(manifest).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        line: 1,
        column: 1,
        endColumn: 2,
        severity: 'error',
        message: `the manifest is ${text.length} bytes long; ZeroVM reads at most 524288 bytes (512 KiB)`,
      },
    ]);
  });

  it('refuses 20,000 channels with one error', () => {
    const channels = Array.from(
      { length: 20_000 },
      (_, i) => `Channel = data/part-${i}.txt, /dev/in/part-${i}, 3, 0, 1000, 1048576, 0, 0`,
    );
    const { manifest, diagnostics } = parseManifest(plus(...channels));
    expect(manifest).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(
      /^the manifest is \d+ bytes long; ZeroVM reads at most 524288 bytes/,
    );
  });

  it('caps the channels of a compact manifest at 10915 and the lines at 8192, one diagnostic each', () => {
    const channels = Array.from({ length: 12_000 }, (_, i) => `Channel=a,/${i.toString(36)},1,0,1,1,0,0`);
    const text = plus(...channels);
    expect(text.length).toBeLessThanOrEqual(MANIFEST_LIMITS.bytes);
    const errors = parseManifest(text).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '8193: the manifest has 12007 lines; ZeroVM reads at most 8192, so this line and the ones after it would be lost',
      '10920: ZeroVM allows at most 10915 channels; this is channel 10916, so it and the ones after it are ignored',
    ]);
  });

  it('reports 250 KB of binary junk with at most 200 diagnostics, the last summing up the rest', () => {
    let seed = 7;
    const junk = Array.from({ length: 250_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode((seed >>> 16) & 0xff);
    }).join('');
    const { manifest, diagnostics } = parseManifest(junk);
    expect(manifest).toBeUndefined();
    expect(diagnostics).toHaveLength(MANIFEST_LIMITS.diagnostics);
    expect(diagnostics.at(-1)).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(
        /^\d+ more problems not shown \(\d+ errors, \d+ warnings\) from this line on/,
      ),
    });
    expect(diagnostics.filter((d) => d.message.includes('a manifest is plain text')).length).toBeGreaterThan(
      0,
    );
  });
});

/** What holds for any input: no throw, positions inside the text, a result only without errors. */
// Plain checks instead of expect(): thousands of runs stay cheap, and fast-check reports the input.
function holdsForAnyInput(text: string): boolean {
  const lines = text.split('\n').length;
  const { manifest, diagnostics } = parseManifest(text);
  if (diagnostics.length > MANIFEST_LIMITS.diagnostics) return false;
  const placed = diagnostics.every(
    (d) => d.line >= 1 && d.line <= lines && d.column >= 1 && d.endColumn > d.column && d.message !== '',
  );
  if (!placed) return false;
  if (hasErrors(diagnostics)) return true;
  const aliases = manifest?.channels.map((c) => c.alias) ?? [];
  return ['/dev/stdin', '/dev/stdout', '/dev/stderr'].every((a) => aliases.includes(a));
}

// Bytes a hostile file mixes into otherwise plausible lines.
const NASTY = [
  '\0',
  '\r',
  '\t',
  '\x1b',
  '\x7f',
  '\uFEFF',
  '\u2028',
  '\uD800',
  '=',
  ',',
  '#',
  '0x',
  '-',
  '9'.repeat(20),
];

describe('hostile manifests: properties', () => {
  it('never throws, on arbitrary text (3000 runs)', () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({
        unit: fc.constantFrom(...NASTY, 'Channel', 'Memory', ' = ', '\n', '/dev/stdin'),
        maxLength: 60,
      }),
    );
    fc.assert(fc.property(anyText, holdsForAnyInput), { numRuns: 3000 });
  });

  it('never throws, on a valid manifest with junk spliced into it (3000 runs)', () => {
    const text = VALID.join('\n');
    const splice = fc.tuple(
      fc.nat(text.length),
      fc.nat(8),
      fc.string({ unit: fc.constantFrom(...NASTY, 'a', ' ', '\n'), maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(splice, { minLength: 1, maxLength: 4 }), (splices) => {
        let mutated = text;
        for (const [at, cut, insert] of splices)
          mutated = mutated.slice(0, at) + insert + mutated.slice(at + cut);
        return holdsForAnyInput(mutated);
      }),
      { numRuns: 3000 },
    );
  });
});
