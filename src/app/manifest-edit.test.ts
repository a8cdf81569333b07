import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasErrors } from '../engine/diagnostics.ts';
import { parseManifest } from '../engine/manifest/parse-manifest.ts';
import { printManifest } from '../engine/manifest/print-manifest.ts';
import type { ChannelSpec, ChannelType, Manifest } from '../engine/manifest/types.ts';
import {
  ManifestEditError,
  addChannel,
  editChannel,
  removeChannel,
  setChannelEtag,
  setChannelLimits,
  setChannelType,
  setScalar,
} from './manifest-edit.ts';

const HELLO = `# The sandbox for greet.wasm: three channels and nothing else.
Version = 20130611
Program = greet.wasm
Memory = 16777216, 0
Timeout = 5
#         uri          alias        type etag gets get_size puts put_size
Channel = /dev/stdin,  /dev/stdin,  0,   0,   16,  4096,    0,   0
Channel = /dev/stdout, /dev/stdout, 0,   0,   0,   0,       16,  65536
Channel = /dev/stderr, /dev/stderr, 0,   0,   0,   0,       16,  65536
`;

const CANONICAL = `Version = 20130611
Program = greet.wasm
Memory = 16777216, 0
Timeout = 5
Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0
Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 16, 65536
Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 16, 65536
# trailing comment`;

function parsed(text: string): Manifest {
  const result = parseManifest(text);
  expect(hasErrors(result.diagnostics)).toBe(false);
  return result.manifest!;
}

function channel(text: string, alias: string): ChannelSpec {
  return parsed(text).channels.find((c) => c.alias === alias)!;
}

/** Lines of `after` that differ from `before` (same line count assumed). */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
}

describe('setChannelLimits', () => {
  it('rewrites only the changed fields and keeps the columns aligned', () => {
    const out = setChannelLimits(HELLO, '/dev/stdin', { gets: 100, getSize: 65536, puts: 0, putSize: 0 });
    expect(changedLines(HELLO, out)).toEqual([7]);
    expect(out.split('\n')[6]).toBe('Channel = /dev/stdin,  /dev/stdin,  0,   0,   100, 65536,   0,   0');
    expect(channel(out, '/dev/stdin')).toMatchObject({ gets: 100, getSize: 65536, puts: 0, putSize: 0 });
  });

  it('pads a field that shrank so the next columns stay put', () => {
    const out = setChannelLimits(HELLO, '/dev/stdout', { gets: 0, getSize: 0, puts: 2, putSize: 9 });
    expect(out.split('\n')[7]).toBe('Channel = /dev/stdout, /dev/stdout, 0,   0,   0,   0,       2,   9');
    expect(channel(out, '/dev/stdout')).toMatchObject({ puts: 2, putSize: 9 });
  });

  it('keeps single spacing on canonical lines, and unchanged fields as written (hex stays hex)', () => {
    const text = CANONICAL.replace('16, 4096, 0, 0', '0x10, 4096, 0, 0');
    const out = setChannelLimits(text, '/dev/stdin', { gets: 16, getSize: 1048576, puts: 0, putSize: 0 });
    expect(out.split('\n')[4]).toBe('Channel = /dev/stdin, /dev/stdin, 0, 0, 0x10, 1048576, 0, 0');
    expect(changedLines(text, out)).toEqual([5]);
  });

  it('returns the text unchanged when nothing changes', () => {
    const same = { gets: 16, getSize: 4096, puts: 0, putSize: 0 };
    expect(setChannelLimits(HELLO, '/dev/stdin', same)).toBe(HELLO);
  });

  it('keeps CRLF line breaks', () => {
    const text = HELLO.replaceAll('\n', '\r\n');
    const out = setChannelLimits(text, '/dev/stderr', { gets: 0, getSize: 0, puts: 1, putSize: 1 });
    expect(out.split('\r\n')).toHaveLength(text.split('\r\n').length);
    expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    expect(channel(out, '/dev/stderr')).toMatchObject({ puts: 1, putSize: 1 });
  });

  it('refuses an unknown alias and negative or fractional limits', () => {
    const limits = { gets: 1, getSize: 1, puts: 0, putSize: 0 };
    expect(() => setChannelLimits(HELLO, '/dev/input', limits)).toThrow(ManifestEditError);
    expect(() => setChannelLimits(HELLO, '/dev/stdin', { ...limits, gets: -1 })).toThrow(/at least 0/);
    expect(() => setChannelLimits(HELLO, '/dev/stdin', { ...limits, getSize: 1.5 })).toThrow(
      ManifestEditError,
    );
  });

  it('finds the channel even when the manifest misses a required key', () => {
    const text = HELLO.replace('Timeout = 5\n', '');
    const out = setChannelLimits(text, '/dev/stdout', { gets: 0, getSize: 0, puts: 3, putSize: 30 });
    expect(parseManifest(`${out}Timeout = 5\n`).manifest?.channels[1]).toMatchObject({
      puts: 3,
      putSize: 30,
    });
  });
});

