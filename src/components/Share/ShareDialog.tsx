import { Popover } from './Popover.tsx';

/** What Share made: a link (with its embed snippet), or a project too big for one. */
export type ShareView =
  | {
      kind: 'link';
      url: string;
      /** The `<iframe>` snippet for the embed options chosen. */
      snippet: string;
      /** Built programs left out of the link (Run rebuilds them). */
      omitted: string[];
      copy: 'pending' | 'copied' | 'failed';
    }
  | { kind: 'too-long'; length: number; snippet: string };

/** Props of the Share dialog. */
export interface ShareDialogProps {
  view: ShareView;
  /** Put the built .wasm files into the link even when that makes it too long. */
  includeBuilt: boolean;
  onIncludeBuilt(on: boolean): void;
  embedReadOnly: boolean;
  embedAutorun: boolean;
  onEmbedOptions(options: { readOnly: boolean; autorun: boolean }): void;
  /** Copies a text (the link or the snippet) to the clipboard. */
  onCopy(text: string): void;
  onDownloadZapp(): void;
  onClose(): void;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The embed options and the `<iframe>` code (shown as text). */
function EmbedSection(props: ShareDialogProps & { snippet: string; note?: string }) {
  const { embedReadOnly: readOnly, embedAutorun: autorun, onEmbedOptions } = props;
  return (
    <>
      <h3>Embed in a page</h3>
      {props.note && <p className="popover__muted">{props.note}</p>}
      <div className="popover__row">
        <label>
          <input
            type="checkbox"
            checked={readOnly}
            onChange={(event) => onEmbedOptions({ readOnly: event.target.checked, autorun })}
          />{' '}
          Read-only
        </label>
        <label>
          <input
            type="checkbox"
            checked={autorun}
            onChange={(event) => onEmbedOptions({ readOnly, autorun: event.target.checked })}
          />{' '}
          Run on load
        </label>
      </div>
      <textarea
        aria-label="Embed code"
        readOnly
        value={props.snippet}
        onFocus={(event) => event.target.select()}
      />
      <div className="popover__row">
        <button type="button" onClick={() => props.onCopy(props.snippet)}>
          Copy embed code
        </button>
      </div>
    </>
  );
}

/** The Share popover: the copied link and its length, an embed snippet, or a .zapp download when too long. */
export function ShareDialog(props: ShareDialogProps) {
  const { view, includeBuilt, onIncludeBuilt, onClose } = props;
  const builtChoice = (includeBuilt || (view.kind === 'link' && view.omitted.length > 0)) && (
    <label className="popover__row">
      <input
        type="checkbox"
        checked={includeBuilt}
        onChange={(event) => onIncludeBuilt(event.target.checked)}
      />
      Include built programs (.wasm)
    </label>
  );
  if (view.kind === 'too-long')
    return (
      <Popover label="Share" onClose={onClose}>
        <h2>Share</h2>
        <output role="status" className="popover__status">
          This project is too big for a link: it would be {count(view.length)} characters, more than the 8 KB
          a link can safely hold when pasted. Download it as a .zapp file and share that instead.
        </output>
        {builtChoice}
        <div className="popover__row">
          <button type="button" onClick={props.onDownloadZapp}>
            Download .zapp
          </button>
        </div>
        <EmbedSection
          {...props}
          snippet={view.snippet}
          note="An embed's address goes into a page's HTML, not a chat box, so it may be this long."
        />
      </Popover>
    );
  const length = count(view.url.length);
  return (
    <Popover label="Share" onClose={onClose}>
      <h2>Share</h2>
      <output
        role="status"
        className={`popover__status ${view.copy === 'failed' ? 'popover__status-error' : ''}`}
      >
        {view.copy === 'copied' && `Link copied to the clipboard (${length} characters).`}
        {view.copy === 'pending' && `Copying the link (${length} characters)…`}
        {view.copy === 'failed' &&
          `The clipboard could not be used: select the link below and copy it (${length} characters).`}
      </output>
      <label htmlFor="share-link">Share link</label>
      <div className="popover__row">
        <input
          id="share-link"
          type="text"
          readOnly
          value={view.url}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" onClick={() => props.onCopy(view.url)}>
          Copy link
        </button>
      </div>
      {view.omitted.length > 0 && (
        <p className="popover__muted">
          Left out to keep the link short: {view.omitted.join(', ')} (Run rebuilds it from the source).
        </p>
      )}
      {builtChoice}
      <p className="popover__muted">Opening the link shows the project; nothing runs until Run is pressed.</p>
      <EmbedSection {...props} snippet={view.snippet} />
      <div className="popover__row">
        <button type="button" onClick={props.onDownloadZapp}>
          Download .zapp
        </button>
      </div>
    </Popover>
  );
}
