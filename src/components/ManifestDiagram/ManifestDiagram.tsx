import { Component, Suspense, lazy, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ChannelType, Manifest } from '../../engine/manifest/types.ts';
import { ChannelForm } from './ChannelForm.tsx';
import { ChannelList } from './ChannelList.tsx';
import { emptyDraft } from './channel-form.ts';
import type { ChannelLimits, NewChannel } from './channel-form.ts';
import { SandboxSummary } from './SandboxSummary.tsx';
import type { SandboxEdit } from './sandbox-form.ts';
import './manifest-diagram.css';

export type { ChannelLimits, NewChannel } from './channel-form.ts';
export type { SandboxEdit } from './sandbox-form.ts';

// xyflow is ~60 KB gzipped: the list renders at once, the drawing follows.
const ChannelGraph = lazy(() => import('./ChannelGraph.tsx'));

const NO_HITS: Readonly<Record<string, number>> = {};

/** Props of the manifest view: data in, edits and selection out (the app applies edits to the text). */
export interface ManifestDiagramProps {
  /** The manifest Run would use, when it parses; null otherwise. */
  manifest: Manifest | null;
  /** Where it comes from: 'hello.manifest', or 'generated for a quick run (zvsh)'. */
  source: string | null;
  /** Why there is no manifest (shown instead of the diagram). */
  problem: string | null;
  /** Quick mode: the generated texts; editing is off until onMakeEditable turns them into project files. */
  generated?: { manifestText: string; nvramText: string } | null;
  /** EDQUOT count per alias from the last run; those channels are drawn red. */
  quotaHits?: Readonly<Record<string, number>>;
  /** Alias of the channel the trace is filtered to. */
  selectedChannel: string | null;
  /** Called with an alias to select it, or null to clear the selection (a second click on it). */
  onSelectChannel(alias: string | null): void;
  /** Save in a channel's Edit form calls each of these for what changed (read the current text each time). */
  onEditLimits?(alias: string, limits: ChannelLimits): void;
  onEditType?(alias: string, type: ChannelType): void;
  onEditEtag?(alias: string, etag: boolean): void;
  /** The Add channel form's result, already checked (alias unused, limits whole numbers). */
  onAddChannel?(spec: NewChannel): void;
  /** Remove is never offered for /dev/stdin, /dev/stdout and /dev/stderr. */
  onRemoveChannel?(alias: string): void;
  /** Program, Memory and Timeout from the sandbox's Edit form (only the changed keys). */
  onEditSandbox?(edit: SandboxEdit): void;
  /** Quick mode: write the generated manifest and nvram into the project. */
  onMakeEditable?(): void;
  /** Rendered under each channel's row, e.g. its live quota meter. */
  renderMeter?(alias: string): ReactNode;
  /** Project paths offered in the Add channel form's uri field. */
  uriSuggestions?: readonly string[];
  /** Colour scheme of the drawing. @default 'light' */
  theme?: 'light' | 'dark';
  /** Tallest the drawing may get, in px (more channels are drawn smaller). @default 260 */
  graphMaxHeight?: number;
}

/** The manifest as a diagram next to its text: sandbox, channels, limits, with a list to select and edit them. */
export function ManifestDiagram(props: ManifestDiagramProps) {
  const { manifest, source, problem, generated, selectedChannel, onSelectChannel } = props;
  const quotaHits = props.quotaHits ?? NO_HITS;
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const editable = !generated;

  if (!manifest) {
    return (
      <div className="md-root">
        <p className="md-empty">{problem ?? 'No manifest.'}</p>
      </div>
    );
  }

  const announce = (message: string, act: () => void) => {
    act();
    setStatus(message);
  };
  const onEditLimits = editable ? props.onEditLimits : undefined;
  const onEditType = editable ? props.onEditType : undefined;
  const onEditEtag = editable ? props.onEditEtag : undefined;
  const onRemoveChannel =
    editable && props.onRemoveChannel
      ? (alias: string) => {
          if (alias === selectedChannel) onSelectChannel(null);
          announce(`Removed channel ${alias}`, () => props.onRemoveChannel?.(alias));
        }
      : undefined;
  const closeAdd = () => {
    setAdding(false);
    requestAnimationFrame(() => addButton.current?.focus());
  };

  return (
    <div className="md-root">
      {source && <p className="md-source">{source}</p>}
      {generated && (
        <div className="md-generated">
          {props.onMakeEditable && (
            <button type="button" className="md-primary" onClick={props.onMakeEditable}>
              Make editable
            </button>
          )}
          <details>
            <summary>Generated manifest</summary>
            <pre>{generated.manifestText}</pre>
          </details>
          <details>
            <summary>Generated nvram</summary>
            <pre>{generated.nvramText}</pre>
          </details>
        </div>
      )}
      <GraphBoundary>
        <Suspense fallback={<div className="md-graph md-graph--loading" aria-hidden="true" />}>
          <ChannelGraph
            manifest={manifest}
            selectedChannel={selectedChannel}
            quotaHits={quotaHits}
            theme={props.theme ?? 'light'}
            maxHeight={props.graphMaxHeight ?? 260}
            onSelectChannel={onSelectChannel}
          />
        </Suspense>
      </GraphBoundary>
      <SandboxSummary
        manifest={manifest}
        {...(editable && props.onEditSandbox
          ? {
              onEdit: (edit: SandboxEdit) =>
                announce('Saved the sandbox limits', () => props.onEditSandbox?.(edit)),
            }
          : {})}
      />
      {/* Always one line, so selecting a row never moves the rows under the pointer. */}
      <p className="md-selection">
        {selectedChannel === null ? (
          <span className="md-muted">Select a channel to filter the trace to it.</span>
        ) : (
          <>
            The trace shows <code>{selectedChannel}</code> only.{' '}
            <button type="button" className="md-link" onClick={() => onSelectChannel(null)}>
              Show all channels
            </button>
          </>
        )}
      </p>
      <ChannelList
        channels={manifest.channels}
        selectedChannel={selectedChannel}
        quotaHits={quotaHits}
        onSelectChannel={onSelectChannel}
        {...(onEditLimits ? { onEditLimits } : {})}
        {...(onEditType ? { onEditType } : {})}
        {...(onEditEtag ? { onEditEtag } : {})}
        {...(onRemoveChannel ? { onRemoveChannel } : {})}
        {...(props.renderMeter ? { renderMeter: props.renderMeter } : {})}
        onSaved={(alias) => setStatus(`Saved channel ${alias}`)}
      />
      {editable && props.onAddChannel && (
        <div className="md-add">
          {!adding && (
            <button ref={addButton} type="button" className="md-small" onClick={() => setAdding(true)}>
              Add channel
            </button>
          )}
          {adding && (
            <ChannelForm
              mode="add"
              label="Add channel"
              initial={emptyDraft()}
              takenAliases={manifest.channels.map((c) => c.alias)}
              {...(props.uriSuggestions ? { uriSuggestions: props.uriSuggestions } : {})}
              onSubmit={(spec) => {
                announce(`Added channel ${spec.alias}`, () => props.onAddChannel?.(spec));
                closeAdd();
              }}
              onCancel={closeAdd}
            />
          )}
        </div>
      )}
      <p className="md-visually-hidden" role="status">
        {status}
      </p>
    </div>
  );
}

/** If the drawing fails to load (offline before it was cached), the list still works. */
class GraphBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <p className="md-muted md-graph-failed">The drawing could not be loaded.</p>
    ) : (
      this.props.children
    );
  }
}
