import type { ChannelReport, FileChange, RunReport } from '../engine/run/report.ts';

/** One thing two runs are compared on. */
export interface ComparisonItem {
  /** 'exit code', 'stdout', 'stderr', 'file out.txt', 'etag /dev/stdout', 'accounting /dev/input'. */
  what: string;
  same: boolean;
  /** Where they differ: the first differing byte, the two etags, the two exit states. */
  detail?: string;
}

/** Whether two runs of the same project gave the same results (ZeroVM's determinism, checked). */
export interface RunComparison {
  identical: boolean;
  items: ComparisonItem[];
  /** Both runs had the deterministic clock and randomness on. */
  deterministic: boolean;
}

/** "code 0", "code 0 (quota)", "timeout". */
function exitOf(r: RunReport): string {
  if (r.exitCode === null) return r.state;
  return r.state === 'ok' || r.state === 'exit' ? `code ${r.exitCode}` : `code ${r.exitCode} (${r.state})`;
}

/** Where two byte strings first differ, in words; undefined when equal. */
export function firstDifference(a: Uint8Array, b: Uint8Array): string | undefined {
  const n = Math.min(a.length, b.length);
  const num = (x: number): string => x.toLocaleString('en-US');
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return `first difference at byte ${num(i)}`;
  }
  if (a.length === b.length) return undefined;
  return `first difference at byte ${num(n)} (run 1: ${num(a.length)} bytes, run 2: ${num(b.length)})`;
}

function bytesItem(what: string, a: Uint8Array, b: Uint8Array): ComparisonItem {
  const detail = firstDifference(a, b);
  return detail === undefined ? { what, same: true } : { what, same: false, detail };
}

function fileItem(path: string, a: FileChange | undefined, b: FileChange | undefined): ComparisonItem {
  const what = `file ${path}`;
  const describe = (c: FileChange | undefined): string =>
    c === undefined ? 'left unchanged' : c.data === null ? 'removed' : 'written';
  if (a?.data == null || b?.data == null) {
    if (describe(a) === describe(b)) return { what, same: true };
    return { what, same: false, detail: `run 1: ${describe(a)}, run 2: ${describe(b)}` };
  }
  const item = bytesItem(what, a.data, b.data);
  if (item.same && Boolean(a.partial) !== Boolean(b.partial)) {
    return { what, same: false, detail: `partial in run ${a.partial ? 1 : 2} only` };
  }
  return item;
}

function etagItem(alias: string, a: ChannelReport | undefined, b: ChannelReport | undefined): ComparisonItem {
  const what = `etag ${alias}`;
  const ea = a?.etag;
  const eb = b?.etag;
  if (ea === eb) return { what, same: true };
  return { what, same: false, detail: `${ea ?? 'none'} vs ${eb ?? 'none'}` };
}

const COUNTS = [
  ['reads', 'reads'],
  ['bytesRead', 'bytes read'],
  ['writes', 'writes'],
  ['bytesWritten', 'bytes written'],
  ['quotaHits', 'EDQUOT'],
] as const;

function accountingItem(
  alias: string,
  a: ChannelReport | undefined,
  b: ChannelReport | undefined,
  skip: ReadonlySet<string> = new Set(),
): ComparisonItem {
  const what = `accounting ${alias}`;
  if (!a || !b) return { what, same: false, detail: `channel only in run ${a ? 1 : 2}` };
  const diffs = COUNTS.filter(([key]) => !skip.has(key) && a[key] !== b[key]).map(
    ([key, name]) => `${name} ${a[key].toLocaleString('en-US')} vs ${b[key].toLocaleString('en-US')}`,
  );
  return diffs.length === 0 ? { what, same: true } : { what, same: false, detail: diffs.join(', ') };
}

/** Keys of both lists, first-seen order (a's, then b's extras). */
function union<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): string[] {
  return [...new Set([...a.map(key), ...b.map(key)])];
}

/** How the two runs were made. */
export interface CompareOptions {
  /**
   * Run 2 read, as one batch, the input typed into run 1 line by line: the bytes are the same but not how
   * many reads took them, so /dev/stdin's read count is left out. @default false
   */
  replayedInput?: boolean;
}

/**
 * Compares two reports of the same project run twice: exit, console output, files written, etags and
 * per-channel accounting. With determinism on, ZeroVM promises they are identical.
 */
export function compareRuns(a: RunReport, b: RunReport, options: CompareOptions = {}): RunComparison {
  const items: ComparisonItem[] = [];
  const exitSame = a.state === b.state && a.exitCode === b.exitCode;
  items.push(
    exitSame
      ? { what: 'exit code', same: true }
      : { what: 'exit code', same: false, detail: `${exitOf(a)} vs ${exitOf(b)}` },
  );
  items.push(bytesItem('stdout', a.stdout, b.stdout));
  items.push(bytesItem('stderr', a.stderr, b.stderr));

  const byPath = (r: RunReport) => new Map(r.changes.map((c) => [c.path, c]));
  const [filesA, filesB] = [byPath(a), byPath(b)];
  for (const path of union(a.changes, b.changes, (c) => c.path).sort()) {
    items.push(fileItem(path, filesA.get(path), filesB.get(path)));
  }

  const byAlias = (r: RunReport) => new Map(r.channels.map((c) => [c.alias, c]));
  const [chA, chB] = [byAlias(a), byAlias(b)];
  const aliases = union(a.channels, b.channels, (c) => c.alias);
  for (const alias of aliases) {
    if (chA.get(alias)?.etag !== undefined || chB.get(alias)?.etag !== undefined) {
      items.push(etagItem(alias, chA.get(alias), chB.get(alias)));
    }
  }
  const replayed = new Set(options.replayedInput ? ['reads'] : []);
  for (const alias of aliases) {
    const skip = chA.get(alias)?.uri === '/dev/stdin' ? replayed : undefined;
    items.push(accountingItem(alias, chA.get(alias), chB.get(alias), skip));
  }

  return {
    identical: items.every((i) => i.same),
    items,
    deterministic: a.deterministic && b.deterministic,
  };
}
