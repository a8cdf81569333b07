import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { TraceEntry } from '../../engine/wasi/trace.ts';
import { channelsOf, countByCall, filterTrace, formatCount, formatSummary } from './trace-model.ts';
import { TraceFilters } from './TraceFilters.tsx';
import { TraceTable } from './TraceTable.tsx';
import './TraceView.css';

/** Props of the trace view. */
export interface TraceViewProps {
  /** The last run's calls; undefined when that run was not traced. */
  trace: TraceEntry[] | undefined;
  /** Calls beyond the trace's cap, not recorded. */
  dropped?: number;
  /** The Record trace switch (it applies to the next run). */
  traceEnabled: boolean;
  onToggleTrace(on: boolean): void;
  /** Channel alias (or guest path) to show only, e.g. clicked in the manifest diagram. */
  channelFilter: string | null;
  onChannelFilter(alias: string | null): void;
  /** Whether any run has finished yet. */
  hasRun: boolean;
}

const TRACE_CAP = 1_000_000;

/** Every system call of the last run: filters, counts per call, and a virtualised table. */
export function TraceView(props: TraceViewProps) {
  const { trace, traceEnabled, onToggleTrace, hasRun } = props;
  const id = useId();
  return (
    <div className="trace">
      <div className="trace-header">
        <label className="trace-check">
          <input
            type="checkbox"
            checked={traceEnabled}
            onChange={(e) => onToggleTrace(e.target.checked)}
            aria-describedby={`${id}-next`}
          />
          Record trace
        </label>
        <span id={`${id}-next`} className="trace-muted">
          (applies to the next run)
        </span>
      </div>
      {!hasRun ? (
        <p className="trace-message">Run the project to see its system calls.</p>
      ) : trace === undefined ? (
        <p className="trace-message">
          {traceEnabled
            ? 'This run was not traced: run again to record its system calls.'
            : 'This run was not traced: switch on Record trace and run again.'}
        </p>
      ) : (
        <TraceBody
          trace={trace}
          dropped={props.dropped ?? 0}
          channelFilter={props.channelFilter}
          onChannelFilter={props.onChannelFilter}
        />
      )}
    </div>
  );
}

interface TraceBodyProps {
  trace: TraceEntry[];
  dropped: number;
  channelFilter: string | null;
  onChannelFilter(alias: string | null): void;
}

function TraceBody({ trace, dropped, channelFilter, onChannelFilter }: TraceBodyProps) {
  const [calls, setCalls] = useState<ReadonlySet<string>>(() => new Set());
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [text, setText] = useState('');
  // Typing stays responsive while a million-call trace is filtered behind it.
  const deferredText = useDeferredValue(text);

  const counts = useMemo(() => countByCall(trace), [trace]);
  const errors = useMemo(() => counts.reduce((n, c) => n + c.errors, 0), [counts]);
  const channels = useMemo(() => channelsOf(trace), [trace]);
  const rows = useMemo(
    () => filterTrace(trace, { calls, channel: channelFilter, errorsOnly, text: deferredText }),
    [trace, calls, channelFilter, errorsOnly, deferredText],
  );

  return (
    <>
      <TraceFilters
        counts={counts}
        calls={calls}
        onCalls={setCalls}
        channels={channels}
        channel={channelFilter}
        onChannel={onChannelFilter}
        errorsOnly={errorsOnly}
        onErrorsOnly={setErrorsOnly}
        text={text}
        onText={setText}
      />
      <p className="trace-summary" role="status">
        {formatSummary(trace.length, errors, rows.length)}
      </p>
      {dropped > 0 && (
        <p className="trace-dropped">
          … {formatCount(dropped)} more calls were not recorded (the trace keeps the first{' '}
          {formatCount(TRACE_CAP)})
        </p>
      )}
      {rows.length > 0 ? (
        <TraceTable entries={trace} rows={rows} />
      ) : (
        <p className="trace-message">
          {trace.length === 0 ? 'The program made no system calls.' : 'No calls match the filters.'}
        </p>
      )}
    </>
  );
}
