import { useState } from 'react';
import type { DragEvent } from 'react';
import { parentOf } from './build-tree.ts';
import type { EntryLike } from './upload-entries.ts';

/** What was dropped: entries to walk (folders included) or, without that API, plain files. */
export type Dropped = { kind: 'entries'; entries: EntryLike[] } | { kind: 'files'; files: File[] };

/** Drop handling for the tree: the folder under the pointer is the target ('' = root), highlighted while dragging. */
export function useDropUpload(onDrop: (dropped: Dropped, targetFolder: string) => void) {
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

  const onDragOver = (event: DragEvent<HTMLElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const target = folderUnder(event.target);
    if (target !== dropTarget) setDropTarget(target);
  };

  const onDragLeave = (event: DragEvent<HTMLElement>) => {
    const next = event.relatedTarget as Node | null;
    if (next === null || !event.currentTarget.contains(next)) setDropTarget(null);
  };

  const onDropEvent = (event: DragEvent<HTMLElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setDropTarget(null);
    // Entries must be taken during the event: the DataTransfer is emptied once it returns.
    const items = [...event.dataTransfer.items].filter((item) => item.kind === 'file');
    const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null);
    const dropped: Dropped = entries.every((entry) => entry !== null)
      ? { kind: 'entries', entries: entries as EntryLike[] }
      : { kind: 'files', files: [...event.dataTransfer.files] };
    onDrop(dropped, folderUnder(event.target));
  };

  return {
    dropTarget,
    dropHandlers: { onDragOver, onDragEnter: onDragOver, onDragLeave, onDrop: onDropEvent },
  };
}

/** The folder a drop on `target` lands in: a folder item itself, a file item's folder, else the root. */
function folderUnder(target: EventTarget | null): string {
  const item = target instanceof Element ? target.closest<HTMLElement>('[data-path]') : null;
  if (item === null) return '';
  const path = item.dataset.path ?? '';
  return item.dataset.kind === 'folder' ? path : parentOf(path);
}
