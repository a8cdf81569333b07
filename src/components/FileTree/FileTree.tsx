import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { ancestorsOf, buildTree, folderPaths, joinPath, parentOf, visibleItems } from './build-tree.ts';
import type { TreeNode } from './build-tree.ts';
import { CreateForm } from './CreateForm.tsx';
import type { Creating } from './CreateForm.tsx';
import { FileTreeToolbar } from './FileTreeToolbar.tsx';
import type { MenuItem } from './MenuButton.tsx';
import { NameInput } from './NameInput.tsx';
import { treeKeyAction } from './tree-keys.ts';
import { TreeItem } from './TreeItem.tsx';
import type { FileBadge } from './TreeItem.tsx';
import { readDroppedEntries, readPickedFiles, UploadError } from './upload-entries.ts';
import type { UploadEntry, UploadLimits } from './upload-entries.ts';
import { useDropUpload } from './use-drop-upload.ts';
import type { Dropped } from './use-drop-upload.ts';
import { nameError } from './validate-name.ts';
import './FileTree.css';

export type { FileBadge } from './TreeItem.tsx';
export type { UploadEntry, UploadLimits } from './upload-entries.ts';

export interface FileTreeProps {
  /** File paths, `/`-separated and relative. */
  files: string[];
  /** Folders that exist on their own (maybe empty); parents of files are implied. */
  folders: string[];
  activeFile: string | null;
  /** Change markers; a `deleted` path that is not in `files` is shown struck through. */
  badges?: Record<string, FileBadge>;
  onOpen(path: string): void;
  onCreateFile(path: string): void;
  onCreateFolder(path: string): void;
  /** Renames a file or a folder (with everything in it); `to` is a full path in the same folder. */
  onRename(from: string, to: string): void;
  /** Called after the user confirmed. */
  onDelete(path: string, isFolder: boolean): void;
  /** Entry paths are relative to `targetFolder` ('' = project root) and already cleaned of `..`. */
  onUpload(entries: Array<{ path: string; data: Uint8Array }>, targetFolder: string): void;
  onDownloadFile(path: string): void;
  onDownloadProject(format: 'zip' | 'tar' | 'zapp'): void;
  /** Asks before deleting. @default window.confirm */
  confirm?: (message: string) => boolean;
  /** Largest upload accepted at once. @default 2000 files, 64 MiB */
  uploadLimits?: UploadLimits;
  className?: string;
}

/**
 * The project's files: a keyboard-navigable tree with inline create/rename, upload, drop and download.
 * Memoised: with thousands of rows, redrawing it for every change elsewhere on the page would be slow.
 */
