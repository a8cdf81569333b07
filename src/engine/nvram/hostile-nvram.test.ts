import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DIAGNOSTICS } from './diagnostic-list.ts';
import { parseNvram } from './parse-nvram.ts';
import type { Nvram } from './types.ts';

// Hostile-input corpus (issue 9) for ZRT nvram text: each case names the line, the words of the
// diagnostic, and checks that the bad line left nothing behind in the nvram.

interface Case {
  name: string;
  text: string;
  line: number;
  message: string;
  severity?: 'error' | 'warning';
}

const fstab = (line: string) => `[fstab]\n${line}`;
const MOUNT = 'channel=/dev/mount/image.tar, mountpoint=/data, access=ro';

const CASES: Case[] = [
  // Sections
  { name: 'an unknown section', text: '[network]\nhost=evil.example', line: 1, message: 'Unknown section [network]; its lines are ignored. ZRT reads [args], [env], [fstab], [mapping], [time], [debug], [precache].', severity: 'warning' },
  { name: 'a section in capitals', text: '[ARGS]\nargs=prog', line: 1, message: 'Did you mean [args]? Section names are lower case.', severity: 'warning' },
  { name: 'a header without ]', text: '[args', line: 1, message: 'This section header has no closing ]; write it like [fstab].' },
  { name: 'text after a header', text: '[args] args=prog', line: 1, message: 'Text after a section header is ignored', severity: 'warning' },
  { name: 'a setting before any section', text: 'args=prog\n[args]', line: 1, message: 'Settings must come after a section header such as [args] or [env]' },
  { name: 'an item without =', text: '[env]\nname=A, oops', line: 2, message: 'Expected key=value here, e.g. name=HOME; a comma inside a value must be written as \\x2c.' },
  { name: 'an = without a key', text: '[env]\n=A, value=1', line: 2, message: 'This = has no key before it; write key=value.' },
  { name: 'a setting the section does not know', text: '[args]\nargs=prog, argv0=x', line: 2, message: '[args] has no setting "argv0", so it is ignored; it knows args.', severity: 'warning' },
  // [args]
  { name: 'args: empty', text: '[args]\nargs=', line: 2, message: 'args needs at least the program name (argv[0])' },
  { name: 'args: a quote never closed', text: '[args]\nargs=prog "open', line: 2, message: 'this quote is never closed' },
  { name: 'args: \\x with no hex digits', text: '[args]\nargs=prog \\xZZ', line: 2, message: "'\\xZZ' is not a valid escape: \\x must be followed by two hex digits" },
  { name: 'args: \\x cut short at the end', text: '[args]\nargs=prog \\x4', line: 2, message: "'\\x4' is not a valid escape" },
  { name: 'args: a lone backslash', text: '[args]\nargs=C:\\dir', line: 2, message: 'write a backslash itself as \\x5c' },
  { name: 'args: escaped bytes that are not UTF-8', text: '[args]\nargs=prog \\xff\\xfe', line: 2, message: 'these escaped bytes are not valid UTF-8 text' },
  { name: 'args: a raw NUL byte', text: '[args]\nargs=prog a\0b', line: 2, message: 'This line contains a NUL byte (U+0000); nvram is plain text (is this a binary file?).' },
  { name: 'args: given twice', text: '[args]\nargs=one\nargs=two', line: 3, message: '[args] was already set on line 2; this later setting replaces it.', severity: 'warning' },
  // [env]
  { name: 'env: no name', text: '[env]\nname=, value=x', line: 2, message: 'The variable needs a name, e.g. name=HOME.' },
  { name: 'env: an escaped = in the name', text: '[env]\nname=A\\x3dB, value=x', line: 2, message: 'A variable name cannot contain =; only the value may.' },
  { name: 'env: no value=', text: '[env]\nname=HOME', line: 2, message: 'This [env] line has no value=; a complete line looks like: name=HOME, value=/home/user' },
  { name: 'env: a key given twice on a line', text: '[env]\nname=A, name=B, value=1', line: 2, message: 'name is given twice on this line; only the first one is used.', severity: 'warning' },
  // [fstab]: traversal and host-looking paths
  { name: 'fstab: a relative mountpoint climbing out', text: fstab('channel=/dev/mount/image.tar, mountpoint=../.., access=ro'), line: 2, message: 'mountpoint must be an absolute path starting with /, like / or /data.' },
  { name: 'fstab: a relative channel climbing out', text: fstab('channel=../../etc/passwd, mountpoint=/data, access=ro'), line: 2, message: 'channel must be an absolute path starting with /, like /dev/mount/root.tar.' },
  { name: 'fstab: a mount over /dev', text: fstab('channel=/dev/mount/image.tar, mountpoint=/dev/mount, access=ro'), line: 2, message: '/dev holds only channels; mount the image somewhere else, such as /data.' },
  { name: 'fstab: wo at /', text: fstab('channel=/dev/mount/out.tar, mountpoint=/, access=wo'), line: 2, message: 'access=wo cannot save the whole file system (mountpoint=/); ZRT only saves a directory, such as /out.' },
  { name: 'fstab: wo at // (the root written twice)', text: fstab('channel=/dev/mount/out.tar, mountpoint=//, access=wo'), line: 2, message: 'access=wo cannot save the whole file system (mountpoint=/); ZRT only saves a directory, such as /out.' },
  { name: 'fstab: wo at /. (the root)', text: fstab('channel=/dev/mount/out.tar, mountpoint=/., access=wo'), line: 2, message: 'access=wo cannot save the whole file system (mountpoint=/); ZRT only saves a directory, such as /out.' },
  { name: 'fstab: wo at /out/.. (the root)', text: fstab('channel=/dev/mount/out.tar, mountpoint=/out/.., access=wo'), line: 2, message: 'access=wo cannot save the whole file system (mountpoint=/); ZRT only saves a directory, such as /out.' },
  { name: 'fstab: a mount over //dev/...', text: fstab('channel=/dev/mount/image.tar, mountpoint=//dev/mount, access=ro'), line: 2, message: '/dev holds only channels; mount the image somewhere else, such as /data.' },
  { name: 'fstab: a mount over /./dev', text: fstab('channel=/dev/mount/image.tar, mountpoint=/./dev, access=ro'), line: 2, message: '/dev holds only channels; mount the image somewhere else, such as /data.' },
  { name: 'fstab: an unknown access', text: fstab('channel=/dev/mount/image.tar, mountpoint=/data, access=rwx'), line: 2, message: 'access must be ro, wo or rw, not "rwx".' },
  { name: 'fstab: removable maybe', text: fstab(`${MOUNT}, removable=maybe`), line: 2, message: 'removable must be yes or no, not "maybe".' },
  { name: 'fstab: no access', text: fstab('channel=/dev/mount/image.tar, mountpoint=/data'), line: 2, message: 'This [fstab] line has no access=' },
  { name: 'fstab: a raw comma in the path', text: fstab('channel=/dev/mount/a,b, mountpoint=/data, access=ro'), line: 2, message: 'Expected key=value here' },
  // [mapping], [time], [debug], [precache]
  { name: 'mapping: an unknown mode', text: '[mapping]\nchannel=/dev/stdout, mode=socket', line: 2, message: 'mode must be pipe, char or file, not "socket".' },
  { name: 'mapping: a relative channel', text: '[mapping]\nchannel=stdout, mode=char', line: 2, message: 'channel must be an absolute path starting with /, like /dev/stdout.' },
  { name: 'time: negative', text: '[time]\nseconds=-1', line: 2, message: 'seconds must be a whole number of seconds since 1970' },
  { name: 'time: beyond 2^53', text: '[time]\nseconds=99999999999999999999', line: 2, message: 'seconds must be a whole number of seconds since 1970' },
  { name: 'debug: verbosity 5', text: '[debug]\nverbosity=5', line: 2, message: 'verbosity must be 0, 1, 2, 3 or 4' },
  { name: 'precache: maybe', text: '[precache]\nprecache=maybe', line: 2, message: 'precache must be yes or no, not "maybe".' },
  // Bytes that have no place in nvram text
  { name: 'old Mac line ends (CR alone)', text: '[args]\rargs=prog -v\r[env]\rname=A, value=1', line: 1, message: 'This line has a carriage return (CR) in the middle: the file seems to end its lines with CR alone (old Mac style); save it with LF or CRLF line ends.' },
  { name: 'an escape character', text: '[env]\nname=A, value=\x1b[31m', line: 2, message: 'This line contains the control character U+001B' },
]; // prettier-ignore

