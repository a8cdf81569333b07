import { describe, it, expect } from 'vitest';
import type { Diagnostic } from '../diagnostics.ts';
import { parseNvram } from './parse-nvram.ts';

/** The ZEROVM.md §3 sample, with the export at /singles as in zerovm-samples' tarimage/nvram.conf. */
const SAMPLE = `[fstab]
channel=/dev/mount/import, mountpoint=/, access=ro, removable=no
channel=/dev/mount/export, mountpoint=/singles, access=wo, removable=no
[env]
name=SOMEENV, value=some value
[args]
args=tarimage.nexe -arg1 "short text"
[mapping]
channel=/dev/stdout, mode=char
[time]
seconds=1370454582
[debug]
verbosity=1
`;

/** Line, column, end column and severity of each diagnostic, for compact assertions. */
function where(text: string): Array<[number, number, number, Diagnostic['severity']]> {
  return parseNvram(text).diagnostics.map((d) => [d.line, d.column, d.endColumn, d.severity]);
}

function only(text: string): Diagnostic {
  const { diagnostics } = parseNvram(text);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0] as Diagnostic;
}

describe('parseNvram: valid input', () => {
  it('reads the ZEROVM.md sample', () => {
    expect(parseNvram(SAMPLE)).toEqual({
      nvram: {
        args: ['tarimage.nexe', '-arg1', 'short text'],
        env: [['SOMEENV', 'some value']],
        fstab: [
          { channel: '/dev/mount/import', mountpoint: '/', access: 'ro', removable: false, line: 2 },
          { channel: '/dev/mount/export', mountpoint: '/singles', access: 'wo', removable: false, line: 3 },
        ],
        mapping: [{ channel: '/dev/stdout', mode: 'char', line: 9 }],
        time: 1370454582,
        debugVerbosity: 1,
      },
      diagnostics: [],
    });
  });

  it('reports the ZEROVM.md sample as printed (wo at /) as one error and leaves that mount out', () => {
    const { nvram, diagnostics } = parseNvram(SAMPLE.replace('mountpoint=/singles', 'mountpoint=/'));
    expect(nvram.fstab.map((f) => f.channel)).toEqual(['/dev/mount/import']);
    expect(diagnostics).toEqual([
      {
        line: 3,
        column: 49,
        endColumn: 51,
        severity: 'error',
        message: expect.stringContaining('access=wo'),
      },
    ]);
  });

  it('decodes escapes in values', () => {
    expect(parseNvram('[env]\nname=A, value=a\\x2cb').nvram.env).toEqual([['A', 'a,b']]);
  });

  it('accepts comments at the end of lines, CRLF line ends and blanks around keys and values', () => {
    const text = '# top\r\n[mapping] # modes\r\n  channel = /dev/stdin ,mode=pipe #FIFO\r\n';
    expect(parseNvram(text)).toEqual({
      nvram: { env: [], fstab: [], mapping: [{ channel: '/dev/stdin', mode: 'pipe', line: 3 }] },
      diagnostics: [],
    });
  });

  it('reads removable, rw, precache and keeps every env line in order', () => {
    const text = `[fstab]
channel=/dev/mount/p, mountpoint=/project, access=rw, removable=yes
[env]
name=A, value=1
name=A, value=
[precache]
precache=yes`;
    const { nvram, diagnostics } = parseNvram(text);
    expect(diagnostics).toEqual([]);
    expect(nvram.fstab[0]).toMatchObject({ access: 'rw', removable: true });
    expect(nvram.env).toEqual([
      ['A', '1'],
      ['A', ''],
    ]);
    expect(nvram.precache).toBe(true);
  });

  it('gives an empty nvram for empty text', () => {
    expect(parseNvram('')).toEqual({ nvram: { env: [], fstab: [], mapping: [] }, diagnostics: [] });
  });
});

