import { describe, expect, it } from 'vitest';
import { writeTarImage } from '../../engine/image/tar-image.ts';
import type { TarEntry } from '../../engine/image/tar-image.ts';
import {
  MAX_DIFF_CHARS,
  bytesAsText,
  firstDifference,
  hexDump,
  hexRowChanges,
  isBinary,
  tarListing,
  textDiff,
} from './fs-diff.ts';
import type { TarNode } from './fs-diff.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('isBinary and bytesAsText', () => {
  it('text is UTF-8 without NUL, unless the extension says binary', () => {
    expect(isBinary(enc('héllo\n'))).toBe(false);
    expect(isBinary(new Uint8Array())).toBe(false);
    expect(isBinary(new Uint8Array([0x61, 0x00, 0x62]))).toBe(true);
    expect(isBinary(new Uint8Array([0xc3, 0x28]))).toBe(true);
    expect(isBinary(enc('plain'), 'out/image.tar')).toBe(true);
    expect(isBinary(enc('plain'), 'prog.WASM')).toBe(true);
    expect(isBinary(enc('plain'), 'notes.txt')).toBe(false);
    expect(isBinary(enc('plain'), '.gz')).toBe(false);
  });

  it('shows bad bytes as U+FFFD and NUL as ␀, and says the text was not clean', () => {
    expect(bytesAsText(enc('ok'))).toEqual({ text: 'ok', valid: true });
    expect(bytesAsText(new Uint8Array([0x61, 0x00, 0xff]))).toEqual({ text: 'a\u2400\ufffd', valid: false });
  });
});

describe('textDiff', () => {
  it('numbers old and new lines through context, removals and additions', () => {
    const diff = textDiff('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n');
    expect(diff).toMatchInlineSnapshot(`
      {
        "added": 2,
        "hunks": [
          {
            "lines": [
              {
                "kind": "context",
                "newLine": 1,
                "oldLine": 1,
                "text": "a",
              },
              {
                "kind": "remove",
                "newLine": null,
                "oldLine": 2,
                "text": "b",
              },
              {
                "kind": "add",
                "newLine": 2,
                "oldLine": null,
                "text": "B",
              },
              {
                "kind": "context",
                "newLine": 3,
                "oldLine": 3,
                "text": "c",
              },
              {
                "kind": "context",
                "newLine": 4,
                "oldLine": 4,
                "text": "d",
              },
              {
                "kind": "add",
                "newLine": 5,
                "oldLine": null,
                "text": "e",
              },
            ],
            "newLines": 5,
            "newStart": 1,
            "oldLines": 4,
            "oldStart": 1,
          },
        ],
        "kind": "hunks",
        "removed": 1,
      }
    `);
  });

  it('splits distant changes into hunks with 3 lines of context', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 2\n', 'two\n').replace('line 28\n', 'twenty-eight\n');
    const diff = textDiff(before, after);
    if (diff.kind !== 'hunks') throw new Error(diff.kind);
    expect(diff.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [1, 5, 1, 5],
      [25, 6, 25, 6],
    ]);
    expect(diff.hunks[1]?.lines.find((l) => l.kind === 'add')).toEqual({
      kind: 'add',
      text: 'twenty-eight',
      oldLine: null,
      newLine: 28,
    });
  });

  it('a new file is all additions; a missing final newline is a note', () => {
    const diff = textDiff('', 'x\ny');
    if (diff.kind !== 'hunks') throw new Error(diff.kind);
    expect(diff.hunks[0]?.lines.map((l) => [l.kind, l.text])).toEqual([
      ['add', 'x'],
      ['add', 'y'],
      ['note', 'No newline at end of file'],
    ]);
    expect(diff).toMatchObject({ added: 2, removed: 0 });
  });

  it('says when nothing changed, and summarises inputs over ~1 MB', () => {
    expect(textDiff('same', 'same')).toEqual({ kind: 'same' });
    const big = 'x\n'.repeat(MAX_DIFF_CHARS / 2 + 1);
    expect(textDiff('a\n', big)).toEqual({
      kind: 'too-large',
      summary: `1 → ${MAX_DIFF_CHARS / 2 + 1} lines (2 → ${big.length} characters): too large to compare line by line.`,
    });
  });
});

