import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FileChange } from '../engine/run/report.ts';
import { selectBadges, selectPreviewPath, selectRunChanges, useAppStore } from './index.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const store = () => useAppStore.getState();

function load(files: Record<string, string>, folders: string[] = [], open: string[] = []) {
  store().loadProject(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, enc(t)])), folders, open);
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('run changes: what the last run did', () => {
  it('keeps the bytes before the run: the old array, null for a new file, the old bytes of a deleted one', () => {
    load({ 'out.txt': 'old', 'gone.txt': 'g' });
    const { 'out.txt': out, 'gone.txt': gone } = store().files;
    store().applyRunChanges([
      { path: 'out.txt', data: enc('new') },
      { path: 'new.txt', data: enc('n'), partial: true },
      { path: 'gone.txt', data: null },
    ]);
    expect(selectRunChanges(store())).toEqual({
      'out.txt': { badge: 'modified', before: out, partial: false },
      'new.txt': { badge: 'added', before: null, partial: true },
      'gone.txt': { badge: 'deleted', before: gone, partial: false },
    });
    expect(store().runChanges['out.txt']?.before).toBe(out);
    expect(selectBadges(store())).toEqual({
      'out.txt': 'modified',
      'new.txt': 'added',
      'gone.txt': 'deleted',
    });
  });

  it('badges the net effect: a rewrite with the same bytes, or a file made and removed, is no change', () => {
    load({ 'same.txt': 'same', 'back.txt': 'b' });
    store().applyRunChanges([
      { path: 'same.txt', data: enc('same') },
      { path: 'tmp.txt', data: enc('t') },
      { path: 'tmp.txt', data: null },
      { path: 'back.txt', data: null },
      { path: 'back.txt', data: enc('b2') },
    ]);
    expect(store().badges).toEqual({ 'back.txt': 'modified' });
    expect(new TextDecoder().decode(store().runChanges['back.txt']?.before ?? undefined)).toBe('b');
  });

  it('a killed run that rewrote the same bytes still marks the file modified and partial', () => {
    load({ 'log.txt': 'x' });
    store().applyRunChanges([{ path: 'log.txt', data: enc('x'), partial: true }]);
    expect(store().runChanges['log.txt']).toMatchObject({ badge: 'modified', partial: true });
  });

  it('adds up changes applied in steps (a job): the first before wins', () => {
    load({ 'a.txt': 'v1' });
    const v1 = store().files['a.txt'];
    store().applyRunChanges([{ path: 'a.txt', data: enc('v2') }]);
    store().applyRunChanges([
      { path: 'a.txt', data: enc('v3') },
      { path: 'b.txt', data: enc('b') },
    ]);
    expect(store().runChanges).toEqual({
      'a.txt': { badge: 'modified', before: v1, partial: false },
      'b.txt': { badge: 'added', before: null, partial: false },
    });
    store().applyRunChanges([{ path: 'a.txt', data: enc('v1') }]);
    expect(store().badges).toEqual({ 'b.txt': 'added' });
  });
});

