import { memo, useCallback, useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import { ERRNO_DQUOT } from '../../engine/wasi/constants.ts';
import { formatTraceArgs } from '../../engine/wasi/trace.ts';
import type { TraceEntry } from '../../engine/wasi/trace.ts';
import { formatBytes, formatResult, formatTime } from './trace-model.ts';
import { scrollTargetFor } from './trace-keys.ts';

/** Height of a row and of the sticky header, in pixels (the CSS uses the same). */
export const ROW_HEIGHT = 22;
const OVERSCAN = 12;
// If the panel were ever laid out without a height limit, the virtualizer would see every row as visible.
const MAX_RENDERED = 400;

const COLUMNS = ['#', 'time', 'call', 'arguments', 'result', 'channel', 'bytes'] as const;

/** Props of the virtualised trace table. */
export interface TraceTableProps {
  entries: readonly TraceEntry[];
  /** Indexes into `entries` of the rows to show, in order. */
  rows: Int32Array;
}

const rowClass = (errno: number): string =>
  errno === ERRNO_DQUOT
    ? 'trace-row trace-row-quota'
    : errno > 0
      ? 'trace-row trace-row-error'
      : errno < 0
        ? 'trace-row trace-row-exit'
        : 'trace-row';

const capRange = (range: Range): number[] => {
  const start = Math.max(0, range.startIndex - range.overscan);
  const end = Math.min(range.count - 1, range.endIndex + range.overscan, start + MAX_RENDERED - 1);
  const out: number[] = [];
  for (let i = start; i <= end; i++) out.push(i);
  return out;
};

interface TraceRowProps {
  entry: TraceEntry;
  /** Position among the shown rows. */
  index: number;
  /** Offset from the top of the rows, in pixels. */
  start: number;
}

// Memoised: while scrolling, rows that stay in view are not rendered again.
const TraceRow = memo(function TraceRow({ entry: e, index, start }: TraceRowProps) {
  const args = formatTraceArgs(e);
  return (
    <div
      className={index % 2 ? `${rowClass(e.errno)} trace-row-odd` : rowClass(e.errno)}
      role="row"
      aria-rowindex={index + 2}
      style={{ transform: `translateY(${start}px)` }}
    >
      <span role="cell">{e.seq}</span>
      <span role="cell">{formatTime(e.time)}</span>
      <span role="cell">{e.call}</span>
      <span role="cell" title={args}>
        {args}
      </span>
      <span role="cell" title={e.errno < 0 ? 'does not return' : `errno ${e.errno}`}>
        {formatResult(e.errno)}
      </span>
      <span role="cell" title={e.channel}>
        {e.channel ?? ''}
      </span>
      <span role="cell">{formatBytes(e.bytes)}</span>
    </div>
  );
});

/** The calls as an ARIA table whose rows are virtualised: only the visible ones are in the DOM. */
export const TraceTable = memo(function TraceTable({ entries, rows }: TraceTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    rangeExtractor: capRange,
    initialRect: { width: 800, height: 20 * ROW_HEIGHT },
  });

  // A new filter (or a new run) starts at its first row.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [rows]);

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const el = event.currentTarget;
    const top = scrollTargetFor(event.key, {
      scrollTop: el.scrollTop,
      viewport: el.clientHeight - ROW_HEIGHT,
      max: el.scrollHeight - el.clientHeight,
      row: ROW_HEIGHT,
    });
    if (top === null) return;
    event.preventDefault();
    el.scrollTop = top;
  }, []);

  return (
    <div
      ref={scrollRef}
      className="trace-table"
      role="table"
      aria-label="System calls"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="trace-inner">
        <div className="trace-head" role="rowgroup">
          <div className="trace-row" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <span key={c} role="columnheader">
                {c}
              </span>
            ))}
          </div>
        </div>
        <div className="trace-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <TraceRow
              key={item.key}
              entry={entries[rows[item.index]!]!}
              index={item.index}
              start={item.start}
            />
          ))}
        </div>
      </div>
    </div>
  );
});
