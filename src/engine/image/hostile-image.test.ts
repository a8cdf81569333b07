import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK, FIELD, paddedSize, writeChecksum } from './tar-header.ts';
import { normalizeTarPath, readTarImage, writeTarImage } from './tar-image.ts';
import type { ReadTarResult, TarEntry } from './tar-image.ts';

// Hostile-input corpus (issue 9) for tar images mounted through [fstab]: entries that try to leave the
// mountpoint, headers that lie about sizes, then thousands of arbitrary and re-checksummed archives.

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

/** A ustar header with a valid checksum; `size` may be a raw field value. */
function header(name: string, type: string, size: number | Uint8Array = 0, linkname = ''): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (value: Uint8Array, [at, length]: readonly [number, number]) =>
    h.set(value.subarray(0, length), at);
  put(bytes(name), FIELD.name);
  put(bytes('0000644'), FIELD.mode);
  put(typeof size === 'number' ? bytes(size.toString(8).padStart(11, '0')) : size, FIELD.size);
  put(bytes(type), FIELD.typeflag);
  put(bytes(linkname), FIELD.linkname);
  put(bytes('ustar\x0000'), [257, 8]);
  writeChecksum(h);
  return h;
}

/** Members (a header and its data) padded to blocks, then the two zero blocks that end an archive. */
function archive(...members: Array<[Uint8Array, Uint8Array?]>): Uint8Array {
  const parts = members.flatMap(([h, data = new Uint8Array()]) => {
    const padded = new Uint8Array(paddedSize(data.length));
    padded.set(data);
    return [h, padded];
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + 2 * BLOCK);
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
}

const file = (name: string, text: string): [Uint8Array, Uint8Array] => [
  header(name, '0', text.length),
  bytes(text),
];
const pax = (record: string): [Uint8Array, Uint8Array] => {
  const body = ` ${record}\n`;
  const line = `${String(body.length + String(body.length + 2).length)}${body}`;
  return [header('PaxHeader', 'x', line.length), bytes(line)];
};

function summary(result: ReadTarResult): unknown {
  if (!result.ok) return result.reason;
  return {
    entries: result.entries.map(
      (e) => `${e.kind} ${e.path}${e.target === undefined ? '' : ` -> ${e.target}`}`,
    ),
    warnings: result.warnings,
  };
}

const CASES: Array<[what: string, tar: Uint8Array, expected: unknown]> = [
  ['a path climbing out', archive(file('../../etc/passwd', 'x'), file('ok', 'y')), { entries: ['file ok'], warnings: [`skipped "../../etc/passwd": its path contains '..', which could leave the image`] }],
  ['an absolute path, kept inside the mountpoint', archive(file('/etc/passwd', 'x')), { entries: ['file etc/passwd'], warnings: [] }],
  ['a pax path climbing out', archive(pax('path=a/../../x'), file('innocent', 'x')), { entries: [], warnings: [`skipped "a/../../x": its path contains '..', which could leave the image`] }],
  ['a GNU long name climbing out', archive([header('././@LongLink', 'L', 9), bytes('../x.txt\0')], file('x.txt', 'x')), { entries: [], warnings: [`skipped "../x.txt": its path contains '..', which could leave the image`] }],
  ['a symlink to a host path, kept as written for the guest to refuse', archive([header('passwd', '2', 0, '/etc/passwd')]), { entries: ['symlink passwd -> /etc/passwd'], warnings: [] }],
  ['a hard link to a host path', archive([header('copy', '1', 0, '../../etc/passwd')]), { entries: [], warnings: ['skipped "copy": a hard link to "../../etc/passwd", which is not in the image before it'] }],
  ['a character device', archive([header('dev/mem', '3')]), { entries: [], warnings: ['skipped "dev/mem": a character device is not supported'] }],
  ['a size of 2^60 in base 256', archive([header('big', '0', new Uint8Array([0x80, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0]))]), 'truncated tar archive: the entry at byte 0 needs 1152921504606846000 more bytes'],
  ['a negative base-256 size', archive([header('neg', '0', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))]), 'corrupt tar archive: the header at byte 0 has a bad size'],
  ['a size that is not octal', archive([header('bad', '0', bytes('zzzzzzzzzzz'))]), 'corrupt tar archive: the header at byte 0 has a bad size'],
  ['a pax size beyond the archive', archive(pax('size=99999999999999999999'), file('f', 'x')), 'truncated tar archive: the entry at byte 1024 needs 100000000000000000000 more bytes'],
]; // prettier-ignore

describe('hostile tar images: crafted entries', () => {
  it.each(CASES)('%s', (_what, tar, expected) => {
    expect(summary(readTarImage(tar))).toEqual(expected);
  });
});

/** What holds for any archive: no throw; entries stay beneath the mountpoint and inside the bytes. */
function holds(tar: Uint8Array): boolean {
  const result = readTarImage(tar);
  if (!result.ok) return result.reason !== '' && !result.reason.includes('\n');
  return result.entries.every(
    (e) =>
      e.path !== '' &&
      normalizeTarPath(e.path) === e.path &&
      !e.path.split('/').includes('..') &&
      (e.kind !== 'file' || (e.data !== undefined && e.data.length <= tar.length)) &&
      (e.kind !== 'symlink' || typeof e.target === 'string'),
  );
}

const SEGMENTS = ['a', 'b', '..', '.', '', 'etc', 'passwd', 'x'.repeat(120), 'é'];
const path = fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 6 }).map((s) => s.join('/'));
const entry: fc.Arbitrary<TarEntry> = fc.oneof(
  fc.record({ path, kind: fc.constant('file' as const), data: fc.uint8Array({ maxLength: 700 }) }),
  fc.record({ path, kind: fc.constant('directory' as const) }),
  fc.record({ path, kind: fc.constant('symlink' as const), target: path }),
);

describe('hostile tar images: properties', () => {
  it('never throws on arbitrary bytes (3000 runs)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1600 }), holds), { numRuns: 3000 });
  });

  it('never throws on archives whose headers were changed and checksummed again (3000 runs)', () => {
    const changes = fc.array(fc.tuple(fc.nat(), fc.nat(BLOCK - 1), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), changes, (entries, edits) => {
        const tar = writeTarImage(entries).slice();
        const blocks = tar.length / BLOCK;
        for (const [block, at, value] of edits) {
          const start = (block % blocks) * BLOCK;
          tar[start + at] = value;
          // A fresh checksum takes the reader past its first check, into the fields themselves.
          writeChecksum(tar.subarray(start, start + BLOCK));
        }
        return holds(tar);
      }),
      { numRuns: 3000 },
    );
  });
});
