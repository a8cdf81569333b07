import { describe, expect, it } from 'vitest';
import { buildTree, visibleItems } from './build-tree.ts';
import { treeKeyAction } from './tree-keys.ts';

const collapsed = new Set(['docs']);
const items = visibleItems(buildTree(['src/a.c', 'src/b.c', 'docs/x.md', 'main.c'], []), collapsed);
// docs (collapsed), src, src/a.c, src/b.c, main.c
const at = (path: string) => items.findIndex((i) => i.node.path === path);
const press = (path: string, key: string, shiftKey = false) =>
  treeKeyAction(items, at(path), { key, shiftKey }, (p) => !collapsed.has(p));

describe('treeKeyAction', () => {
  it('moves with Up, Down, Home and End and stops at the ends', () => {
    expect(press('src', 'ArrowDown')).toEqual({ type: 'focus', path: 'src/a.c' });
    expect(press('src', 'ArrowUp')).toEqual({ type: 'focus', path: 'docs' });
    expect(press('docs', 'ArrowUp')).toBeNull();
    expect(press('main.c', 'ArrowDown')).toBeNull();
    expect(press('src/b.c', 'Home')).toEqual({ type: 'focus', path: 'docs' });
    expect(press('docs', 'End')).toEqual({ type: 'focus', path: 'main.c' });
  });

  it('expands, enters, collapses and climbs with Right and Left', () => {
    expect(press('docs', 'ArrowRight')).toEqual({ type: 'expand', path: 'docs' });
    expect(press('src', 'ArrowRight')).toEqual({ type: 'focus', path: 'src/a.c' });
    expect(press('src', 'ArrowLeft')).toEqual({ type: 'collapse', path: 'src' });
    expect(press('src/b.c', 'ArrowLeft')).toEqual({ type: 'focus', path: 'src' });
    expect(press('main.c', 'ArrowLeft')).toBeNull();
    expect(press('main.c', 'ArrowRight')).toBeNull();
  });

  it('opens files and toggles folders with Enter', () => {
    expect(press('main.c', 'Enter')).toEqual({ type: 'open', path: 'main.c' });
    expect(press('docs', 'Enter')).toEqual({ type: 'expand', path: 'docs' });
    expect(press('src', ' ')).toEqual({ type: 'collapse', path: 'src' });
  });

  it('maps F2, Delete and the menu keys', () => {
    expect(press('main.c', 'F2')).toEqual({ type: 'rename', path: 'main.c' });
    expect(press('src', 'Delete')).toEqual({ type: 'delete', path: 'src' });
    expect(press('src', 'F10', true)).toEqual({ type: 'menu', path: 'src' });
    expect(press('src', 'F10')).toBeNull();
    expect(press('src', 'ContextMenu')).toEqual({ type: 'menu', path: 'src' });
  });

  it('jumps by first letter, wrapping around', () => {
    expect(press('docs', 'm')).toEqual({ type: 'focus', path: 'main.c' });
    expect(press('main.c', 'D')).toEqual({ type: 'focus', path: 'docs' });
    expect(press('src', 'z')).toBeNull();
  });
});
