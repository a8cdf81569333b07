import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERRNO_INVAL, ERRNO_LOOP, ERRNO_NOENT, ERRNO_NOTDIR, ERRNO_PERM } from './constants.ts';
import { DirNode, FileNode, SymlinkNode, placeNode } from './fs-nodes.ts';
import { resolvePath } from './resolve-path.ts';
import type { Resolved } from './resolve-path.ts';

const T = { atim: 0n, mtim: 0n, ctim: 0n };

function tree(): { root: DirNode; file: FileNode } {
  const root = new DirNode(T);
  const file = new FileNode(new TextEncoder().encode('x'), T);
  placeNode(root, 'dir/nested/file', file, T);
  placeNode(root, 'link-to-file', new SymlinkNode('dir/nested/file', T), T);
  placeNode(root, 'link-to-dir', new SymlinkNode('dir/nested', T), T);
  placeNode(root, 'escape', new SymlinkNode('../outside', T), T);
  placeNode(root, 'absolute', new SymlinkNode('/etc/passwd', T), T);
  placeNode(root, 'loop-a', new SymlinkNode('loop-b', T), T);
  placeNode(root, 'loop-b', new SymlinkNode('loop-a', T), T);
  return { root, file };
}

const found = (r: Resolved | number): Resolved => {
  if (typeof r === 'number') throw new Error(`errno ${r}`);
  return r;
};

describe('resolvePath', () => {
  it('walks components, "." and ".." that stay beneath the start', () => {
    const { root, file } = tree();
    expect(found(resolvePath(root, 'dir/.//nested/../../dir/nested/../nested///./file', false)).node).toBe(
      file,
    );
  });

  it('refuses absolute paths and ".." above the start with EPERM', () => {
    const { root } = tree();
    expect(resolvePath(root, '/dir', false)).toBe(ERRNO_PERM);
    expect(resolvePath(root, 'dir/../../x', false)).toBe(ERRNO_PERM);
    expect(resolvePath(root, 'escape', true)).toBe(ERRNO_PERM);
    expect(resolvePath(root, 'absolute', true)).toBe(ERRNO_PERM);
  });

  it('follows symlinks in the middle always and at the end only when asked', () => {
    const { root, file } = tree();
    expect(found(resolvePath(root, 'link-to-dir/file', false)).node).toBe(file);
    expect(found(resolvePath(root, 'link-to-file', true)).node).toBe(file);
    expect(found(resolvePath(root, 'link-to-file', false)).node?.kind).toBe('symlink');
  });

  it('reports loops, missing parents, files used as directories and NUL bytes', () => {
    const { root } = tree();
    expect(resolvePath(root, 'loop-a', true)).toBe(ERRNO_LOOP);
    expect(resolvePath(root, 'nope/file', false)).toBe(ERRNO_NOENT);
    expect(resolvePath(root, 'dir/nested/file/more', false)).toBe(ERRNO_NOTDIR);
    expect(resolvePath(root, 'dir/nested/file/', false)).toBe(ERRNO_NOTDIR);
    expect(resolvePath(root, 'dir\0', false)).toBe(ERRNO_INVAL);
    expect(resolvePath(root, '', false)).toBe(ERRNO_NOENT);
  });

  it('returns the parent and name of a path that does not exist yet', () => {
    const { root } = tree();
    const r = found(resolvePath(root, 'dir/new.txt', false));
    expect(r.node).toBeUndefined();
    expect(r.name).toBe('new.txt');
    expect(r.parent).toBe(root.entries.get('dir'));
  });

  it('never throws and never leaves the start directory, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('dir', 'nested', 'file', '..', '.', '', 'link-to-dir', 'escape', 'loop-a', 'x'),
        ),
        fc.boolean(),
        (parts, follow) => {
          const { root } = tree();
          const r = resolvePath(root, parts.join('/'), follow);
          if (typeof r === 'number') return;
          // Whatever was found is reachable from the root: nothing outside it exists.
          expect(r.parent === undefined || r.parent === root || reachable(root, r.parent)).toBe(true);
        },
      ),
    );
  });
});

function reachable(from: DirNode, target: DirNode): boolean {
  for (const child of from.entries.values()) {
    if (child === target) return true;
    if (child.kind === 'dir' && reachable(child, target)) return true;
  }
  return false;
}
