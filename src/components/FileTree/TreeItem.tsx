import { useId, useRef } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import type { VisibleItem } from './build-tree.ts';
import { MenuButton } from './MenuButton.tsx';
import type { MenuItem } from './MenuButton.tsx';

/** How a file differs from the starting point (e.g. after a run or against a lesson's start). */
export type FileBadge = 'added' | 'modified' | 'deleted';

const BADGE_MARK: Record<FileBadge, string> = { added: 'A', modified: 'M', deleted: 'D' };

export interface TreeItemProps {
  item: VisibleItem;
  expanded: boolean;
  active: boolean;
  /** The one item in the tab order (roving tabindex). */
  tabStop: boolean;
  badge?: FileBadge;
  /** A deleted file kept on show by its badge: shown struck through, without actions. */
  ghost: boolean;
  dropTarget: boolean;
  /** The rename box, shown instead of the name while renaming. */
  renameInput?: ReactNode;
  menuItems: readonly MenuItem[];
  menuOpen: boolean;
  onMenuOpenChange(open: boolean): void;
  onActivate(): void;
  onFocusItem(): void;
  itemRef(element: HTMLLIElement | null): void;
}

/** One row of the file tree: a `role="treeitem"` with its name, badge and actions menu. */
export function TreeItem(props: TreeItemProps) {
  const { item, expanded, active, tabStop, badge, ghost, dropTarget, renameInput } = props;
  const { node, level, setSize, posInSet } = item;
  const id = useId();
  const rowRef = useRef<HTMLLIElement | null>(null);
  const folder = node.kind === 'folder';
  const classes = [
    'file-tree__item',
    active && 'file-tree__item--active',
    ghost && 'file-tree__item--ghost',
    dropTarget && 'file-tree__item--drop',
    props.menuOpen && 'file-tree__item--menu',
  ];
  return (
    <li
      ref={(element) => {
        rowRef.current = element;
        props.itemRef(element);
      }}
      role="treeitem"
      className={classes.filter(Boolean).join(' ')}
      aria-level={level}
      aria-setsize={setSize}
      aria-posinset={posInSet}
      aria-expanded={folder ? expanded : undefined}
      aria-selected={folder ? undefined : active}
      aria-labelledby={`${id}-name`}
      aria-describedby={badge !== undefined ? `${id}-badge` : undefined}
      tabIndex={tabStop ? 0 : -1}
      data-path={node.path}
      data-kind={node.kind}
      style={{ '--level': level } as CSSProperties}
      onClick={(event) => {
        event.stopPropagation();
        props.onActivate();
      }}
      onContextMenu={(event) => {
        if (ghost) return;
        event.preventDefault();
        event.stopPropagation();
        event.currentTarget.focus();
        props.onMenuOpenChange(true);
      }}
      onFocus={(event) => {
        if (event.target === event.currentTarget) props.onFocusItem();
      }}
    >
      <span className="file-tree__twisty" aria-hidden="true">
        {folder ? (expanded ? '▾' : '▸') : ''}
      </span>
      <span className={`file-tree__icon file-tree__icon--${node.kind}`} aria-hidden="true" />
      <span id={`${id}-name`} className={renameInput !== undefined ? 'file-tree__hidden' : 'file-tree__name'}>
        {node.name}
      </span>
      {renameInput}
      {badge !== undefined && (
        <>
          <span className={`file-tree__badge file-tree__badge--${badge}`} aria-hidden="true" title={badge}>
            {BADGE_MARK[badge]}
          </span>
          <span id={`${id}-badge`} className="file-tree__hidden">
            {badge}
          </span>
        </>
      )}
      {!ghost && (
        <MenuButton
          label={`Actions for ${node.path}`}
          className="file-tree__actions"
          items={props.menuItems}
          open={props.menuOpen}
          onOpenChange={props.onMenuOpenChange}
          tabIndex={tabStop ? 0 : -1}
          restoreFocus={() => rowRef.current?.focus()}
        >
          <span aria-hidden="true">⋯</span>
        </MenuButton>
      )}
    </li>
  );
}
