import { describe, expect, it } from 'vitest';
import { cleanUploadPath, readDroppedEntries, readPickedFiles, UploadError } from './upload-entries.ts';
import type { EntryLike, FileLike } from './upload-entries.ts';

const file = (name: string, text: string, webkitRelativePath = ''): FileLike => {
  const data = new TextEncoder().encode(text);
  return { name, size: data.length, webkitRelativePath, arrayBuffer: async () => data.slice().buffer };
};
const fileEntry = (name: string, text: string) => ({
  name,
  isFile: true,
  isDirectory: false,
  file: (ok: (f: FileLike) => void) => ok(file(name, text)),
});
/** A directory whose reader hands out children two at a time, as browsers do in batches. */
const dirEntry = (name: string, children: EntryLike[]) => ({
  name,
  isFile: false,
  isDirectory: true,
  createReader: () => {
    let at = 0;
    return {
      readEntries: (ok: (entries: EntryLike[]) => void) => {
        ok(children.slice(at, at + 2));
        at += 2;
      },
    };
  },
});
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('readPickedFiles', () => {
  it('keeps relative paths of folder picks and reads bytes', async () => {
    const entries = await readPickedFiles([file('a.c', 'A', 'proj/src/a.c'), file('b.txt', 'B')]);
    expect(entries.map((e) => [e.path, text(e.data)])).toEqual([
      ['proj/src/a.c', 'A'],
      ['b.txt', 'B'],
    ]);
  });

  it('refuses uploads over the limits before reading', async () => {
    await expect(readPickedFiles([file('a', 'xx'), file('b', 'yy')], { maxBytes: 3 })).rejects.toThrow(
      UploadError,
    );
    await expect(readPickedFiles([file('a', ''), file('b', '')], { maxFiles: 1 })).rejects.toThrow(
      /more than 1 files/,
    );
  });
});

describe('readDroppedEntries', () => {
  it('walks folders recursively through every readEntries batch, skipping litter', async () => {
    const tree = dirEntry('proj', [
      fileEntry('1.c', 'one'),
      fileEntry('.DS_Store', 'junk'),
      fileEntry('2.c', 'two'),
      dirEntry('.git', [fileEntry('HEAD', 'ref')]),
      dirEntry('sub', [fileEntry('3.c', 'three'), dirEntry('empty', [])]),
    ]);
    const entries = await readDroppedEntries([tree, fileEntry('top.txt', 'top')]);
    expect(entries.map((e) => [e.path, text(e.data)])).toEqual([
      ['proj/1.c', 'one'],
      ['proj/2.c', 'two'],
      ['proj/sub/3.c', 'three'],
      ['top.txt', 'top'],
    ]);
  });
});

describe('cleanUploadPath', () => {
  it('drops unsafe paths and normalises the rest', () => {
    expect(cleanUploadPath('./a//b.c')).toBe('a/b.c');
    expect(cleanUploadPath('../x')).toBeUndefined();
    expect(cleanUploadPath('a/.git/config')).toBeUndefined();
    expect(cleanUploadPath('bad\u0000name')).toBeUndefined();
    expect(cleanUploadPath('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
