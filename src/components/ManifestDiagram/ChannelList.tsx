import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ChannelSpec, ChannelType } from '../../engine/manifest/types.ts';
import { ChannelForm } from './ChannelForm.tsx';
import { draftOf } from './channel-form.ts';
import type { ChannelLimits } from './channel-form.ts';
import {
  STDIO_ALIASES,
  classifyHost,
  describeChannel,
  directionArrow,
  directionOf,
  limitLines,
} from './channel-text.ts';

/** Props of the accessible channel list (the diagram's keyboard and screen-reader twin). */
export interface ChannelListProps {
  channels: readonly ChannelSpec[];
  selectedChannel: string | null;
  quotaHits: Readonly<Record<string, number>>;
  onSelectChannel(alias: string | null): void;
  /** Edit opens a form whose Save calls these (only for what changed); absent: no Edit button. */
  onEditLimits?(alias: string, limits: ChannelLimits): void;
  onEditType?(alias: string, type: ChannelType): void;
  onEditEtag?(alias: string, etag: boolean): void;
  /** Absent: no Remove buttons. Never offered for the stdio channels. */
  onRemoveChannel?(alias: string): void;
  renderMeter?(alias: string): ReactNode;
  /** After Save applied an edit (for a status message). */
  onSaved?(alias: string): void;
}

/** One row per channel: a toggle that selects it, Edit and Remove, and an optional meter under it. */
export function ChannelList(props: ChannelListProps) {
  const { channels, selectedChannel, quotaHits, onSelectChannel } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const canEdit = Boolean(props.onEditLimits || props.onEditType || props.onEditEtag);

  const closeEditor = (alias: string) => {
    setEditing(null);
    requestAnimationFrame(() =>
      list.current?.querySelector<HTMLElement>(`[data-edit="${CSS.escape(alias)}"]`)?.focus(),
    );
  };

  const save = (original: ChannelSpec, next: ChannelSpec | Omit<ChannelSpec, 'line'>) => {
    const limits = { gets: next.gets, getSize: next.getSize, puts: next.puts, putSize: next.putSize };
    const limitsChanged = (Object.keys(limits) as Array<keyof ChannelLimits>).some(
      (k) => limits[k] !== original[k],
    );
    if (limitsChanged) props.onEditLimits?.(original.alias, limits);
    if (next.type !== original.type) props.onEditType?.(original.alias, next.type);
    if (next.etag !== original.etag) props.onEditEtag?.(original.alias, next.etag);
    if (limitsChanged || next.type !== original.type || next.etag !== original.etag)
      props.onSaved?.(original.alias);
    closeEditor(original.alias);
  };

  const remove = (alias: string) => {
    const index = channels.findIndex((c) => c.alias === alias);
    props.onRemoveChannel?.(alias);
    // The row and its button are gone: keep focus in the list, on the row that was above it.
    requestAnimationFrame(() => {
      const rows = list.current?.querySelectorAll<HTMLElement>('.md-row-select');
      rows?.[Math.max(0, Math.min(index - 1, rows.length - 1))]?.focus();
    });
  };

  return (
    <ul ref={list} className="md-list" role="list" aria-label="Channels">
      {channels.map((c) => {
        const selected = c.alias === selectedChannel;
        const hits = quotaHits[c.alias] ?? 0;
        const host = classifyHost(c.uri);
        const classes = ['md-row'];
        if (selected) classes.push('md-row--selected');
        if (hits > 0) classes.push('md-row--quota');
        return (
          <li key={c.alias} className={classes.join(' ')}>
            <div className="md-row-main">
              <button
                type="button"
                className="md-row-select"
                aria-pressed={selected}
                aria-label={describeChannel(c, hits)}
                onClick={() => onSelectChannel(selected ? null : c.alias)}
              >
                <span className="md-row-alias">{c.alias}</span>
                <span className="md-row-arrow">{directionArrow(directionOf(c))}</span>
                <span className="md-row-host">
                  {host.label}
                  {host.detail && host.kind === 'console' ? ` (${host.detail})` : ''}
                </span>
                <span className="md-row-limits">{limitLines(c).join(' / ')}</span>
                {hits > 0 && <span className="md-edquot">EDQUOT ×{hits}</span>}
              </button>
              {canEdit && (
                <button
                  type="button"
                  className="md-small"
                  data-edit={c.alias}
                  aria-label={`Edit ${c.alias}`}
                  aria-expanded={editing === c.alias}
                  onClick={() => (editing === c.alias ? closeEditor(c.alias) : setEditing(c.alias))}
                >
                  Edit
                </button>
              )}
              {props.onRemoveChannel && !STDIO_ALIASES.includes(c.alias) && (
                <button
                  type="button"
                  className="md-small md-danger"
                  aria-label={`Remove ${c.alias}`}
                  onClick={() => remove(c.alias)}
                >
                  Remove
                </button>
              )}
            </div>
            {props.renderMeter?.(c.alias)}
            {editing === c.alias && (
              <ChannelForm
                mode="edit"
                label={`Edit channel ${c.alias}`}
                initial={draftOf(c)}
                takenAliases={channels.filter((o) => o !== c).map((o) => o.alias)}
                onSubmit={(next) => save(c, next)}
                onCancel={() => closeEditor(c.alias)}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