describe('setChannelType, setChannelEtag, editChannel', () => {
  it('sets the type and etag fields only', () => {
    const typed = setChannelType(HELLO, '/dev/stdout', 3);
    expect(changedLines(HELLO, typed)).toEqual([8]);
    expect(channel(typed, '/dev/stdout').type).toBe(3);
    const tagged = setChannelEtag(typed, '/dev/stdout', true);
    expect(channel(tagged, '/dev/stdout')).toMatchObject({ type: 3, etag: true, puts: 16, putSize: 65536 });
    expect(setChannelEtag(tagged, '/dev/stdout', false)).toBe(typed);
  });

  it('applies several changes in one rewrite', () => {
    const out = editChannel(CANONICAL, '/dev/stdin', {
      type: 1,
      etag: true,
      limits: { gets: 1, getSize: 2, puts: 3, putSize: 4 },
    });
    expect(out.split('\n')[4]).toBe('Channel = /dev/stdin, /dev/stdin, 1, 1, 1, 2, 3, 4');
    expect(changedLines(CANONICAL, out)).toEqual([5]);
  });

  it('refuses a type outside 0-3', () => {
    expect(() => setChannelType(HELLO, '/dev/stdin', 4 as ChannelType)).toThrow(/0, 1, 2 or 3/);
  });
});

describe('addChannel', () => {
  const spec = {
    uri: 'data.txt',
    alias: '/dev/input',
    type: 1,
    etag: false,
    gets: 100,
    getSize: 65536,
    puts: 0,
    putSize: 0,
  } as const;

  it('appends a line after the last Channel line, on the columns of an aligned manifest', () => {
    const out = addChannel(HELLO, spec);
    const lines = out.split('\n');
    expect(lines[9]).toBe('Channel = data.txt,    /dev/input,  1,   0,   100, 65536,   0,   0');
    expect(lines.slice(0, 9).join('\n')).toBe(HELLO.split('\n').slice(0, 9).join('\n'));
    expect(lines[10]).toBe('');
    expect(channel(out, '/dev/input')).toEqual({ ...spec, line: 10 });
  });

  it('prints a canonical line after canonical lines, before what follows them', () => {
    const out = addChannel(CANONICAL, { ...spec, etag: true });
    const lines = out.split('\n');
    expect(lines[7]).toBe('Channel = data.txt, /dev/input, 1, 1, 100, 65536, 0, 0');
    expect(lines[8]).toBe('# trailing comment');
  });

  it('adds a line break to an unterminated last Channel line', () => {
    const text = CANONICAL.replace('\n# trailing comment', '');
    const out = addChannel(text, spec);
    expect(out.endsWith('Channel = data.txt, /dev/input, 1, 0, 100, 65536, 0, 0')).toBe(true);
    expect(out.startsWith(`${text}\n`)).toBe(true);
  });

  it('appends at the end when there is no Channel line yet', () => {
    expect(addChannel('Version = 20130611\n', spec)).toBe(
      'Version = 20130611\nChannel = data.txt, /dev/input, 1, 0, 100, 65536, 0, 0\n',
    );
    expect(addChannel('', spec)).toBe('Channel = data.txt, /dev/input, 1, 0, 100, 65536, 0, 0\n');
  });

  it('refuses a duplicate alias and fields that would break the line', () => {
    expect(() => addChannel(HELLO, { ...spec, alias: '/dev/stdout' })).toThrow(/already/);
    expect(() => addChannel(HELLO, { ...spec, uri: 'a,b' })).toThrow(ManifestEditError);
    expect(() => addChannel(HELLO, { ...spec, alias: 'input' })).toThrow(/absolute/);
    expect(() => addChannel(HELLO, { ...spec, uri: '' })).toThrow(ManifestEditError);
  });
});