describe('hostile nvram: each malformed line gets its own diagnostic and is left out', () => {
  it.each(CASES)('$name', ({ text, line, message, severity = 'error' }) => {
    const { nvram, diagnostics } = parseNvram(text);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ line, severity, message: expect.stringContaining(message) }),
    );
    // A line with an error adds nothing: a hostile file cannot half-configure the sandbox.
    if (severity === 'error') expect(settingsFrom(nvram, line)).toEqual([]);
  });
});

/** The settings the parse took from `line` (args and time carry no line, so they count for any). */
function settingsFrom(nvram: Nvram, line: number): unknown[] {
  return [
    ...nvram.fstab.filter((f) => f.line === line),
    ...nvram.mapping.filter((m) => m.line === line),
    ...(nvram.args ? [nvram.args] : []),
    ...(nvram.time !== undefined ? [nvram.time] : []),
    ...(nvram.debugVerbosity !== undefined ? [nvram.debugVerbosity] : []),
    ...(line === 2 ? nvram.env : []),
  ];
}

describe('hostile nvram: what is accepted is kept as written, inside the guest', () => {
  it('takes absolute mountpoints and channel aliases as guest paths, even when they look like host paths', () => {
    // Whether /etc/passwd names a channel is the manifest's business: the run refuses an unknown alias.
    const text = fstab('channel=/etc/passwd, mountpoint=/etc, access=ro');
    expect(parseNvram(text)).toEqual({
      nvram: {
        env: [],
        fstab: [{ channel: '/etc/passwd', mountpoint: '/etc', access: 'ro', removable: false, line: 2 }],
        mapping: [],
      },
      diagnostics: [],
    });
  });

  it('reads a byte-order mark, CRLF line ends and trailing CRs like plain text', () => {
    const plain = parseNvram('[args]\nargs=prog "two words"\n[env]\nname=A, value=1\n');
    expect(plain.diagnostics).toEqual([]);
    expect(parseNvram('\uFEFF[args]\r\nargs=prog "two words"\r\r\n[env]\r\nname=A, value=1\r\n')).toEqual(
      plain,
    );
  });

  it('keeps an escaped NUL as it is, for the program to see as the end of its string (as ZRT did)', () => {
    expect(parseNvram('[args]\nargs=prog a\\x00b').nvram.args).toEqual(['prog', 'a\0b']);
  });

  it('caps 100,000 bad lines at 200 diagnostics and a summary', () => {
    const text = `[fstab]\n${'channel=../x, mountpoint=../.., access=rw\n'.repeat(100_000)}`;
    const { nvram, diagnostics } = parseNvram(text);
    expect(nvram.fstab).toEqual([]);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(diagnostics.at(-1)).toMatchObject({
      line: 102,
      severity: 'error',
      message: '199800 more problems not shown (199800 of them errors); fix the ones above first.',
    });
  });

  it('reports binary junk and reads nothing from it', () => {
    const junk = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join(
      '',
    );
    const { nvram, diagnostics } = parseNvram(`[args]\n${junk}`);
    expect(nvram).toEqual({ env: [], fstab: [], mapping: [] });
    expect(diagnostics[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(diagnostics[0]!.message).toMatch(
      /^This line (contains a NUL byte|contains the control character|has a carriage return)/,
    );
  });
});

const TOKENS = [
  '[args]', '[env]', '[fstab]', '[mapping]', '[time]', '[nope]', 'args=', 'name=', 'value=', 'channel=',
  'mountpoint=', 'access=', 'ro', 'wo', 'rw', 'mode=', 'seconds=', ', ', '=', '"', '\\x', '\\x2c', '\\xc3',
  '#', ' ', '\n', '\r', '\r\n', '\0', '\x1b', '\uFEFF', '..', '../..', '/', '/etc/passwd', '/dev/mount/a', 'é',
]; // prettier-ignore

/** What holds for any input: no throw, positions on real lines, a bounded list, argv never empty. */
function holdsForAnyInput(text: string): boolean {
  const { nvram, diagnostics } = parseNvram(text);
  const lines = text.split('\n').length;
  const placed = diagnostics.every(
    (d) => d.line >= 1 && d.line <= lines && d.column >= 1 && d.endColumn > d.column && d.message !== '',
  );
  const mountsAbsolute = nvram.fstab.every((f) => f.mountpoint.startsWith('/') && f.channel.startsWith('/'));
  return (
    placed &&
    mountsAbsolute &&
    diagnostics.length <= MAX_DIAGNOSTICS + 1 &&
    (nvram.args === undefined || nvram.args.length > 0)
  );
}

describe('hostile nvram: properties', () => {
  it('never throws, on arbitrary text and on lines of nvram tokens (4000 runs)', () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join('')),
    );
    fc.assert(fc.property(anyText, holdsForAnyInput), { numRuns: 4000 });
  });
});
