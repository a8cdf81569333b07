import { useState } from 'react';

/** One kept project as the list shows it. */
export interface RecentEntry {
  id: string;
  name: string;
  /** When it was kept, ms since the epoch. */
  savedAt: number;
  fileCount: number;
  bytes: number;
}

/** Props of one row of the recent projects list. */
export interface RecentProjectItemProps {
  entry: RecentEntry;
  onOpen(): void;
  onRename(name: string): void;
  onDelete(): void;
}

/** A recent project: its name (plain text, whatever it holds), size and age, with Open, Rename and Delete. */
export function RecentProjectItem({ entry, onOpen, onRename, onDelete }: RecentProjectItemProps) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState(entry.name);
  const finish = (save: boolean) => {
    if (save && draft.trim() !== '' && draft !== entry.name) onRename(draft);
    setEditing(false);
  };
  return (
    <li className="projects__item">
      {editing ? (
        <input
          type="text"
          aria-label={`New name for ${entry.name}`}
          value={draft}
          maxLength={80}
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => finish(true)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') finish(true);
            if (event.key === 'Escape') {
              event.stopPropagation();
              finish(false);
            }
          }}
        />
      ) : (
        <span className="projects__name">{entry.name}</span>
      )}
      <span className="projects__meta popover__muted">
        {entry.fileCount} file{entry.fileCount === 1 ? '' : 's'}, {formatBytes(entry.bytes)},{' '}
        {formatAge(entry.savedAt)}
      </span>
      <span className="projects__actions">
        {confirming ? (
          <>
            <button type="button" aria-label={`Delete ${entry.name} for good`} onClick={onDelete}>
              Delete for good
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" aria-label={`Open ${entry.name}`} onClick={onOpen}>
              Open
            </button>
            <button
              type="button"
              aria-label={`Rename ${entry.name}`}
              onClick={() => {
                setDraft(entry.name);
                setEditing(true);
              }}
            >
              Rename
            </button>
            <button type="button" aria-label={`Delete ${entry.name}`} onClick={() => setConfirming(true)}>
              Delete
            </button>
          </>
        )}
      </span>
    </li>
  );
}

/** "12 KB", "1.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function formatAge(at: number, now = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return new Date(at).toLocaleDateString();
}
