import { errnoName } from '../../engine/wasi/trace.ts';
import type { TraceEntry } from '../../engine/wasi/trace.ts';

/** How often one call name occurs in a trace, and how often it failed. */
export interface CallCount {
  call: string;
  count: number;
  /** Calls that returned an errno other than SUCCESS (proc_exit's -1 is not an error). */
  errors: number;
}

/** What the trace view keeps; every field left out (or empty) lets every entry through. */
export interface TraceFilter {
  /** Call names to keep; empty or absent keeps all. */
  calls?: ReadonlySet<string>;
  /** Channel alias or guest path to keep. */
  channel?: string | null;
  /** Keep only calls that returned an error. */
  errorsOnly?: boolean;
  /** Case-insensitive text found in the call name, channel, path or result name. */
  text?: string;
}

/** True when a call failed: proc_exit's -1 means "did not return", not an error. */
export const isError = (entry: TraceEntry): boolean => entry.errno > 0;

/** Calls per name, most frequent first (ties by name), with their error counts. */
export function countByCall(entries: readonly TraceEntry[]): CallCount[] {
  const counts = new Map<string, CallCount>();
  for (const entry of entries) {
    let c = counts.get(entry.call);
    if (!c) {
      c = { call: entry.call, count: 0, errors: 0 };
      counts.set(entry.call, c);
    }
    c.count++;
    if (entry.errno > 0) c.errors++;
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.call < b.call ? -1 : 1));
}

/** The channels (aliases or guest paths) the trace's calls used, sorted. */
export function channelsOf(entries: readonly TraceEntry[]): string[] {
  const seen = new Set<string>();
  for (const entry of entries) if (entry.channel !== undefined) seen.add(entry.channel);
  return [...seen].sort();
}

/** Calls that returned an error. */
export function countErrors(entries: readonly TraceEntry[]): number {
  let n = 0;
  for (const entry of entries) if (entry.errno > 0) n++;
  return n;
}

/**
 * Indexes of the entries that pass the filter, in trace order. One pass; strings are lower-cased once per
 * distinct value (calls, channels and paths repeat), so a million entries take milliseconds.
 */
export function filterTrace(entries: readonly TraceEntry[], filter: TraceFilter = {}): Int32Array {
  const calls = filter.calls && filter.calls.size > 0 ? filter.calls : null;
  const channel = filter.channel ?? null;
  const errorsOnly = filter.errorsOnly === true;
  const needle = (filter.text ?? '').trim().toLowerCase();
  const memo = new Map<string, boolean>();
  const has = (s: string | undefined): boolean => {
    if (s === undefined) return false;
    let hit = memo.get(s);
    if (hit === undefined) {
      hit = s.toLowerCase().includes(needle);
      memo.set(s, hit);
    }
    return hit;
  };
  // Result names are few: decide each once.
  const resultHits = new Map<number, boolean>();
  const resultHas = (errno: number): boolean => {
    let hit = resultHits.get(errno);
    if (hit === undefined) {
      hit = needle !== '' && formatResult(errno).toLowerCase().includes(needle);
      resultHits.set(errno, hit);
    }
    return hit;
  };

  const out = new Int32Array(entries.length);
  let n = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (errorsOnly && e.errno <= 0) continue;
    if (channel !== null && e.channel !== channel) continue;
    if (calls !== null && !calls.has(e.call)) continue;
    if (needle !== '' && !has(e.call) && !has(e.channel) && !has(e.path) && !resultHas(e.errno)) continue;
    out[n++] = i;
  }
  return n === out.length ? out : out.slice(0, n);
}

/** `12.345 ms`: time since the run started. */
export const formatTime = (ms: number): string => `${ms.toFixed(3)} ms`;

/** `SUCCESS`, `EDQUOT`…; `—` for proc_exit, which does not return. */
export const formatResult = (errno: number): string => (errno < 0 ? '—' : errnoName(errno));

// One formatter for every row: toLocaleString builds a new one per call.
const grouped = new Intl.NumberFormat('en-US');

/** Bytes moved, with thousands separators; empty when the call moved none. */
export const formatBytes = (bytes: number | undefined): string =>
  bytes === undefined ? '' : grouped.format(bytes);

/** `1,234`. */
export const formatCount = (n: number): string => grouped.format(n);

const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** `1,234 calls, 3 errors; showing 12`. */
export const formatSummary = (total: number, errors: number, shown: number): string =>
  `${plural(total, 'call')}, ${plural(errors, 'error')}; showing ${formatCount(shown)}`;