describe('hex dumps', () => {
  const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x41, 0x0a]);

  it('prints rows like hexdump -C', () => {
    expect(hexDump(elf)).toEqual([
      '00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  |.ELF............|',
      '00000010  41 0a                                             |A.|',
    ]);
  });

  it('dumps a range with absolute offsets, clipped to the bytes', () => {
    expect(hexDump(elf, { offset: 16, length: 100 })).toEqual([
      '00000010  41 0a                                             |A.|',
    ]);
    expect(hexDump(elf, { offset: 0, length: 4 })).toEqual([
      '00000000  7f 45 4c 46                                       |.ELF|',
    ]);
    expect(hexDump(elf, { offset: 99 })).toEqual([]);
    expect(hexDump(new Uint8Array())).toEqual([]);
  });

  it('lists only the rows that differ, before and after, and pages them', () => {
    const before = new Uint8Array(64);
    const after = new Uint8Array(72);
    after[20] = 1;
    after[40] = 2;
    const all = hexRowChanges(before, after);
    expect(all.next).toBeNull();
    expect(all.rows.map((r) => [r.offset, r.before !== null, r.after !== null])).toEqual([
      [16, true, true],
      [32, true, true],
      [64, false, true],
    ]);
    expect(all.rows[0]?.after).toBe(
      '00000010  00 00 00 00 01 00 00 00  00 00 00 00 00 00 00 00  |................|',
    );
    const page = hexRowChanges(before, after, 0, 2);
    expect([page.rows.length, page.next]).toEqual([2, 64]);
    expect(hexRowChanges(before, after, page.next ?? 0).rows.map((r) => r.offset)).toEqual([64]);
    expect(firstDifference(before, after)).toBe(20);
    expect(firstDifference(before, before.slice(0, 10))).toBe(10);
    expect(firstDifference(before, before.slice())).toBeNull();
  });
});

/** One archive from entries in this order (writeTarImage sorts, so each is written alone and joined). */
function tarInOrder(entries: TarEntry[]): Uint8Array {
  const parts = entries.map((e) => {
    const one = writeTarImage([e]);
    const size = 512 + Math.ceil((e.data?.length ?? 0) / 512) * 512;
    return one.subarray(0, size);
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + 1024);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function outline(nodes: TarNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name}${n.kind === 'folder' ? '/' : ''} ${n.kind === 'symlink' ? `-> ${n.target}` : n.size}`,
    ...(n.kind === 'folder' ? outline(n.children, depth + 1) : []),
  ]);
}

describe('tarListing', () => {
  it('lists an exported image as a folder tree, folders first, folder sizes added up', () => {
    const listing = tarListing(
      writeTarImage([
        { path: 'out/z.txt', kind: 'file', data: enc('zz') },
        { path: 'out/sub/file10', kind: 'file', data: enc('1234') },
        { path: 'out/sub/file2', kind: 'file', data: enc('1') },
        { path: 'empty', kind: 'directory' },
        { path: 'readme', kind: 'file', data: enc('hello') },
        { path: 'link', kind: 'symlink', target: '/etc/x' },
      ]),
    );
    if (!listing.ok) throw new Error(listing.reason);
    expect(outline(listing.root)).toEqual([
      'empty/ 0',
      'out/ 7',
      '  sub/ 5',
      '    file2 1',
      '    file10 4',
      '  z.txt 2',
      'link -> /etc/x',
      'readme 5',
    ]);
    expect([listing.files, listing.bytes, listing.warnings]).toEqual([4, 12, []]);
    const readme = listing.root.find((n) => n.name === 'readme');
    expect(readme?.kind === 'file' && new TextDecoder().decode(readme.data)).toBe('hello');
    expect(listing.root[1]?.path).toBe('out');
  });

  it('later entries replace earlier ones; a file in the way of a folder is skipped with a warning', () => {
    const listing = tarListing(
      tarInOrder([
        { path: 'a', kind: 'file', data: enc('old') },
        { path: 'a', kind: 'file', data: enc('newer') },
        { path: 'f', kind: 'file', data: enc('f') },
        { path: 'f/inner', kind: 'file', data: enc('x') },
        { path: 'd/x', kind: 'file', data: enc('x') },
        { path: 'd', kind: 'file', data: enc('not a folder') },
      ]),
    );
    if (!listing.ok) throw new Error(listing.reason);
    expect(outline(listing.root)).toEqual(['d/ 1', '  x 1', 'a 5', 'f 1']);
    expect(listing.warnings).toEqual([
      'skipped "f/inner": a file in the image is in the way',
      'skipped "d": a folder of that name is in the image',
    ]);
  });

  it('says why bytes are not a tar image', () => {
    expect(tarListing(enc('hello'))).toEqual({
      ok: false,
      reason: 'not a tar archive: its first 512 bytes are not a valid tar header',
    });
  });
});