describe('removeChannel', () => {
  it('removes the line and nothing else', () => {
    const added = addChannel(HELLO, {
      uri: 'data.txt',
      alias: '/dev/input',
      type: 0,
      etag: false,
      gets: 1,
      getSize: 1,
      puts: 0,
      putSize: 0,
    });
    expect(removeChannel(added, '/dev/input')).toBe(HELLO);
  });

  it('removes an unterminated last line and the break before it', () => {
    const text = CANONICAL.replace('\n# trailing comment', '');
    const out = removeChannel(text, '/dev/stderr');
    expect(out).toBe(text.slice(0, text.lastIndexOf('\n')));
  });

  it('refuses an unknown alias', () => {
    expect(() => removeChannel(HELLO, '/dev/nope')).toThrow(/no channel/);
  });
});

describe('setScalar', () => {
  it('replaces Program, Memory bytes (keeping the etag) and Timeout in place', () => {
    let out = setScalar(HELLO, 'Program', 'hello.wasm');
    out = setScalar(out, 'Memory', 33554432);
    out = setScalar(out, 'Timeout', '0x20');
    expect(changedLines(HELLO, out)).toEqual([3, 4, 5]);
    expect(out.split('\n').slice(2, 5)).toEqual([
      'Program = hello.wasm',
      'Memory = 33554432, 0',
      'Timeout = 32',
    ]);
    expect(parsed(out)).toMatchObject({ program: 'hello.wasm', memory: 33554432, timeout: 32 });
  });

  it('keeps the spacing around =', () => {
    expect(setScalar('Timeout=5\n', 'Timeout', 7)).toBe('Timeout=7\n');
    expect(setScalar('Memory  =  1024 ,1\n', 'Memory', 2048)).toBe('Memory  =  2048 ,1\n');
  });

  it('adds a missing key after the other scalar keys', () => {
    const text = HELLO.replace('Timeout = 5\n', '');
    const out = setScalar(text, 'Timeout', 9);
    expect(out.split('\n')[4]).toBe('Timeout = 9');
    expect(parsed(out).timeout).toBe(9);
  });

  it('refuses values the manifest cannot hold', () => {
    expect(() => setScalar(HELLO, 'Timeout', 0)).toThrow(ManifestEditError);
    expect(() => setScalar(HELLO, 'Memory', 2 ** 33)).toThrow(ManifestEditError);
    expect(() => setScalar(HELLO, 'Program', 'a=b')).toThrow(ManifestEditError);
    expect(() => setScalar(HELLO, 'Timeout', 'soon')).toThrow(ManifestEditError);
  });
});

// --- properties ------------------------------------------------------------------------------------

