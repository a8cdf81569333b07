import { describe, expect, it } from 'vitest';
import type { ChannelReport, RunReport } from '../engine/run/report.ts';
import { compareRuns, firstDifference } from './compare-runs.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

const channel = (alias: string, extra: Partial<ChannelReport> = {}): ChannelReport => ({
  alias,
  uri: alias,
  type: 0,
  limits: { gets: 0, getSize: 0, puts: 16, putSize: 65536 },
  reads: 0,
  bytesRead: 0,
  writes: 1,
  bytesWritten: 6,
  quotaHits: 0,
  ...extra,
});

const report = (extra: Partial<RunReport> = {}): RunReport => ({
  state: 'ok',
  exitCode: 0,
  message: 'finished with code 0',
  argv: ['prog'],
  env: [],
  channels: [channel('/dev/stdout', { etag: 'aa11' }), channel('/dev/stderr')],
  stdout: text('hello\n'),
  stderr: new Uint8Array(0),
  changes: [{ path: 'out.txt', data: text('result') }],
  wallMs: 1.5,
  peakMemoryBytes: 65536,
  memoryLimitBytes: 1 << 20,
  deterministic: true,
  ...extra,
});

const differing = (a: RunReport, b: RunReport) =>
  compareRuns(a, b)
    .items.filter((i) => !i.same)
    .map((i) => `${i.what}: ${i.detail}`);

describe('firstDifference', () => {
  it('is undefined for equal bytes', () => {
    expect(firstDifference(text('abc'), text('abc'))).toBeUndefined();
    expect(firstDifference(new Uint8Array(0), new Uint8Array(0))).toBeUndefined();
  });

  it('names the first differing byte', () => {
    expect(firstDifference(text('abcd'), text('abXd'))).toBe('first difference at byte 2');
  });

  it('names where the shorter one ends', () => {
    expect(firstDifference(text('ab'), text('abcd'))).toBe(
      'first difference at byte 2 (run 1: 2 bytes, run 2: 4)',
    );
  });
});

describe('compareRuns', () => {
  it('finds identical runs identical, and lists what it compared', () => {
    const result = compareRuns(report(), report({ wallMs: 9 }));
    expect(result.identical).toBe(true);
    expect(result.deterministic).toBe(true);
    expect(result.items.map((i) => i.what)).toEqual([
      'exit code',
      'stdout',
      'stderr',
      'file out.txt',
      'etag /dev/stdout',
      'accounting /dev/stdout',
      'accounting /dev/stderr',
    ]);
  });

  it('reports different output with the byte offset', () => {
    const b = report({ stdout: text('hellO\n') });
    expect(compareRuns(report(), b).identical).toBe(false);
    expect(differing(report(), b)).toEqual(['stdout: first difference at byte 4']);
  });

  it('reports different etags with both values', () => {
    const b = report({ channels: [channel('/dev/stdout', { etag: 'bb22' }), channel('/dev/stderr')] });
    expect(differing(report(), b)).toEqual(['etag /dev/stdout: aa11 vs bb22']);
  });

  it('reports an etag missing from one run (a killed run has none)', () => {
    const b = report({ channels: [channel('/dev/stdout'), channel('/dev/stderr')] });
    expect(differing(report(), b)).toEqual(['etag /dev/stdout: aa11 vs none']);
  });

  it('reports a different exit', () => {
    const b = report({ state: 'timeout', exitCode: null });
    expect(differing(report(), b)).toEqual(['exit code: code 0 vs timeout']);
    const c = report({ state: 'exit', exitCode: 3 });
    expect(differing(report(), c)).toEqual(['exit code: code 0 vs code 3']);
  });

  it('compares files written, removed, partial or written by one run only', () => {
    const written = report({ changes: [{ path: 'out.txt', data: text('resulT') }] });
    expect(differing(report(), written)).toEqual(['file out.txt: first difference at byte 5']);
    const removed = report({ changes: [{ path: 'out.txt', data: null }] });
    expect(differing(report(), removed)).toEqual(['file out.txt: run 1: written, run 2: removed']);
    const none = report({ changes: [] });
    expect(differing(report(), none)).toEqual(['file out.txt: run 1: written, run 2: left unchanged']);
    const partial = report({ changes: [{ path: 'out.txt', data: text('result'), partial: true }] });
    expect(differing(report(), partial)).toEqual(['file out.txt: partial in run 2 only']);
    const bothRemoved = report({ changes: [{ path: 'out.txt', data: null }] });
    expect(compareRuns(bothRemoved, removed).identical).toBe(true);
  });

  it('lists files in path order', () => {
    const a = report({
      changes: [
        { path: 'z.txt', data: text('1') },
        { path: 'a.txt', data: text('2') },
      ],
    });
    const whats = compareRuns(a, a).items.map((i) => i.what);
    expect(whats.filter((w) => w.startsWith('file '))).toEqual(['file a.txt', 'file z.txt']);
  });

  it('reports different accounting', () => {
    const b = report({
      channels: [
        channel('/dev/stdout', { etag: 'aa11', writes: 2, bytesWritten: 6 }),
        channel('/dev/stderr'),
      ],
    });
    expect(differing(report(), b)).toEqual(['accounting /dev/stdout: writes 1 vs 2']);
  });

  it('with input typed in run 1 replayed as run 2 stdin, leaves out how many reads took it', () => {
    const typed = report({ channels: [channel('/dev/stdin', { reads: 4, bytesRead: 6, writes: 0 })] });
    const batch = report({ channels: [channel('/dev/stdin', { reads: 2, bytesRead: 6, writes: 0 })] });
    expect(compareRuns(typed, batch, { replayedInput: true }).identical).toBe(true);
    expect(differing(typed, batch)).toEqual(['accounting /dev/stdin: reads 4 vs 2']);
    const short = report({ channels: [channel('/dev/stdin', { reads: 2, bytesRead: 3, writes: 0 })] });
    const items = compareRuns(typed, short, { replayedInput: true }).items.filter((i) => !i.same);
    expect(items.map((i) => i.detail)).toEqual(['bytes read 6 vs 3']);
  });

  it('says when determinism was off in either run', () => {
    expect(compareRuns(report(), report({ deterministic: false })).deterministic).toBe(false);
  });
});
