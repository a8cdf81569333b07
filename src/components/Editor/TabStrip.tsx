import { type KeyboardEvent, type MouseEvent, useEffect, useRef } from 'react';
import { tabLabels } from './tab-labels.ts';

/** Props of the row of open-file tabs above the editor. */
export interface TabStripProps {
  openFiles: readonly string[];
  activeFile: string | null;
  readOnlyPaths: readonly string[];
  /** The id of the tab for `index`, for aria-labelledby on the panel. */
  tabId(index: number): string;
  panelId: string;
  onSelect(path: string): void;
  onClose(path: string): void;
}

/** Tabs with roving focus: arrows/Home/End move and select, Delete closes, middle-click closes. */
export function TabStrip({
  openFiles,
  activeFile,
  readOnlyPaths,
  tabId,
  panelId,
  onSelect,
  onClose,
}: TabStripProps) {
  const listRef = useRef<HTMLDivElement>(null);
  // A tab closed from the keyboard takes focus with it; once it is gone, focus moves to the selected tab.
  const closedByKey = useRef<string | null>(null);
  const labels = tabLabels(openFiles);
  const activeIndex = activeFile === null ? -1 : openFiles.indexOf(activeFile);

  useEffect(() => {
    if (closedByKey.current === null || openFiles.includes(closedByKey.current)) return;
    closedByKey.current = null;
    listRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  });

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = openFiles.length - 1;
    const target = {
      ArrowLeft: index > 0 ? index - 1 : last,
      ArrowRight: index < last ? index + 1 : 0,
      Home: 0,
      End: last,
    }[event.key];
    const path = openFiles[index];
    if (target !== undefined) {
      const next = openFiles[target];
      if (next === undefined) return;
      event.preventDefault();
      onSelect(next);
      listRef.current?.querySelectorAll<HTMLElement>('[role="tab"]')[target]?.focus();
    } else if (event.key === 'Delete' && path !== undefined) {
      event.preventDefault();
      closedByKey.current = path;
      onClose(path);
    }
  };

  const onAuxClick = (event: MouseEvent, path: string) => {
    if (event.button !== 1) return;
    event.preventDefault();
    onClose(path);
  };

  return (
    <div className="zvm-editor__tabs" role="tablist" aria-label="Open files" ref={listRef}>
      {openFiles.map((path, index) => {
        const selected = index === activeIndex;
        const label = labels[index] ?? path;
        const readOnly = readOnlyPaths.includes(path);
        return (
          <div
            key={path}
            role="presentation"
            className={`zvm-tab${selected ? ' zvm-tab--active' : ''}${readOnly ? ' zvm-tab--readonly' : ''}`}
            title={readOnly ? `${path} (read-only)` : path}
            // Stops the browser's middle-click autoscroll so the auxclick can close the tab.
            onMouseDown={(event) => event.button === 1 && event.preventDefault()}
            onAuxClick={(event) => onAuxClick(event, path)}
          >
            <button
              type="button"
              role="tab"
              id={tabId(index)}
              className="zvm-tab__label"
              aria-selected={selected}
              aria-controls={panelId}
              aria-keyshortcuts="Delete"
              tabIndex={selected || (activeIndex < 0 && index === 0) ? 0 : -1}
              onClick={() => onSelect(path)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {label}
            </button>
            <button
              type="button"
              className="zvm-tab__close"
              aria-label={`Close ${label}`}
              tabIndex={-1}
              onClick={() => onClose(path)}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        );
      })}
    </div>
  );
}
