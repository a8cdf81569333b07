import type { ChannelSpec } from '../../engine/manifest/types.ts';
import type { ChannelReport } from '../../engine/run/report.ts';
import {
  COUNTER_BYTES_READ,
  COUNTER_BYTES_WRITTEN,
  COUNTER_FIELDS,
  COUNTER_QUOTA_HITS,
  COUNTER_READS,
  COUNTER_WRITES,
} from '../../engine/wasi/channel.ts';

/** A channel's quotas, as the manifest sets them. */
export interface ChannelLimits {
  gets: number;
  getSize: number;
  puts: number;
  putSize: number;
}

/** A channel as the meters show it: its two names and its quotas. */
export interface MeterChannel {
  alias: string;
  /** Host side: a project path, /dev/stdin, /dev/stdout, /dev/stderr or /dev/null. */
  uri: string;
  limits: ChannelLimits;
}

/** The meters' view of a manifest's channels (memoize it: a new array repaints the meters). */
export function meterChannels(specs: readonly ChannelSpec[]): MeterChannel[] {
  return specs.map(({ alias, uri, gets, getSize, puts, putSize }) => ({
    alias,
    uri,
    limits: { gets, getSize, puts, putSize },
  }));
}

/** What a channel has used so far. */
export interface ChannelUse {
  reads: number;
  bytesRead: number;
  writes: number;
  bytesWritten: number;
  /** Calls refused with EDQUOT. */
  quotaHits: number;
}

/** Which way a meter counts. */
export type MeterSide = 'read' | 'write';

/** ok: within quota; full: a quota is used up but nothing was refused yet; hit: calls were refused. */
export type MeterState = 'ok' | 'full' | 'hit';

/** One meter (reads or writes of one channel), ready to paint. */
export interface MeterView {
  side: MeterSide;
  /** Share of the quota used, 0..1: calls or bytes, whichever is closer to its limit. */
  fraction: number;
  /** The bar's scale: `fraction`, but a visible sliver once anything was used. */
  bar: number;
  /** aria-valuenow: `fraction` in percent, one decimal. */
  percent: number;
  /** "3 / 16 writes · 107 B / 64 KiB" */
  text: string;
  /** aria-valuetext: "3 of 16 writes, 107 bytes of 64 KiB" */
  valueText: string;
  state: MeterState;
}

/** Both meters of a channel (null where the channel cannot be read or written) and its EDQUOT count. */
export interface ChannelMeterView {
  read: MeterView | null;
  write: MeterView | null;
  quotaHits: number;
  /** "EDQUOT ×7", or '' when no call was refused. */
  edquot: string;
}

/** The smallest bar drawn once a channel was used, so 1 byte of 4 GiB still shows. */
export const MIN_BAR = 0.01;

const NO_USE: ChannelUse = { reads: 0, bytesRead: 0, writes: 0, bytesWritten: 0, quotaHits: 0 };

/** True when the channel can be read (ZeroVM: both read limits above zero). */
export const readable = (l: ChannelLimits): boolean => l.gets > 0 && l.getSize > 0;
/** True when the channel can be written (both write limits above zero). */
export const writable = (l: ChannelLimits): boolean => l.puts > 0 && l.putSize > 0;

