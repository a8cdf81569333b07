import { useId } from 'react';
import type { CallCount } from './trace-model.ts';
import { formatCount } from './trace-model.ts';

/** Props of the trace's filter bar. */
export interface TraceFiltersProps {
  /** Calls per name, most frequent first. */
  counts: readonly CallCount[];
  /** Call names chosen; empty shows every call. */
  calls: ReadonlySet<string>;
  onCalls(calls: ReadonlySet<string>): void;
  /** Channels the trace used. */
  channels: readonly string[];
  channel: string | null;
  onChannel(channel: string | null): void;
  errorsOnly: boolean;
  onErrorsOnly(on: boolean): void;
  text: string;
  onText(text: string): void;
}

/** Chips per call name (with counts), a channel choice, "errors only" and a text box. */
export function TraceFilters(props: TraceFiltersProps) {
  const { counts, calls, onCalls, channels, channel, onChannel } = props;
  const id = useId();
  // A chosen call or channel the current trace lacks still shows, so it can be cleared.
  const missing = [...calls].filter((c) => !counts.some((k) => k.call === c));
  const chips: CallCount[] = [...counts, ...missing.map((call) => ({ call, count: 0, errors: 0 }))];
  const channelOptions = channel !== null && !channels.includes(channel) ? [...channels, channel] : channels;

  const toggle = (call: string) => {
    const next = new Set(calls);
    if (!next.delete(call)) next.add(call);
    onCalls(next);
  };

  return (
    <div className="trace-filters">
      <div className="trace-chips" role="group" aria-label="Calls">
        <button
          type="button"
          className="trace-chip"
          aria-pressed={calls.size === 0}
          onClick={() => onCalls(new Set())}
        >
          all calls
        </button>
        {chips.map((c) => (
          <button
            key={c.call}
            type="button"
            className={c.errors > 0 ? 'trace-chip trace-chip-errors' : 'trace-chip'}
            aria-pressed={calls.has(c.call)}
            title={c.errors > 0 ? `${formatCount(c.errors)} returned an error` : undefined}
            onClick={() => toggle(c.call)}
          >
            {c.call} <span className="trace-chip-count">{formatCount(c.count)}</span>
          </button>
        ))}
      </div>
      <div className="trace-controls">
        <label htmlFor={`${id}-channel`}>Channel</label>
        <select
          id={`${id}-channel`}
          value={channel ?? ''}
          onChange={(e) => onChannel(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">all channels</option>
          {channelOptions.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-label="Clear channel filter"
          disabled={channel === null}
          onClick={() => onChannel(null)}
        >
          clear
        </button>
        <label className="trace-check">
          <input
            type="checkbox"
            checked={props.errorsOnly}
            onChange={(e) => props.onErrorsOnly(e.target.checked)}
          />
          errors only
        </label>
        <input
          className="trace-text"
          type="search"
          aria-label="Filter trace"
          placeholder="Filter trace: call, channel, path, result"
          value={props.text}
          onChange={(e) => props.onText(e.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
    </div>
  );
}