export const FileTree = memo(function FileTree(props: FileTreeProps) {
  const { files, folders, activeFile, badges = {} } = props;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [creating, setCreating] = useState<Creating | null>(null);
  const [menuPath, setMenuPath] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const pendingFocus = useRef<string | null>(null);

  const fileSet = useMemo(() => new Set(files), [files]);
  const folderSet = useMemo(() => folderPaths(files, folders), [files, folders]);
  const ghosts = useMemo(
    () => Object.keys(badges).filter((p) => badges[p] === 'deleted' && !fileSet.has(p) && !folderSet.has(p)),
    [badges, fileSet, folderSet],
  );
  const items = useMemo(
    () => visibleItems(buildTree([...files, ...ghosts], folders), collapsed),
    [files, ghosts, folders, collapsed],
  );
  const shown = (path: string | null) => path !== null && items.some((i) => i.node.path === path);
  const tabStop = shown(focusPath)
    ? focusPath
    : shown(activeFile)
      ? activeFile
      : (items[0]?.node.path ?? null);

  const setOpen = (paths: readonly string[], open: boolean) =>
    setCollapsed((old) => {
      const next = new Set(old);
      for (const p of paths) {
        if (open) next.delete(p);
        else next.add(p);
      }
      return next;
    });

  // Reveal the active file when it is opened from elsewhere (an editor tab, a lesson).
  useEffect(() => {
    if (activeFile !== null) setOpen(ancestorsOf(activeFile), true);
  }, [activeFile]);

  // Focus an item once it has been rendered (after create, rename, delete or cancel).
  useEffect(() => {
    const path = pendingFocus.current;
    const row = path === null ? undefined : rows.current.get(path);
    if (row === undefined) return;
    pendingFocus.current = null;
    row.focus(); // its onFocus updates focusPath
  });

  const focusItem = (path: string) => {
    setFocusPath(path);
    rows.current.get(path)?.focus();
  };

  const upload = async (read: () => Promise<UploadEntry[]>, target: string) => {
    setProblem(null);
    try {
      const entries = await read();
      if (entries.length > 0) props.onUpload(entries, target);
    } catch (error) {
      setProblem(error instanceof UploadError ? error.message : `Upload failed: ${String(error)}`);
    }
  };
  const uploadDropped = (dropped: Dropped, target: string) =>
    upload(
      () =>
        dropped.kind === 'entries'
          ? readDroppedEntries(dropped.entries, props.uploadLimits)
          : readPickedFiles(dropped.files, props.uploadLimits),
      target,
    );
  const { dropTarget, dropHandlers } = useDropUpload(
    (dropped, target) => void uploadDropped(dropped, target),
  );

  const startCreate = (kind: Creating['kind'], parent: string) => {
    setProblem(null);
    setRenaming(null);
    setCreating({ kind, parent });
    if (parent !== '') setOpen([parent, ...ancestorsOf(parent)], true);
  };

  const requestDelete = (node: TreeNode) => {
    const folder = node.kind === 'folder';
    const question = folder
      ? `Delete the folder "${node.path}" and everything in it?`
      : `Delete "${node.path}"?`;
    if (!(props.confirm ? props.confirm(question) : window.confirm(question))) return;
    const index = items.findIndex((i) => i.node.path === node.path);
    const inside = (p: string) => p === node.path || p.startsWith(`${node.path}/`);
    const after = items.slice(index + 1).find((i) => !inside(i.node.path));
    pendingFocus.current = after?.node.path ?? items[index - 1]?.node.path ?? null;
    props.onDelete(node.path, folder);
  };

  const menuItems = (node: TreeNode): MenuItem[] => {
    const common: MenuItem[] = [
      { label: 'Rename', onSelect: () => setRenaming(node.path) },
      { label: 'Delete', onSelect: () => requestDelete(node) },
    ];
    if (node.kind === 'folder') {
      return [
        { label: 'New file here', onSelect: () => startCreate('file', node.path) },
        { label: 'New folder here', onSelect: () => startCreate('folder', node.path) },
        ...common,
      ];
    }
    return [
      { label: 'Open', onSelect: () => props.onOpen(node.path) },
      ...common,
      { label: 'Download', onSelect: () => props.onDownloadFile(node.path) },
    ];
  };

  const activate = (node: TreeNode, ghost: boolean) => {
    focusItem(node.path);
    if (node.kind === 'folder') setOpen([node.path], collapsed.has(node.path));
    else if (!ghost) props.onOpen(node.path);
  };

  const onTreeKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement;
    if (target.getAttribute('role') !== 'treeitem') return;
    const index = items.findIndex((i) => i.node.path === target.dataset.path);
    const node = items[index]?.node;
    const action = treeKeyAction(items, index, event, (p) => !collapsed.has(p));
    if (node === undefined || action === null) return;
    event.preventDefault();
    const ghost = ghosts.includes(node.path);
    switch (action.type) {
      case 'focus':
        return focusItem(action.path);
      case 'expand':
        return setOpen([action.path], true);
      case 'collapse':
        return setOpen([action.path], false);
      case 'open':
        return ghost ? undefined : props.onOpen(action.path);
      case 'rename':
        return ghost ? undefined : setRenaming(action.path);
      case 'delete':
        return ghost ? undefined : requestDelete(node);
      case 'menu':
        return ghost ? undefined : setMenuPath(action.path);
    }
  };

  const renameInput = (node: TreeNode) => (
    <NameInput
      label={`Rename ${node.path}`}
      initial={node.name}
      validate={(name) =>
        nameError(name, {
          parent: parentOf(node.path),
          files: fileSet,
          folders: folderSet,
          allowNested: false,
          current: node.path,
        })
      }
      onCancel={() => {
        pendingFocus.current = node.path;
        setRenaming(null);
      }}
      onConfirm={(name) => {
        const to = joinPath(parentOf(node.path), name);
        pendingFocus.current = to;
        setRenaming(null);
        if (collapsed.has(node.path)) setOpen([to], false);
        props.onRename(node.path, to);
      }}
    />
  );

  const sectionClass = ['file-tree', dropTarget === '' && 'file-tree--drop', props.className];
  return (
    <section aria-label="Files" className={sectionClass.filter(Boolean).join(' ')} {...dropHandlers}>
      <FileTreeToolbar
        onNewFile={() => startCreate('file', '')}
        onNewFolder={() => startCreate('folder', '')}
        onPicked={(picked) => void upload(() => readPickedFiles(picked, props.uploadLimits), '')}
        onDownloadProject={props.onDownloadProject}
      />
      {problem !== null && (
        <p className="file-tree__problem" role="alert">
          {problem}
        </p>
      )}
      {creating !== null && (
        <CreateForm
          what={creating}
          files={fileSet}
          folders={folderSet}
          onCancel={() => setCreating(null)}
          onConfirm={(path) => {
            setCreating(null);
            setOpen(ancestorsOf(path), true);
            pendingFocus.current = path;
            if (creating.kind === 'file') props.onCreateFile(path);
            else props.onCreateFolder(path);
          }}
        />
      )}
      <ul role="tree" aria-label="Files" className="file-tree__tree" onKeyDown={onTreeKeyDown}>
        {items.map((item) => {
          const { node } = item;
          const ghost = ghosts.includes(node.path);
          return (
            <TreeItem
              key={`${node.kind}:${node.path}`}
              item={item}
              expanded={!collapsed.has(node.path)}
              active={node.path === activeFile}
              tabStop={node.path === tabStop}
              badge={badges[node.path]}
              ghost={ghost}
              dropTarget={dropTarget !== '' && dropTarget === node.path}
              renameInput={renaming === node.path && !ghost ? renameInput(node) : undefined}
              menuItems={menuItems(node)}
              menuOpen={menuPath === node.path}
              onMenuOpenChange={(open) => setMenuPath(open ? node.path : null)}
              onActivate={() => activate(node, ghost)}
              onFocusItem={() => setFocusPath(node.path)}
              itemRef={(row) => {
                if (row === null) rows.current.delete(node.path);
                else rows.current.set(node.path, row);
              }}
            />
          );
        })}
      </ul>
      {items.length === 0 && creating === null && (
        <p className="file-tree__empty">No files yet. Create one, upload, or drop files and folders here.</p>
      )}
    </section>
  );
});
