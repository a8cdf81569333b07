import type { VisibleItem } from './build-tree.ts';

/** What a key press on a focused tree item asks for. */
export type TreeKeyAction =
  | { type: 'focus'; path: string }
  | { type: 'expand'; path: string }
  | { type: 'collapse'; path: string }
  | { type: 'open'; path: string }
  | { type: 'rename'; path: string }
  | { type: 'delete'; path: string }
  | { type: 'menu'; path: string };

/** The key as the tree sees it (a subset of KeyboardEvent). */
export interface TreeKey {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/** Maps a key on item `index` to an action (WAI-ARIA tree pattern plus F2, Delete and the menu key). */
export function treeKeyAction(
  items: readonly VisibleItem[],
  index: number,
  event: TreeKey,
  isExpanded: (path: string) => boolean,
): TreeKeyAction | null {
  const item = items[index];
  if (item === undefined) return null;
  const { path, kind } = item.node;
  const focus = (i: number): TreeKeyAction | null => {
    const target = items[i];
    return target === undefined ? null : { type: 'focus', path: target.node.path };
  };
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'ArrowDown':
      return focus(index + 1);
    case 'ArrowUp':
      return focus(index - 1);
    case 'Home':
      return focus(0);
    case 'End':
      return focus(items.length - 1);
    case 'ArrowRight':
      if (kind !== 'folder') return null;
      if (!isExpanded(path)) return { type: 'expand', path };
      return (items[index + 1]?.level ?? 0) > item.level ? focus(index + 1) : null;
    case 'ArrowLeft':
      if (kind === 'folder' && isExpanded(path)) return { type: 'collapse', path };
      return item.parent === '' ? null : { type: 'focus', path: item.parent };
    case 'Enter':
    case ' ':
      if (kind === 'file') return { type: 'open', path };
      return isExpanded(path) ? { type: 'collapse', path } : { type: 'expand', path };
    case 'F2':
      return { type: 'rename', path };
    case 'Delete':
      return { type: 'delete', path };
    case 'ContextMenu':
      return { type: 'menu', path };
    case 'F10':
      return event.shiftKey ? { type: 'menu', path } : null;
    default:
      return typeAhead(items, index, event.key);
  }
}

/** A printable key moves to the next item whose name starts with it (wrapping around). */
function typeAhead(items: readonly VisibleItem[], index: number, key: string): TreeKeyAction | null {
  if (key.length !== 1 || key === ' ') return null;
  const lower = key.toLowerCase();
  for (let step = 1; step <= items.length; step++) {
    const item = items[(index + step) % items.length];
    if (item?.node.name.toLowerCase().startsWith(lower)) return { type: 'focus', path: item.node.path };
  }
  return null;
}
