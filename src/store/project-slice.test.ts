import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './index.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
const store = () => useAppStore.getState();
const paths = () => Object.keys(store().files).sort();

function load(files: Record<string, string>, folders: string[] = [], open: string[] = []) {
  store().loadProject(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, enc(t)])), folders, open);
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('project slice: files', () => {
  it('loadProject replaces everything, keeps only open tabs that exist, activates the first', () => {
    load({ 'a.c': 'a', 'src/b.c': 'b' }, ['empty', 'docs'], ['missing.c', 'src/b.c', 'a.c', 'a.c']);
    expect(store()).toMatchObject({
      folders: ['docs', 'empty'],
      openFiles: ['src/b.c', 'a.c'],
      activeFile: 'src/b.c',
    });
  });

  it('setFileText and writeFile write bytes, keeping other files as they were', () => {
    load({ 'a.c': 'a', 'b.c': 'b' });
    const b = store().files['b.c'];
    expect(store().setFileText('a.c', 'int x;')).toBeNull();
    expect(dec(store().files['a.c'])).toBe('int x;');
    expect(store().files['b.c']).toBe(b);
    expect(store().writeFile('new/c.bin', new Uint8Array([1]))).toBeNull();
    expect(store().files['new/c.bin']).toEqual(new Uint8Array([1]));
  });

  it('createFile makes an empty file, opens and activates it; refuses one that exists', () => {
    expect(store().createFile('src/main.c')).toBeNull();
    expect(store()).toMatchObject({ openFiles: ['src/main.c'], activeFile: 'src/main.c' });
    expect(store().files['src/main.c']).toEqual(new Uint8Array(0));
    expect(store().createFile('src/main.c')).toBe('"src/main.c" already exists.');
    expect(store().createFile('src')).toBe('"src" already exists.');
    expect(store().createFile('src/main.c/x')).toBe('"src/main.c" is a file, not a folder.');
  });

  it('createFolder keeps an empty folder; refuses a taken name', () => {
    expect(store().createFolder('data/in')).toBeNull();
    expect(store().folders).toEqual(['data/in']);
    expect(store().createFolder('data/in')).toMatch(/already exists/);
  });

  it('refuses bad paths with a sentence and changes nothing', () => {
    load({ 'a.c': 'a' });
    const before = store().files;
    for (const bad of ['', '/abs.c', 'a/../b.c', './a.c', 'a//b.c', 'dir/', 'a\\b.c', 'tab\there']) {
      expect(store().writeFile(bad, enc('x')), bad).toEqual(expect.any(String));
      expect(store().createFile(bad), bad).toEqual(expect.any(String));
      expect(store().createFolder(bad), bad).toEqual(expect.any(String));
      expect(store().renameEntry('a.c', bad), bad).toEqual(expect.any(String));
    }
    expect(store().writeFile('/abs.c', enc('x'))).toMatch(/relative/);
    expect(store().files).toBe(before);
  });

  it('treats a file called constructor or __proto__ as a file like any other', () => {
    expect(store().createFile('constructor')).toBeNull();
    expect(store().writeFile('__proto__', enc('p'))).toBeNull();
    expect(paths()).toEqual(['__proto__', 'constructor']);
    expect(store().deleteEntry('__proto__')).toBeNull();
    expect(paths()).toEqual(['constructor']);
  });
});

