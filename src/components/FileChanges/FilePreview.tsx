import { useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { isBinary } from './fs-diff.ts';
import { ChangesView } from './ChangesView.tsx';
import { HexView } from './HexView.tsx';
import { TarContents } from './TarContents.tsx';
import { TextView } from './TextView.tsx';
import {
  PARTIAL_SENTENCE,
  TAB_LABELS,
  changeSentence,
  firstTab,
  formatSize,
  previewTabs,
  shownBytes,
  tabForKey,
} from './preview-model.ts';
import type { PreviewChange, PreviewTab } from './preview-model.ts';
import './FileChanges.css';

export type { ChangeBadge, PreviewChange, PreviewTab } from './preview-model.ts';

export interface FilePreviewProps {
  /** The file's project path. */
  path: string;
  /** The file's bytes now; null when the last run deleted it. */
  data: Uint8Array | null;
  /** What the last run did to it (from the store's runChanges); none for an unchanged file. */
  change?: PreviewChange;
  /** Shows a "Close preview" button. */
  onClose?(): void;
  /** The tab to show first when the file has it. @default Changes, else Contents (tar), else Text (Hex for binary) */
  initialTab?: PreviewTab;
}

/** A file's preview: what the last run changed (diff or hex), its text, its bytes, a tar image's members. */
export function FilePreview(props: FilePreviewProps) {
  // A new path starts afresh: first tab, first page, folders closed.
  return <PreviewBody key={props.path} {...props} />;
}

function PreviewBody({ path, data, change, onClose, initialTab }: FilePreviewProps) {
  const id = useId();
  const bytes = shownBytes(data, change);
  const binary = useMemo(() => bytes !== null && isBinary(bytes, path), [bytes, path]);
  const tabs = previewTabs(path, data, change);
  const [chosen, setChosen] = useState<PreviewTab | null>(null);
  const tab = chosen !== null && tabs.includes(chosen) ? chosen : firstTab(tabs, binary, initialTab);
  const tabRefs = useRef(new Map<PreviewTab, HTMLButtonElement>());

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (tab === null) return;
    const next = tabForKey(tabs, tab, event.key);
    if (next === null) return;
    event.preventDefault();
    setChosen(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <section className="file-preview" aria-label={`File ${path}`}>
      <header className="file-preview__head">
        <h3 className="file-preview__path">{path}</h3>
        {onClose && (
          <button type="button" className="file-preview__close" onClick={onClose}>
            Close preview
          </button>
        )}
      </header>
      <p className="file-preview__status">
        {change ? (
          <span className={`file-preview__badge file-preview__badge--${change.badge}`}>
            {changeSentence(change.badge)}
          </span>
        ) : (
          <span>{data === null ? 'This file does not exist.' : 'Not changed by the last run.'}</span>
        )}
        {change?.partial && <span className="file-preview__partial">{PARTIAL_SENTENCE}</span>}
        {bytes !== null && <span className="file-preview__size">{formatSize(bytes.length)}</span>}
      </p>
      {data === null && bytes !== null && tab !== 'changes' && (
        <p className="file-preview__note">Showing the file as it was before the run deleted it.</p>
      )}
      {tab !== null && (
        <>
          <div className="file-preview__tabs" role="tablist" aria-label="Views" onKeyDown={onTabKey}>
            {tabs.map((t) => (
              <button
                key={t}
                ref={(el) => {
                  if (el) tabRefs.current.set(t, el);
                  else tabRefs.current.delete(t);
                }}
                type="button"
                role="tab"
                id={`${id}-tab-${t}`}
                aria-selected={t === tab}
                aria-controls={`${id}-panel`}
                tabIndex={t === tab ? 0 : -1}
                className="file-preview__tab"
                onClick={() => setChosen(t)}
              >
                {TAB_LABELS[t]}
              </button>
            ))}
          </div>
          <div
            className="file-preview__panel"
            role="tabpanel"
            id={`${id}-panel`}
            aria-labelledby={`${id}-tab-${tab}`}
          >
            {tab === 'changes' && change && <ChangesView path={path} data={data} change={change} />}
            {tab === 'contents' && bytes && <TarContents path={path} bytes={bytes} />}
            {tab === 'text' && bytes && <TextView bytes={bytes} label={`Text of ${path}`} />}
            {tab === 'hex' && bytes && <HexView bytes={bytes} label={`Hex of ${path}`} />}
          </div>
        </>
      )}
    </section>
  );
}
