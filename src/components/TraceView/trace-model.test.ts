import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../engine/wasi/trace.ts';
import {
  channelsOf,
  countByCall,
  countErrors,
  filterTrace,
  formatBytes,
  formatResult,
  formatSummary,
  formatTime,
} from './trace-model.ts';

const entry = (seq: number, call: string, more: Partial<TraceEntry> = {}): TraceEntry => ({
  seq,
  call,
  args: [],
  errno: 0,
  time: seq / 10,
  ...more,
});

const sample: TraceEntry[] = [
  entry(0, 'fd_prestat_get', { args: [3, 1024], channel: '/' }),
  entry(1, 'path_open', { channel: '/', path: 'data/Input.txt' }),
  entry(2, 'fd_read', { channel: '/dev/stdin', bytes: 12 }),
  entry(3, 'fd_write', { channel: '/dev/stdout', bytes: 5 }),
  entry(4, 'fd_write', { channel: '/dev/stdout', errno: 19 }),
  entry(5, 'fd_write', { channel: '/dev/stderr', bytes: 2 }),
  entry(6, 'proc_exit', { args: [0], errno: -1 }),
];

describe('countByCall', () => {
  it('counts calls and errors, most frequent first, ties by name', () => {
    expect(countByCall(sample)).toEqual([
      { call: 'fd_write', count: 3, errors: 1 },
      { call: 'fd_prestat_get', count: 1, errors: 0 },
      { call: 'fd_read', count: 1, errors: 0 },
      { call: 'path_open', count: 1, errors: 0 },
      { call: 'proc_exit', count: 1, errors: 0 },
    ]);
    expect(countByCall([])).toEqual([]);
  });
});

describe('channelsOf', () => {
  it('lists each channel once, sorted', () => {
    expect(channelsOf(sample)).toEqual(['/', '/dev/stderr', '/dev/stdin', '/dev/stdout']);
  });
});

describe('filterTrace', () => {
  const pick = (filter: Parameters<typeof filterTrace>[1]) => [...filterTrace(sample, filter)];

  it('keeps everything without a filter', () => {
    expect(pick({})).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pick({ calls: new Set(), channel: null, text: '  ' })).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('filters by call names, channel and errors', () => {
    expect(pick({ calls: new Set(['fd_write', 'fd_read']) })).toEqual([2, 3, 4, 5]);
    expect(pick({ channel: '/dev/stdout' })).toEqual([3, 4]);
    expect(pick({ channel: '/dev/nowhere' })).toEqual([]);
    expect(pick({ errorsOnly: true })).toEqual([4]);
    expect(pick({ calls: new Set(['fd_write']), channel: '/dev/stderr' })).toEqual([5]);
  });

  it('matches text in the call, channel, path and result name, ignoring case', () => {
    expect(pick({ text: 'WRITE' })).toEqual([3, 4, 5]);
    expect(pick({ text: 'stdin' })).toEqual([2]);
    expect(pick({ text: 'input.TXT' })).toEqual([1]);
    expect(pick({ text: 'edquot' })).toEqual([4]);
    expect(pick({ text: 'zzz' })).toEqual([]);
  });

  it('filters a million-entry trace correctly', () => {
    const calls = ['fd_write', 'fd_read', 'clock_time_get', 'fd_seek'];
    const channels = ['/dev/stdout', '/dev/stdin', undefined, '/data'];
    const n = 1_000_000;
    const big: TraceEntry[] = new Array<TraceEntry>(n);
    for (let i = 0; i < n; i++) {
      const k = i % 4;
      big[i] = {
        seq: i,
        call: calls[k]!,
        args: [1, 2, 3, 4],
        errno: i % 1000 === 999 ? 19 : 0,
        time: i / 1000,
        ...(channels[k] !== undefined ? { channel: channels[k] } : {}),
      };
    }
    const all = filterTrace(big);
    expect(all.length).toBe(n);
    expect(all[n - 1]).toBe(n - 1);

    const writes = filterTrace(big, { calls: new Set(['fd_write']) });
    expect(writes.length).toBe(n / 4);
    expect(writes[0]).toBe(0);
    expect(writes[writes.length - 1]).toBe(n - 4);

    // i % 1000 === 999 is always i % 4 === 3: fd_seek on /data.
    const errors = filterTrace(big, { errorsOnly: true, channel: '/data', text: 'SEEK' });
    expect(errors.length).toBe(1000);
    expect([...errors.slice(0, 2)]).toEqual([999, 1999]);
    expect(filterTrace(big, { errorsOnly: true, calls: new Set(['fd_write']) }).length).toBe(0);

    expect(countByCall(big).map((c) => [c.call, c.count, c.errors])).toEqual([
      ['clock_time_get', 250_000, 0],
      ['fd_read', 250_000, 0],
      ['fd_seek', 250_000, 1000],
      ['fd_write', 250_000, 0],
    ]);
    expect(countErrors(big)).toBe(1000);
    expect(channelsOf(big)).toEqual(['/data', '/dev/stdin', '/dev/stdout']);
  });
});

describe('row formatting', () => {
  it('formats time, result, bytes and the summary', () => {
    expect(formatTime(12.3451)).toBe('12.345 ms');
    expect(formatTime(0)).toBe('0.000 ms');
    expect(formatResult(0)).toBe('SUCCESS');
    expect(formatResult(19)).toBe('EDQUOT');
    expect(formatResult(-1)).toBe('—');
    expect(formatBytes(undefined)).toBe('');
    expect(formatBytes(1048576)).toBe('1,048,576');
    expect(formatSummary(1234, 3, 12)).toBe('1,234 calls, 3 errors; showing 12');
    expect(formatSummary(1, 1, 1)).toBe('1 call, 1 error; showing 1');
  });
});