describe('project slice: rename and delete', () => {
  it('renames a file, moving its tab, the active file and its badge', () => {
    load({ 'a.c': 'a', 'b.c': 'b' }, [], ['a.c', 'b.c']);
    store().applyRunChanges([{ path: 'a.c', data: enc('run') }]);
    expect(store().renameEntry('a.c', 'lib/z.c')).toBeNull();
    expect(paths()).toEqual(['b.c', 'lib/z.c']);
    expect(store()).toMatchObject({
      openFiles: ['lib/z.c', 'b.c'],
      activeFile: 'lib/z.c',
      badges: { 'lib/z.c': 'modified' },
    });
    expect(store().renameEntry('b.c', 'lib/z.c')).toMatch(/already exists/);
    expect(store().renameEntry('nope.c', 'x.c')).toBe('"nope.c" does not exist.');
  });

  it('renames a folder with open files inside, its subfolders, and keeps the old parent', () => {
    load({ 'src/a.c': 'a', 'src/util/b.c': 'b', 'srcx.c': 'x' }, ['src/empty'], ['srcx.c', 'src/util/b.c']);
    store().setActiveFile('src/util/b.c');
    expect(store().renameEntry('src', 'lib/code')).toBeNull();
    expect(paths()).toEqual(['lib/code/a.c', 'lib/code/util/b.c', 'srcx.c']);
    expect(store()).toMatchObject({
      folders: ['lib/code/empty'],
      openFiles: ['srcx.c', 'lib/code/util/b.c'],
      activeFile: 'lib/code/util/b.c',
    });
    expect(store().renameEntry('lib/code', 'lib/code/inner')).toMatch(/into itself/);
    expect(store().renameEntry('lib/code/util', 'top')).toBeNull();
    expect(store().folders).toContain('lib/code/empty');
    expect(paths()).toContain('top/b.c');
  });

  it('deletes a file, closing its tab and passing the active tab to the right neighbour', () => {
    load({ 'a.c': 'a', 'b.c': 'b', 'c.c': 'c' }, [], ['a.c', 'b.c', 'c.c']);
    store().setActiveFile('b.c');
    expect(store().deleteEntry('b.c')).toBeNull();
    expect(store()).toMatchObject({ openFiles: ['a.c', 'c.c'], activeFile: 'c.c' });
    expect(store().deleteEntry('b.c')).toBe('"b.c" does not exist.');
  });

  it('deletes a folder with everything beneath it and keeps its (now empty) parent', () => {
    load(
      { 'p/src/a.c': 'a', 'p/src/d/b.c': 'b', 'p/srcfile': 's', 'top.c': 't' },
      ['p/src/e'],
      ['p/src/a.c', 'top.c'],
    );
    expect(store().deleteEntry('p/src')).toBeNull();
    expect(paths()).toEqual(['p/srcfile', 'top.c']);
    expect(store()).toMatchObject({ folders: [], openFiles: ['top.c'], activeFile: 'top.c' });
    expect(store().deleteEntry('p/srcfile')).toBeNull();
    expect(store().folders).toEqual(['p']);
  });
});

describe('project slice: tabs', () => {
  it('opens once, activates, and closes to the left neighbour when there is none to the right', () => {
    load({ 'a.c': 'a', 'b.c': 'b' });
    store().openFile('a.c');
    store().openFile('b.c');
    store().openFile('a.c');
    store().openFile('missing.c');
    expect(store()).toMatchObject({ openFiles: ['a.c', 'b.c'], activeFile: 'a.c' });
    store().setActiveFile('b.c');
    store().closeFile('b.c');
    expect(store()).toMatchObject({ openFiles: ['a.c'], activeFile: 'a.c' });
    store().closeFile('a.c');
    expect(store()).toMatchObject({ openFiles: [], activeFile: null });
    store().setActiveFile('b.c');
    expect(store().activeFile).toBeNull();
  });
});

describe('project slice: uploads and run changes', () => {
  it('uploads into a folder, replacing same-named files, all or nothing', () => {
    load({ 'data/old.txt': 'old', 'data/dir/x': 'x' });
    const up = (path: string, text: string) => ({ path, data: enc(text) });
    expect(store().uploadFiles([up('old.txt', 'new'), up('sub/n.txt', 'n')], 'data')).toBeNull();
    expect(dec(store().files['data/old.txt'])).toBe('new');
    expect(paths()).toContain('data/sub/n.txt');
    const before = store().files;
    expect(store().uploadFiles([up('ok.txt', 'k'), up('dir', 'clash')], 'data')).toMatch(
      /^Cannot upload dir: .*folder/,
    );
    expect(store().uploadFiles([up('a', '1')], '../x')).toEqual(expect.any(String));
    expect(store().files).toBe(before);
    expect(store().uploadFiles([], 'fresh')).toBeNull();
    expect(store().folders).toEqual(['fresh']);
  });

  it('applies run writes and deletions, badges them, and touches nothing else', () => {
    load({ 'keep.txt': 'k', 'out.txt': 'old', 'gone.txt': 'g', 'dir/f': 'f' }, [], ['gone.txt', 'keep.txt']);
    const keep = store().files['keep.txt'];
    store().applyRunChanges([
      { path: 'out.txt', data: enc('new') },
      { path: 'made/new.txt', data: enc('n') },
      { path: 'part.txt', data: enc('p'), partial: true },
      { path: 'gone.txt', data: null },
      { path: 'never.txt', data: null },
      { path: 'dir', data: enc('folder in the way') },
      { path: '../escape', data: enc('no') },
    ]);
    expect(paths()).toEqual(['dir/f', 'keep.txt', 'made/new.txt', 'out.txt', 'part.txt']);
    expect(store().files['keep.txt']).toBe(keep);
    expect(store().badges).toEqual({
      'out.txt': 'modified',
      'made/new.txt': 'added',
      'part.txt': 'added',
      'gone.txt': 'deleted',
    });
    expect(store()).toMatchObject({ openFiles: ['keep.txt'], activeFile: 'keep.txt' });
    store().clearBadges();
    expect(store()).toMatchObject({ badges: {}, runChanges: {} });
  });
});
