import { describe, it, expect } from 'vitest';
import { parseManifest } from './parse-manifest.ts';
import { isReadable, isWritable } from './parse-channel.ts';

const HEADER = ['Version = 20130611', 'Program = hello.wasm', 'Memory = 67108864, 0', 'Timeout = 10'];
const STDIN = 'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0';
const STDOUT = 'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1024, 1048576';
const STDERR = 'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576';

/** A valid manifest (lines 1-7) followed by `extra` lines from line 8 on. */
function valid(...extra: string[]): string {
  return [...HEADER, STDIN, STDOUT, STDERR, ...extra].join('\n');
}

function problems(text: string): string[] {
  return parseManifest(text).diagnostics.map(
    (d) => `${d.line}:${d.column}-${d.endColumn} ${d.severity}: ${d.message}`,
  );
}

describe('parseManifest: Channel lines', () => {
  it('parses all eight fields in any integer base', () => {
    const { manifest, diagnostics } = parseManifest(
      valid('Channel = data/in.txt, /dev/input, 3, 1, 0x10, 010, 1, 2'),
    );
    expect(diagnostics).toEqual([]);
    expect(manifest?.channels[3]).toEqual({
      uri: 'data/in.txt',
      alias: '/dev/input',
      type: 3,
      etag: true,
      gets: 16,
      getSize: 8,
      puts: 1,
      putSize: 2,
      line: 8,
    });
  });

  it('requires exactly 8 fields', () => {
    expect(problems(valid('Channel = a, /dev/a, 0, 0, 1, 1'))).toEqual([
      '8:11-32 error: Channel needs 8 comma-separated fields (uri, alias, type, etag, gets, get_size, puts, put_size); this line has 6',
    ]);
    expect(problems(valid('Channel = a, /dev/a, 0, 0, 1, 1, 1, 1, 1'))[0]).toMatch(/this line has 9$/);
  });

  it('points at each bad field', () => {
    expect(problems(valid('Channel = , input, 4, 2, -1, x, 0, 08'))).toEqual([
      '8:10-11 error: the channel uri (field 1) is empty: name the host side, e.g. a project file or /dev/stdin',
      "8:13-18 error: the channel alias 'input' must be an absolute path such as /dev/input: it is the file name the program opens",
      '8:20-21 error: the channel type must be 0, 1, 2 or 3 (bit 0 = random read, bit 1 = random write); got 4',
      '8:23-24 error: the channel etag must be 0 (off) or 1 (hash the traffic into the report); got 2',
      '8:26-28 error: the channel gets is -1, but limits cannot be negative (0 means none allowed)',
      "8:30-31 error: the channel get_size must be a whole number: 'x' is not a whole number (write it like 1024, 0x400 in hex or 02000 in octal)",
      "8:36-38 error: the channel put_size must be a whole number: '08' starts with 0, which makes it octal, and octal has no digits 8 or 9",
    ]);
    expect(parseManifest(valid('Channel = , input, 4, 2, -1, x, 0, 08')).manifest?.channels).toHaveLength(3);
  });

  it('reports an empty alias', () => {
    expect(problems(valid('Channel = a, , 0, 0, 1, 1, 0, 0'))).toEqual([
      '8:13-14 error: the channel alias (field 2) is empty: give the path the program sees, e.g. /dev/input',
    ]);
  });

  it('rejects a negative limit in any field', () => {
    expect(problems(valid('Channel = a, /dev/a, 0, 0, 1, 1, 1, -0x1'))).toEqual([
      '8:37-41 error: the channel put_size is -1, but limits cannot be negative (0 means none allowed)',
    ]);
  });

  it('rejects a duplicate alias, pointing at the second', () => {
    expect(problems(valid('Channel = other.txt, /dev/stdout, 0, 0, 0, 0, 1, 1'))).toEqual([
      '8:22-33 error: alias /dev/stdout is already used by the channel on line 6; each alias names one channel',
    ]);
    expect(
      parseManifest(valid('Channel = o, /dev/stdout, 0, 0, 0, 0, 1, 1')).manifest?.channels,
    ).toHaveLength(3);
  });

  it('warns about a channel that can be neither read nor written', () => {
    expect(
      problems(valid('Channel = a, /dev/a, 0, 0, 0, 0, 0, 0', 'Channel = b, /dev/b, 0, 0, 5, 0, 0, 7')),
    ).toEqual([
      '8:28-38 warning: channel /dev/a can be neither read nor written: reading needs gets and get_size above 0, writing needs puts and put_size above 0',
      '9:28-38 warning: channel /dev/b can be neither read nor written: reading needs gets and get_size above 0, writing needs puts and put_size above 0',
    ]);
  });

  it('warns when stdin is not readable or stdout/stderr not writable', () => {
    const text = [
      ...HEADER,
      'Channel = /dev/stdin, /dev/stdin, 0, 0, 0, 0, 1, 1',
      'Channel = /dev/stdout, /dev/stdout, 0, 0, 1, 1, 0, 1',
      'Channel = /dev/stderr, /dev/stderr, 0, 0, 1, 1, 1, 0',
    ].join('\n');
    expect(problems(text)).toEqual([
      '5:41-51 warning: /dev/stdin is not readable: give gets and get_size values above 0',
      '6:43-53 warning: /dev/stdout is not writable: give puts and put_size values above 0',
      '7:43-53 warning: /dev/stderr is not writable: give puts and put_size values above 0',
    ]);
  });

  it('reports each missing standard channel on line 1', () => {
    const text = [...HEADER, STDOUT].join('\n');
    expect(problems(text)).toEqual([
      "1:1-19 error: there is no channel with alias /dev/stdin; ZeroVM refuses to start without the standard channels: add 'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0'",
      "1:1-19 error: there is no channel with alias /dev/stderr; ZeroVM refuses to start without the standard channels: add 'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576'",
    ]);
    // The manifest is still returned, partly filled; callers check hasErrors before running it.
    expect(parseManifest(text).manifest?.channels.map((c) => c.alias)).toEqual(['/dev/stdout']);
    expect(problems([...HEADER, STDIN, STDERR].join('\n'))).toEqual([
      "1:1-19 error: there is no channel with alias /dev/stdout; ZeroVM refuses to start without the standard channels: add 'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1024, 1048576'",
    ]);
  });

  it('does not call a standard channel missing when only its other fields are wrong', () => {
    const text = valid().replace('/dev/stdin, 0, 0', '/dev/stdin, 9, 0');
    expect(problems(text)).toEqual([
      '5:35-36 error: the channel type must be 0, 1, 2 or 3 (bit 0 = random read, bit 1 = random write); got 9',
    ]);
  });

  it('keeps uris with spaces, semicolons and tcp: forms as written', () => {
    const { manifest, diagnostics } = parseManifest(
      valid(
        'Channel = tcp:2:, /dev/in/instance-2, 0, 1, 100, 1000, 0, 0',
        'Channel = a b;c d, /dev/x, 0, 0, 1, 1, 0, 0',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(manifest?.channels.slice(3).map((c) => c.uri)).toEqual(['tcp:2:', 'a b;c d']);
  });
});

describe('channel access', () => {
  it('derives readability and writability from both limits', () => {
    expect(isReadable({ gets: 1, getSize: 1 })).toBe(true);
    expect(isReadable({ gets: 1, getSize: 0 })).toBe(false);
    expect(isWritable({ puts: 0, putSize: 5 })).toBe(false);
    expect(isWritable({ puts: 2, putSize: 5 })).toBe(true);
  });
});