describe('parseNvram: problems', () => {
  it('warns about an unknown section, lists the known ones and skips its lines', () => {
    const d = only('[env]\n[envs]\nname=A, value=b');
    expect(d).toMatchObject({ line: 2, column: 1, endColumn: 7, severity: 'warning' });
    expect(d.message).toContain('[args], [env], [fstab], [mapping], [time], [debug], [precache]');
    expect(only('[ENV]').message).toContain('Did you mean [env]?');
  });

  it('rejects settings before any section', () => {
    expect(where('# hi\nname=A, value=b\n[env]')).toEqual([[2, 1, 16, 'error']]);
  });

  it('reports a header without ] and text after a header', () => {
    expect(where('[env\n[args] x\nargs=p')).toEqual([
      [1, 1, 5, 'error'],
      [2, 8, 9, 'warning'],
    ]);
  });

  it('warns about unknown keys and ignores them', () => {
    const { nvram, diagnostics } = parseNvram('[fstab]\nchannel=/dev/x, mountpoint=/, access=ro, warmup=no');
    expect(diagnostics.map((d) => [d.line, d.column, d.endColumn, d.severity])).toEqual([
      [2, 42, 48, 'warning'],
    ]);
    expect(diagnostics[0]?.message).toContain('channel, mountpoint, access and removable');
    expect(nvram.fstab).toHaveLength(1);
  });

  it('reports missing required keys on the line', () => {
    const d = only('[fstab]\nmountpoint=/, access=ro');
    expect(d).toMatchObject({ line: 2, column: 1, endColumn: 24, severity: 'error' });
    expect(d.message).toContain('channel=');
    expect(where('[env]\nHOME=/root\nname=A')).toEqual([
      [2, 1, 5, 'warning'],
      [2, 1, 11, 'error'],
      [3, 1, 7, 'error'],
    ]);
  });

  it.each([
    ['[fstab]\nchannel=/dev/x, mountpoint=/, access=rx', 2, 38, 'ro, wo or rw'],
    ['[fstab]\nchannel=/dev/x, mountpoint=/, access=ro, removable=maybe', 2, 52, 'yes or no'],
    ['[fstab]\nchannel=dev/x, mountpoint=/, access=ro', 2, 9, 'absolute path'],
    ['[fstab]\nchannel=/dev/x, mountpoint=data, access=ro', 2, 28, 'absolute path'],
    ['[fstab]\nchannel=/dev/x, mountpoint=/dev/y, access=ro', 2, 28, '/dev holds only channels'],
    ['[mapping]\nchannel=/dev/stdout, mode=fifo', 2, 27, 'pipe, char or file'],
    ['[mapping]\nchannel=stdout, mode=pipe', 2, 9, 'absolute path'],
    ['[time]\nseconds=soon', 2, 9, 'whole number of seconds'],
    ['[time]\nseconds=-5', 2, 9, 'whole number of seconds'],
    ['[debug]\nverbosity=7', 2, 11, '0, 1, 2, 3 or 4'],
    ['[precache]\nprecache=maybe', 2, 10, 'yes or no'],
    ['[env]\nname=, value=x', 2, 5, 'needs a name'],
    ['[env]\nname=A=B, value=x', 2, 6, 'cannot contain ='],
    ['[args]\nargs=', 2, 5, 'program name'],
    ['[args]\nargs=prog "open', 2, 11, 'never closed'],
    ['[env]\nname=A, value=a\\x2gb', 2, 16, 'two hex digits'],
    ['[env]\nname=A, value=c:\\win', 2, 17, 'backslash'],
    ['[args]\nargs=prog c:\\win', 2, 13, 'backslash'],
  ])('reports a bad value: %j', (text, line, column, words) => {
    const d = only(text);
    expect(d).toMatchObject({ line, column, severity: 'error' });
    expect(d.endColumn).toBeGreaterThan(d.column);
    expect(d.message).toContain(words);
  });

  it('leaves out a line that has an error', () => {
    const { nvram } = parseNvram('[env]\nname=A, value=a,b\nname=B, value=c:\\x\n[debug]\nverbosity=9');
    expect(nvram).toEqual({ env: [], fstab: [], mapping: [] });
  });

  it('reports a raw comma inside a value as a broken key=value item', () => {
    const d = only('[env]\nname=A, value=a,b');
    expect(d).toMatchObject({ line: 2, column: 17, endColumn: 18, severity: 'error' });
    expect(d.message).toContain('\\x2c');
  });

  it('warns about a second [args] and uses the last one', () => {
    const { nvram, diagnostics } = parseNvram('[args]\nargs=first\n[env]\n[args]\nargs=second x');
    expect(nvram.args).toEqual(['second', 'x']);
    expect(diagnostics).toEqual([
      { line: 5, column: 1, endColumn: 5, severity: 'warning', message: expect.stringContaining('line 2') },
    ]);
  });

  it('warns about repeated once-only settings and repeated keys on a line', () => {
    const { nvram, diagnostics } = parseNvram('[time]\nseconds=1\nseconds=2\n[env]\nname=A, value=1, name=B');
    expect(nvram.time).toBe(2);
    expect(nvram.env).toEqual([['A', '1']]);
    expect(diagnostics.map((d) => [d.line, d.column, d.severity])).toEqual([
      [3, 1, 'warning'],
      [5, 18, 'warning'],
    ]);
  });

  it('warns about stray commas and rejects items without = or without a key', () => {
    expect(where('[env]\nname=A, value=1,\n[env]\n,name=B, value=2\n[env]\nname=C, junk\n[env]\n=x')).toEqual(
      [
        [2, 16, 17, 'warning'],
        [4, 1, 2, 'warning'],
        [6, 9, 13, 'error'],
        [8, 1, 2, 'error'],
      ],
    );
  });
});
