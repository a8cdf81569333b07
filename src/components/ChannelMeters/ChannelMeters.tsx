import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import type { Ref } from 'react';
import type { RunReport } from '../../engine/run/report.ts';
import { channelUseOfReport, meterName, readable, writable } from './meter-model.ts';
import type { MeterChannel, MeterSide } from './meter-model.ts';
import { MeterPainter } from './meter-painter.ts';
import type { MeterNodes, RowNodes } from './meter-painter.ts';
import './channel-meters.css';

export { meterChannels } from './meter-model.ts';
export type { MeterChannel } from './meter-model.ts';

/** Feeds the meters without rendering React: safe to call on every poll. */
export interface MetersHandle {
  /** Live counters (engine channel.ts layout, channel index = manifest order); painted once per frame. */
  update(counters: Float64Array): void;
  /** Back to zeros, for a new run. */
  reset(): void;
}

/** Props of the channel meters. */
export interface ChannelMetersProps {
  /** The channels of the manifest in use, in manifest order (= counter index); see meterChannels. */
  channels: readonly MeterChannel[];
  /** The finished run's report: its channels and final numbers replace the live ones. */
  finalReport: RunReport | null;
  /** Accessible name of the list. @default 'Channel meters' */
  label?: string;
  ref?: Ref<MetersHandle>;
}

const part = <T,>(root: Element, selector: string): T => root.querySelector(selector) as T;

function meterNodes(row: Element, side: MeterSide): MeterNodes | null {
  const meter = row.querySelector<HTMLElement>(`[data-side="${side}"]`);
  if (!meter) return null;
  return { meter, fill: part(meter, '.meter-fill'), text: part(meter, '.meter-text') };
}

function rowNodes(list: HTMLElement | null): RowNodes[] {
  if (!list) return [];
  return [...list.querySelectorAll('.meters-row')].map((row) => ({
    row,
    edquot: part(row, '.meters-edquot'),
    read: meterNodes(row, 'read'),
    write: meterNodes(row, 'write'),
  }));
}

function Meter({ alias, side }: { alias: string; side: MeterSide }) {
  // aria-valuenow/-valuetext, the bar and the text are painted by MeterPainter, never by React.
  return (
    <div
      className="meter"
      data-side={side}
      role="meter"
      aria-label={meterName(alias, side)}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <span className="meter-kind" aria-hidden="true">
        {side === 'read' ? 'read' : 'write'}
      </span>
      <span className="meter-track" aria-hidden="true">
        <span className="meter-fill" />
      </span>
      <span className="meter-text" aria-hidden="true" />
    </div>
  );
}

/**
 * Live quota meters per channel: reads and writes against gets/get_size and puts/put_size, filled as the
 * program runs (through the `update` handle, straight into the DOM), red with an EDQUOT count once a
 * quota refused calls. After the run, the report's final numbers.
 */
export function ChannelMeters({ channels, finalReport, label = 'Channel meters', ref }: ChannelMetersProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const [painter] = useState(() => new MeterPainter());
  const rows: readonly MeterChannel[] = finalReport?.channels ?? channels;

  useImperativeHandle(
    ref,
    () => ({ update: (counters) => painter.schedule(counters), reset: () => painter.reset() }),
    [painter],
  );

  useLayoutEffect(() => {
    painter.attach(
      rowNodes(listRef.current),
      rows.map((c) => c.limits),
    );
    if (finalReport) painter.paintFinal(finalReport.channels.map(channelUseOfReport));
    else painter.paintLive();
  }, [painter, rows, finalReport]);

  useEffect(() => () => painter.cancel(), [painter]);

  if (rows.length === 0) return <p className="meters-empty">No channels.</p>;
  return (
    <ul className="meters" aria-label={label} ref={listRef}>
      {rows.map((c, i) => (
        <li key={`${i}:${c.alias}`} className="meters-row">
          <div className="meters-head">
            <code className="meters-alias">{c.alias}</code>
            {c.uri !== c.alias && (
              <span className="meters-host">
                <span className="visually-hidden">host side </span>
                {c.uri}
              </span>
            )}
            <span className="meters-edquot" hidden />
          </div>
          {readable(c.limits) && <Meter alias={c.alias} side="read" />}
          {writable(c.limits) && <Meter alias={c.alias} side="write" />}
          {!readable(c.limits) && !writable(c.limits) && <p className="meters-none">no access</p>}
        </li>
      ))}
    </ul>
  );
}