const name = fc
  .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() === s && !/[,=\r\n#]/.test(s) && !s.startsWith('=='));
const limit = fc.oneof(fc.nat(20), fc.constant(4294967296), fc.maxSafeNat());
const positiveLimit = fc.oneof(
  fc.integer({ min: 1, max: 20 }),
  fc.constant(4294967296),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
);
const limits = fc.record({ gets: limit, getSize: limit, puts: limit, putSize: limit });
const stdioLimits = (read: boolean) =>
  read
    ? fc.record({ gets: fc.integer({ min: 1, max: 99 }), getSize: positiveLimit })
    : fc.record({ puts: fc.integer({ min: 1, max: 99 }), putSize: positiveLimit });

function channelArb(alias: fc.Arbitrary<string>, read: boolean): fc.Arbitrary<ChannelSpec> {
  return fc
    .record({
      uri: name,
      alias,
      type: fc.constantFrom<ChannelType>(0, 1, 2, 3),
      etag: fc.boolean(),
      base: limits,
      io: stdioLimits(read),
    })
    .map(({ base, io, ...rest }) => ({ ...rest, ...base, ...io, line: 0 }));
}

const manifestArb: fc.Arbitrary<Manifest> = fc
  .record({
    program: name,
    memory: fc.integer({ min: 1, max: 2 ** 32 }),
    timeout: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    stdin: channelArb(fc.constant('/dev/stdin'), true),
    stdout: channelArb(fc.constant('/dev/stdout'), false),
    stderr: channelArb(fc.constant('/dev/stderr'), false),
    others: fc.uniqueArray(
      channelArb(
        name.map((n) => `/dev/${n}`),
        true,
      ),
      { selector: (c) => c.alias, maxLength: 4 },
    ),
  })
  .map(({ stdin, stdout, stderr, others, ...m }) => ({
    version: '20130611',
    memoryEtag: false,
    ...m,
    channels: [stdin, stdout, stderr, ...others.filter((c) => !c.alias.startsWith('/dev/std'))],
  }));

/** A printed manifest decorated the way people write them: comments, blank lines, padded columns. */
const decoratedText = fc
  .tuple(manifestArb, fc.boolean(), fc.boolean(), fc.constantFrom('\n', '\r\n'))
  .map(([m, comments, padded, eol]) => {
    let lines = printManifest(m).trimEnd().split('\n');
    if (padded) lines = lines.map((l) => (l.startsWith('Channel') ? l.replaceAll(', ', ',   ') : l));
    if (comments)
      lines = ['# a comment', ...lines.flatMap((l, i) => (i === 3 ? [l, '', '== section =='] : [l]))];
    return { manifest: m, text: lines.join(eol) + eol };
  });

describe('manifest edit properties', () => {
  it('setChannelLimits on a valid manifest yields a valid manifest with those limits, other lines unchanged', () => {
    fc.assert(
      fc.property(decoratedText, fc.nat(), limits, ({ manifest, text }, pick, next) => {
        const target = manifest.channels[pick % manifest.channels.length]!;
        // Keep the stdio channels usable so no new warnings appear, and the output valid.
        const stdio = target.alias.startsWith('/dev/std');
        const wanted = stdio
          ? target.alias === '/dev/stdin'
            ? { ...next, gets: next.gets + 1, getSize: next.getSize + 1 }
            : { ...next, puts: next.puts + 1, putSize: next.putSize + 1 }
          : next;
        if (Object.values(wanted).some((n) => !Number.isSafeInteger(n))) return;
        const out = setChannelLimits(text, target.alias, wanted);
        const before = parseManifest(text);
        const after = parseManifest(out);
        expect(hasErrors(after.diagnostics)).toBe(false);
        const edited = after.manifest!.channels.find((c) => c.alias === target.alias)!;
        expect(edited).toMatchObject(wanted);
        expect({ ...after.manifest, channels: [] }).toEqual({ ...before.manifest, channels: [] });
        const others = (m: Manifest) => m.channels.filter((c) => c.alias !== target.alias);
        expect(others(after.manifest!)).toEqual(others(before.manifest!));
        const a = text.split('\n');
        const b = out.split('\n');
        expect(b).toHaveLength(a.length);
        expect(a.filter((l, i) => l !== b[i])).toHaveLength(out === text ? 0 : 1);
      }),
      { numRuns: 300 },
    );
  });

  it('addChannel then removeChannel gives back the text', () => {
    fc.assert(
      fc.property(decoratedText, channelArb(fc.constant('/dev/added'), true), ({ text }, spec) => {
        const { line: _line, ...fresh } = spec;
        const added = addChannel(text, fresh);
        expect(hasErrors(parseManifest(added).diagnostics)).toBe(false);
        expect(parseManifest(added).manifest!.channels.find((c) => c.alias === '/dev/added')).toMatchObject(
          fresh,
        );
        expect(removeChannel(added, '/dev/added')).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
