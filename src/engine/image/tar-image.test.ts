import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK, FIELD, paddedSize, readNumber, readString, writeChecksum } from './tar-header.ts';
import { normalizeTarPath, readTarImage, writeTarImage } from './tar-image.ts';
import type { ReadTarResult, TarEntry } from './tar-image.ts';

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

/** A hand-made ustar header, for shapes the writer never produces. */
function header(
  name: string,
  type: string,
  size = 0,
  extra: { linkname?: string; prefix?: string } = {},
): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (text: string, [at, length]: readonly [number, number]) =>
    h.set(bytes(text).subarray(0, length), at);
  put(name, FIELD.name);
  put('0000644', FIELD.mode);
  put(size.toString(8).padStart(11, '0'), FIELD.size);
  put(type, FIELD.typeflag);
  put('ustar\x0000', [257, 8]);
  put(extra.linkname ?? '', FIELD.linkname);
  put(extra.prefix ?? '', FIELD.prefix);
  writeChecksum(h);
  return h;
}

function archive(...members: Array<[Uint8Array, Uint8Array?]>): Uint8Array {
  const parts = members.flatMap(([h, data = new Uint8Array()]) => {
    const padded = new Uint8Array(paddedSize(data.length));
    padded.set(data);
    return [h, padded];
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + 2 * BLOCK);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function member(name: string, type: string, data = new Uint8Array(), extra = {}): [Uint8Array, Uint8Array] {
  return [header(name, type, data.length, extra), data];
}

function entriesOf(result: ReadTarResult): TarEntry[] {
  if (!result.ok) throw new Error(result.reason);
  return result.entries;
}

const binary = new Uint8Array(768).map((_, i) => i % 256);
const sample: TarEntry[] = [
  { path: 'src/main.c', kind: 'file', data: bytes('int main(void) { return 0; }\n'), mode: 0o644 },
  { path: 'src', kind: 'directory', mode: 0o755 },
  { path: 'empty', kind: 'file', data: new Uint8Array(), mode: 0o600 },
  { path: 'a/b/c/deep.bin', kind: 'file', data: binary, mode: 0o644 },
  { path: 'a/b', kind: 'directory', mode: 0o700 },
  { path: 'a', kind: 'directory', mode: 0o755 },
  { path: 'a/b/c', kind: 'directory', mode: 0o755 },
  { path: 'link', kind: 'symlink', target: 'src/main.c', mode: 0o777 },
  { path: 'a-b', kind: 'file', data: bytes('dash'), mode: 0o644 },
];

describe('writeTarImage and readTarImage', () => {
  it('round-trip nested directories, empty and binary files, symlinks and modes, parents first', () => {
    const result = readTarImage(writeTarImage(sample));
    expect(result).toMatchObject({ ok: true, warnings: [] });
    expect(entriesOf(result).map((e) => e.path)).toEqual([
      'a',
      'a/b',
      'a/b/c',
      'a/b/c/deep.bin',
      'a-b',
      'empty',
      'link',
      'src',
      'src/main.c',
    ]);
    const byPath = (entries: TarEntry[]) => [...entries].sort((x, y) => (x.path < y.path ? -1 : 1));
    expect(byPath(entriesOf(result))).toEqual(byPath(sample));
  });

  it('writes deterministically: same bytes whatever the input order, mtime and owner 0', () => {
    const tar = writeTarImage(sample);
    expect(writeTarImage([...sample].reverse())).toEqual(tar);
    const first = tar.subarray(0, BLOCK);
    expect([108, 116, 136].map((at) => readNumber(first.subarray(at, at + 8)))).toEqual([0, 0, 0]);
    expect(readString(first.subarray(265, 297))).toBe('');
  });

  it('round-trips paths and link targets longer than a ustar header holds', () => {
    const long = `${'d'.repeat(150)}/${'é'.repeat(80)}`;
    const target = `/${'z'.repeat(300)}`;
    const entries: TarEntry[] = [
      { path: long, kind: 'file', data: bytes('deep'), mode: 0o644 },
      { path: 'ln', kind: 'symlink', target, mode: 0o777 },
    ];
    expect(entriesOf(readTarImage(writeTarImage(entries)))).toEqual(entries);
  });

  it('always ends with two zero blocks, in whole 10 KiB records', () => {
    for (const size of [0, 1, 9728, 9729, 20000]) {
      const tar = writeTarImage([{ path: 'f', kind: 'file', data: new Uint8Array(size).fill(1) }]);
      expect(tar.length % 10240).toBe(0);
      expect(tar.subarray(BLOCK + paddedSize(size)).length).toBeGreaterThanOrEqual(2 * BLOCK);
      expect(tar.subarray(BLOCK + paddedSize(size)).every((b) => b === 0)).toBe(true);
    }
    expect(entriesOf(readTarImage(writeTarImage([])))).toEqual([]);
  });

  it('leaves out entries it cannot write safely', () => {
    const tar = writeTarImage([
      { path: '../up', kind: 'file', data: bytes('x') },
      { path: './', kind: 'directory' },
      { path: '/abs/ok', kind: 'file', data: bytes('y') },
    ]);
    expect(entriesOf(readTarImage(tar)).map((e) => e.path)).toEqual(['abs/ok']);
  });
});

describe('readTarImage', () => {
  it('normalises paths: leading ./ and /, repeated and . segments, trailing /', () => {
    const tar = archive(
      member('./', '5'),
      member('./a.txt', '0', bytes('a')),
      member('/abs//dir/./', '5'),
      member('x/', '0', bytes('file with a slash')),
    );
    expect(entriesOf(readTarImage(tar)).map((e) => `${e.kind}:${e.path}`)).toEqual([
      'file:a.txt',
      'directory:abs/dir',
      'file:x',
    ]);
  });

  it("skips entries whose path contains '..', with a warning, and keeps the rest", () => {
    const tar = archive(
      member('../evil', '0', bytes('no')),
      member('ok.txt', '0', bytes('yes')),
      member('a/../../b', '0', bytes('no')),
    );
    const result = readTarImage(tar);
    expect(entriesOf(result).map((e) => e.path)).toEqual(['ok.txt']);
    expect(result.ok && result.warnings).toEqual([
      `skipped "../evil": its path contains '..', which could leave the image`,
      `skipped "a/../../b": its path contains '..', which could leave the image`,
    ]);
  });

  it('reads the ustar prefix, GNU long names, pax paths, hard links; skips devices and fifos', () => {
    const pax = bytes('31 path=pax/long/name/here.txt\n');
    const tar = archive(
      member('name.txt', '0', bytes('p'), { prefix: 'pre/fix' }),
      member('././@LongLink', 'L', bytes('gnu/long/name.txt\0')),
      member('gnu/long/na', '0', bytes('g')),
      member('PaxHeader', 'x', pax),
      member('pax/lo', '0', bytes('x')),
      member('copy', '1', new Uint8Array(), { linkname: './name2' }),
      member('name2', '0', bytes('original')),
      member('copy', '1', new Uint8Array(), { linkname: 'name2' }),
      member('pipe', '6'),
    );
    const result = readTarImage(tar);
    expect(entriesOf(result).map((e) => [e.path, new TextDecoder().decode(e.data)])).toEqual([
      ['pre/fix/name.txt', 'p'],
      ['gnu/long/name.txt', 'g'],
      ['pax/long/name/here.txt', 'x'],
      ['name2', 'original'],
      ['copy', 'original'],
    ]);
    expect(result.ok && result.warnings).toEqual([
      'skipped "copy": a hard link to "./name2", which is not in the image before it',
      'skipped "pipe": a fifo is not supported',
    ]);
  });

  it.each([
    [new Uint8Array(), 'not a tar archive: it is empty'],
    [
      bytes('hello, this is not a tar file\n'.repeat(40)),
      'not a tar archive: its first 512 bytes are not a valid tar header',
    ],
    [bytes('short'), 'not a tar archive: its first 512 bytes are not a valid tar header'],
    [
      new Uint8Array([0x1f, 0x8b, 8, 0, ...new Array<number>(600).fill(0)]),
      'not a tar archive: it is gzip-compressed (a .tar.gz?); decompress it first',
    ],
    [
      new Uint8Array([0x50, 0x4b, 3, 4, ...new Array<number>(600).fill(0)]),
      'not a tar archive: it is a zip archive',
    ],
  ])('refuses garbage (%#)', (input, reason) => {
    expect(readTarImage(input)).toEqual({ ok: false, reason });
  });

  it('reports truncation and corrupt headers with the byte offset', () => {
    const tar = writeTarImage([
      { path: 'a', kind: 'file', data: new Uint8Array(1000) },
      { path: 'b', kind: 'file', data: bytes('b') },
    ]);
    expect(readTarImage(tar.subarray(0, 700))).toEqual({
      ok: false,
      reason: 'truncated tar archive: the entry at byte 0 needs 812 more bytes',
    });
    expect(readTarImage(tar.subarray(0, 1536 + 100))).toEqual({
      ok: false,
      reason: 'truncated tar archive: it ends at byte 1636 inside a 512-byte header',
    });
    const corrupt = tar.slice();
    corrupt[1536] = 0x41;
    expect(readTarImage(corrupt)).toEqual({
      ok: false,
      reason: 'corrupt tar archive: the header at byte 1536 has a bad checksum',
    });
    expect(entriesOf(readTarImage(tar.subarray(0, 2560))).map((e) => e.path)).toEqual(['a', 'b']);
  });

  it('reads entries as views of the image, at any byte offset', () => {
    const tar = writeTarImage([{ path: 'f', kind: 'file', data: bytes('data') }]);
    const shifted = new Uint8Array(tar.length + 3);
    shifted.set(tar, 3);
    const [entry] = entriesOf(readTarImage(shifted.subarray(3)));
    expect(new TextDecoder().decode(entry?.data)).toBe('data');
  });

  it('never throws on arbitrary, truncated or corrupted input', () => {
    const valid = writeTarImage(sample);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (input) => typeof readTarImage(input).ok === 'boolean'),
    );
    fc.assert(
      fc.property(
        fc.nat(valid.length),
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }),
        (cut, flips) => {
          const copy = valid.slice(0, cut);
          for (const [at, value] of flips) if (at < copy.length) copy[at] = value;
          const result = readTarImage(copy);
          return result.ok
            ? result.entries.every((e) => normalizeTarPath(e.path) === e.path)
            : result.reason.length > 0;
        },
      ),
    );
  });
});

describe('normalizeTarPath', () => {
  it.each([
    ['./a/b', 'a/b'],
    ['/a//b/./c/', 'a/b/c'],
    ['./', ''],
    ['..', undefined],
    ['a/../b', undefined],
    ['..a/b..', '..a/b..'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeTarPath(raw)).toBe(expected);
  });
});
