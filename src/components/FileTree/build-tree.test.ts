import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildTree, folderPaths, joinPath, parentOf, visibleItems } from './build-tree.ts';
import type { TreeNode } from './build-tree.ts';

const outline = (nodes: TreeNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name}${n.kind === 'folder' ? '/' : ''}`,
    ...outline(n.children, depth + 1),
  ]);

describe('buildTree', () => {
  it('nests paths, folders first, natural name order, empty folders kept', () => {
    const tree = buildTree(
      [
        'main.c',
        'src/file10.c',
        'src/file2.c',
        'README.md',
        'src/lib/a.h',
        'b.txt',
        '<img src=x onerror=alert(1)>',
      ],
      ['empty', 'src/lib', 'docs/'],
    );
    expect(outline(tree)).toEqual([
      'docs/',
      'empty/',
      'src/',
      '  lib/',
      '    a.h',
      '  file2.c',
      '  file10.c',
      '<img src=x onerror=alert(1)>',
      'b.txt',
      'main.c',
      'README.md',
    ]);
    expect(tree[2]?.children[0]?.path).toBe('src/lib');
    expect(tree[2]?.children[2]?.path).toBe('src/file10.c');
  });

  it('ignores stray slashes and duplicates', () => {
    expect(outline(buildTree(['/a//b.c', 'a/b.c', ''], []))).toEqual(['a/', '  b.c']);
  });
});

describe('visibleItems', () => {
  const tree = buildTree(['src/a.c', 'src/b.c', 'main.c'], ['src/inc']);

  it('gives level, set size and position', () => {
    const items = visibleItems(tree, new Set());
    expect(items.map((i) => [i.node.path, i.level, i.posInSet, i.setSize, i.parent])).toEqual([
      ['src', 1, 1, 2, ''],
      ['src/inc', 2, 1, 3, 'src'],
      ['src/a.c', 2, 2, 3, 'src'],
      ['src/b.c', 2, 3, 3, 'src'],
      ['main.c', 1, 2, 2, ''],
    ]);
  });

  it('hides the contents of collapsed folders', () => {
    expect(visibleItems(tree, new Set(['src'])).map((i) => i.node.path)).toEqual(['src', 'main.c']);
  });
});

describe('path helpers', () => {
  it('work on relative paths', () => {
    expect(parentOf('a/b/c')).toBe('a/b');
    expect(parentOf('c')).toBe('');
    expect(joinPath('', 'x')).toBe('x');
    expect(joinPath('a', 'x/y')).toBe('a/x/y');
    expect(ancestorsOf('a/b/c')).toEqual(['a', 'a/b']);
    expect([...folderPaths(['a/b/c.txt'], ['d/e'])].sort()).toEqual(['a', 'a/b', 'd', 'd/e']);
  });
});
