import { changeSentence } from './preview-model.ts';
import type { ChangeBadge } from './preview-model.ts';
import './FileChanges.css';

export interface RunChangesListProps {
  /** The last run's changes by path (the store's runChanges fit). */
  changes: Readonly<Record<string, { badge: ChangeBadge; partial: boolean }>>;
  /** The path being previewed, marked as current. */
  selected: string | null;
  onSelect(path: string): void;
}

const MARK: Record<ChangeBadge, string> = { added: 'A', modified: 'M', deleted: 'D' };

/** The files the last run added, changed or deleted, each a button that previews it (deleted ones too). */
export function RunChangesList({ changes, selected, onSelect }: RunChangesListProps) {
  const paths = Object.keys(changes).sort();
  return (
    <nav className="run-changes" aria-label="Changed by the last run">
      {paths.length === 0 ? (
        <p className="file-preview__note">The last run changed no project files.</p>
      ) : (
        <ul className="run-changes__list">
          {paths.map((path) => {
            const change = changes[path];
            if (!change) return null;
            const description = `${changeSentence(change.badge)}${change.partial ? ', partial' : ''}`;
            return (
              <li key={path}>
                <button
                  type="button"
                  className={`run-changes__item run-changes__item--${change.badge}`}
                  aria-current={selected === path ? 'true' : undefined}
                  onClick={() => onSelect(path)}
                >
                  <span
                    className={`file-preview__mark file-preview__mark--${change.badge}`}
                    aria-hidden="true"
                  >
                    {MARK[change.badge]}
                  </span>
                  <span className="run-changes__path">{path}</span>
                  <span className="visually-hidden">, {description}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