describe('run changes: user edits afterwards', () => {
  it('an edit keeps the badge and the before bytes, so the diff stays against the run', () => {
    load({ 'a.txt': 'old' });
    const old = store().files['a.txt'];
    store().applyRunChanges([
      { path: 'a.txt', data: enc('run') },
      { path: 'n.txt', data: enc('n') },
    ]);
    store().setFileText('a.txt', 'edited');
    store().writeFile('n.txt', enc('edited too'));
    expect(store().runChanges).toMatchObject({
      'a.txt': { badge: 'modified', before: old },
      'n.txt': { badge: 'added', before: null },
    });
  });

  it('deleting a changed file drops its change; making a file or folder where the run deleted one too', () => {
    load({ 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c', 'd.txt': 'd' });
    store().applyRunChanges([
      { path: 'a.txt', data: enc('A') },
      { path: 'b.txt', data: null },
      { path: 'c.txt', data: null },
      { path: 'd.txt', data: null },
    ]);
    const before = store().runChanges;
    expect(store().deleteEntry('a.txt')).toBeNull();
    expect(store().createFile('b.txt')).toBeNull();
    expect(store().createFolder('c.txt')).toBeNull();
    expect(store().badges).toEqual({ 'd.txt': 'deleted' });
    expect(store().runChanges['d.txt']).toBe(before['d.txt']);
    expect(store().uploadFiles([{ path: 'd.txt', data: enc('up') }], '')).toBeNull();
    expect(store().badges).toEqual({});
  });

  it('an upload over a changed file keeps its badge', () => {
    load({ 'a.txt': 'a' });
    store().applyRunChanges([{ path: 'a.txt', data: enc('A') }]);
    expect(store().uploadFiles([{ path: 'a.txt', data: enc('up') }], '')).toBeNull();
    expect(store().badges).toEqual({ 'a.txt': 'modified' });
  });

  it('renames carry run changes along, also a deleted path inside a renamed folder', () => {
    load({ 'src/a.c': 'a', 'src/b.c': 'b', 'x.c': 'x' });
    const a = store().files['src/a.c'];
    store().applyRunChanges([
      { path: 'src/a.c', data: enc('A') },
      { path: 'src/b.c', data: null },
    ]);
    expect(store().renameEntry('src', 'lib')).toBeNull();
    expect(store().runChanges).toEqual({
      'lib/a.c': { badge: 'modified', before: a, partial: false },
      'lib/b.c': { badge: 'deleted', before: enc('b'), partial: false },
    });
    expect(store().renameEntry('x.c', 'lib/b.c')).toBeNull();
    expect(store().badges).toEqual({ 'lib/a.c': 'modified' });
  });

  it('loading a project or clearing badges forgets everything', () => {
    load({ 'a.txt': 'a' });
    store().applyRunChanges([{ path: 'a.txt', data: null }]);
    store().clearBadges();
    expect(store()).toMatchObject({ badges: {}, runChanges: {} });
    store().applyRunChanges([{ path: 'b.txt', data: enc('b') }]);
    load({ 'c.txt': 'c' });
    expect(store()).toMatchObject({ badges: {}, runChanges: {} });
  });
});

describe('preview path', () => {
  it('previews a file or a path the run deleted, not an unknown path; follows renames and deletes', () => {
    load({ 'a.txt': 'a', 'dir/b.txt': 'b' });
    store().applyRunChanges([{ path: 'a.txt', data: null }]);
    store().previewFile('a.txt');
    expect(selectPreviewPath(store())).toBe('a.txt');
    store().previewFile('missing.txt');
    expect(selectPreviewPath(store())).toBeNull();
    store().previewFile('dir/b.txt');
    expect(store().renameEntry('dir', 'docs')).toBeNull();
    expect(selectPreviewPath(store())).toBe('docs/b.txt');
    expect(store().deleteEntry('docs')).toBeNull();
    expect(selectPreviewPath(store())).toBeNull();
  });

  it('clearing badges drops a preview of a deleted path, keeps one of a file', () => {
    load({ 'a.txt': 'a', 'b.txt': 'b' });
    store().applyRunChanges([{ path: 'a.txt', data: null }]);
    store().previewFile('a.txt');
    store().clearBadges();
    expect(store().previewPath).toBeNull();
    store().previewFile('b.txt');
    store().clearBadges();
    expect(store().previewPath).toBe('b.txt');
  });
});

describe('run changes: invariants', () => {
  const name = fc.constantFrom('a', 'b', 'd/c', 'd/e');
  const change = fc.record({
    path: name,
    data: fc.option(fc.constantFrom('x', 'y', ''), { nil: null }).map((t) => (t === null ? null : enc(t))),
    partial: fc.boolean(),
  });
  const step = fc.oneof(
    fc.array(change, { maxLength: 4 }).map((changes) => ({ kind: 'run' as const, changes })),
    name.map((path) => ({ kind: 'delete' as const, path })),
    name.map((path) => ({ kind: 'write' as const, path })),
    fc.tuple(name, name).map(([from, to]) => ({ kind: 'rename' as const, from, to })),
  );

  it('badges mirror the run changes, and each badge agrees with the files', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
        useAppStore.setState(useAppStore.getInitialState(), true);
        load({ a: 'x', 'd/c': 'y' });
        for (const s of steps) {
          if (s.kind === 'run') store().applyRunChanges(s.changes as FileChange[]);
          if (s.kind === 'delete') store().deleteEntry(s.path);
          if (s.kind === 'write') store().setFileText(s.path, 'typed');
          if (s.kind === 'rename') store().renameEntry(s.from, s.to);
        }
        const { files, badges, runChanges } = store();
        expect(badges).toEqual(Object.fromEntries(Object.entries(runChanges).map(([p, c]) => [p, c.badge])));
        for (const [path, c] of Object.entries(runChanges)) {
          expect(Object.hasOwn(files, path), path).toBe(c.badge !== 'deleted');
          expect(c.before === null, path).toBe(c.badge === 'added');
        }
      }),
    );
  });
});