/** A call count: "200,000"; zvsh's generous 2^32 as "2³²". */
export function formatCount(n: number): string {
  return n === 2 ** 32 ? '2³²' : n.toLocaleString('en-US');
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** A byte size in binary units, one decimal at most: "107 B", "64 KiB", "2.2 MiB", "4 GiB". */
export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  while (unit < UNITS.length - 1 && Number(value.toFixed(1)) >= 1024) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${n} B`;
  return `${Number(value.toFixed(1))} ${UNITS[unit]}`;
}

/** A byte size for screen readers: "1 byte", "107 bytes", otherwise as formatBytes. */
export function spokenBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  return formatBytes(n);
}

/** A meter's accessible name: "stdout writes", "input reads", "out/reduce writes". */
export function meterName(alias: string, side: MeterSide): string {
  return `${alias.replace(/^\/dev\//, '')} ${side === 'read' ? 'reads' : 'writes'}`;
}

/** One channel's use, read from the engine's counter layout (missing slots count as 0). */
export function channelUseAt(counters: ArrayLike<number>, index: number): ChannelUse {
  const at = index * COUNTER_FIELDS;
  const get = (field: number): number => counters[at + field] ?? 0;
  return {
    reads: get(COUNTER_READS),
    bytesRead: get(COUNTER_BYTES_READ),
    writes: get(COUNTER_WRITES),
    bytesWritten: get(COUNTER_BYTES_WRITTEN),
    quotaHits: get(COUNTER_QUOTA_HITS),
  };
}

/** One channel's use, from a finished run's report. */
export function channelUseOfReport(c: ChannelReport | undefined): ChannelUse {
  if (!c) return NO_USE;
  const { reads, bytesRead, writes, bytesWritten, quotaHits } = c;
  return { reads, bytesRead, writes, bytesWritten, quotaHits };
}

interface SideInput {
  side: MeterSide;
  calls: number;
  callLimit: number;
  bytes: number;
  byteLimit: number;
}

const ratio = (used: number, limit: number): number => (limit > 0 ? Math.min(1, used / limit) : 1);

function sideView(s: SideInput, quotaHits: number, blame: boolean): MeterView {
  const fraction = Math.max(ratio(s.calls, s.callLimit), ratio(s.bytes, s.byteLimit));
  const spent = s.calls >= s.callLimit || s.bytes >= s.byteLimit;
  const noun = s.side === 'read' ? 'reads' : 'writes';
  const refused = blame ? `; ${formatCount(quotaHits)} refused with EDQUOT` : '';
  return {
    side: s.side,
    fraction,
    bar: s.calls > 0 || s.bytes > 0 ? Math.max(MIN_BAR, fraction) : 0,
    percent: Math.round(fraction * 1000) / 10,
    text: `${formatCount(s.calls)} / ${formatCount(s.callLimit)} ${noun} · ${formatBytes(s.bytes)} / ${formatBytes(s.byteLimit)}`,
    valueText:
      `${s.calls.toLocaleString('en-US')} of ${s.callLimit.toLocaleString('en-US')} ${noun}, ` +
      `${spokenBytes(s.bytes)} of ${spokenBytes(s.byteLimit)}${refused}`,
    state: blame ? 'hit' : spent ? 'full' : 'ok',
  };
}

/**
 * The meters of one channel. The engine counts EDQUOT per channel, not per direction, so refusals are
 * blamed on the side whose quota is used up (both, if both are; every shown side if neither is).
 */
export function channelMeterView(limits: ChannelLimits, use: ChannelUse): ChannelMeterView {
  const read: SideInput | null = readable(limits)
    ? {
        side: 'read',
        calls: use.reads,
        callLimit: limits.gets,
        bytes: use.bytesRead,
        byteLimit: limits.getSize,
      }
    : null;
  const write: SideInput | null = writable(limits)
    ? {
        side: 'write',
        calls: use.writes,
        callLimit: limits.puts,
        bytes: use.bytesWritten,
        byteLimit: limits.putSize,
      }
    : null;
  const spent = (s: SideInput | null): boolean =>
    s !== null && (s.calls >= s.callLimit || s.bytes >= s.byteLimit);
  const hit = use.quotaHits > 0;
  const anySpent = spent(read) || spent(write);
  const blame = (s: SideInput | null): boolean => hit && (spent(s) || !anySpent);
  return {
    read: read && sideView(read, use.quotaHits, blame(read)),
    write: write && sideView(write, use.quotaHits, blame(write)),
    quotaHits: use.quotaHits,
    edquot: hit ? `EDQUOT ×${formatCount(use.quotaHits)}` : '',
  };
}
