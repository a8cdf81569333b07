import { describe, expect, it } from 'vitest';
import {
  COUNTER_BYTES_WRITTEN,
  COUNTER_FIELDS,
  COUNTER_QUOTA_HITS,
  COUNTER_WRITES,
} from '../../engine/wasi/channel.ts';
import {
  MIN_BAR,
  channelMeterView,
  channelUseAt,
  formatBytes,
  formatCount,
  meterChannels,
  meterName,
  spokenBytes,
} from './meter-model.ts';
import type { ChannelUse } from './meter-model.ts';

const use = (extra: Partial<ChannelUse> = {}): ChannelUse => ({
  reads: 0,
  bytesRead: 0,
  writes: 0,
  bytesWritten: 0,
  quotaHits: 0,
  ...extra,
});

const stdout = { gets: 0, getSize: 0, puts: 16, putSize: 65536 };
const input = { gets: 100, getSize: 1000, puts: 0, putSize: 0 };
const both = { gets: 10, getSize: 100, puts: 10, putSize: 100 };

describe('formatting', () => {
  it('formats bytes in binary units, one decimal at most', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(107)).toBe('107 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(65536)).toBe('64 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(2_288_895)).toBe('2.2 MiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MiB');
    expect(formatBytes(2 ** 32)).toBe('4 GiB');
  });

  it('formats counts with separators, and 2^32 as a power', () => {
    expect(formatCount(200_000)).toBe('200,000');
    expect(formatCount(2 ** 32)).toBe('2³²');
  });

  it('spells small byte counts for screen readers', () => {
    expect(spokenBytes(1)).toBe('1 byte');
    expect(spokenBytes(107)).toBe('107 bytes');
    expect(spokenBytes(65536)).toBe('64 KiB');
  });

  it('names meters without the /dev/ prefix', () => {
    expect(meterName('/dev/stdout', 'write')).toBe('stdout writes');
    expect(meterName('/dev/input', 'read')).toBe('input reads');
    expect(meterName('/data/x', 'read')).toBe('/data/x reads');
  });
});

describe('channelMeterView', () => {
  it('shows only the directions the limits allow', () => {
    expect(channelMeterView(stdout, use()).read).toBeNull();
    expect(channelMeterView(stdout, use()).write).not.toBeNull();
    expect(channelMeterView(input, use()).write).toBeNull();
    expect(channelMeterView(input, use()).read).not.toBeNull();
    const none = channelMeterView({ gets: 5, getSize: 0, puts: 0, putSize: 9 }, use());
    expect(none.read).toBeNull();
    expect(none.write).toBeNull();
  });

  it('is empty before anything was used', () => {
    const view = channelMeterView(stdout, use()).write!;
    expect(view).toMatchObject({ fraction: 0, bar: 0, percent: 0, state: 'ok' });
    expect(view.text).toBe('0 / 16 writes · 0 B / 64 KiB');
  });

  it('is driven by calls or bytes, whichever is closer to its limit, and shows both', () => {
    const byCalls = channelMeterView(stdout, use({ writes: 3, bytesWritten: 107 })).write!;
    expect(byCalls.fraction).toBeCloseTo(3 / 16);
    expect(byCalls.percent).toBe(18.8);
    expect(byCalls.text).toBe('3 / 16 writes · 107 B / 64 KiB');
    expect(byCalls.valueText).toBe('3 of 16 writes, 107 bytes of 64 KiB');

    const byBytes = channelMeterView(input, use({ reads: 1, bytesRead: 750 })).read!;
    expect(byBytes.fraction).toBe(0.75);
    expect(byBytes.text).toBe('1 / 100 reads · 750 B / 1000 B');
    expect(byBytes.valueText).toBe('1 of 100 reads, 750 bytes of 1000 bytes');
  });

  it('draws a sliver for tiny use of a huge quota', () => {
    const huge = { gets: 0, getSize: 0, puts: 2 ** 32, putSize: 2 ** 32 };
    const view = channelMeterView(huge, use({ writes: 1, bytesWritten: 6 })).write!;
    expect(view.fraction).toBeLessThan(MIN_BAR);
    expect(view.bar).toBe(MIN_BAR);
    expect(view.percent).toBe(0);
    expect(view.text).toBe('1 / 2³² writes · 6 B / 4 GiB');
  });

  it('is full without refusals when a quota is exactly used up', () => {
    const view = channelMeterView(stdout, use({ writes: 16, bytesWritten: 16 }));
    expect(view.write).toMatchObject({ fraction: 1, bar: 1, percent: 100, state: 'full' });
    expect(view.edquot).toBe('');
  });

  it('turns red with the EDQUOT count on the spent side', () => {
    const view = channelMeterView(both, use({ reads: 2, bytesRead: 20, writes: 10, quotaHits: 7 }));
    expect(view.write!.state).toBe('hit');
    expect(view.read!.state).toBe('ok');
    expect(view.quotaHits).toBe(7);
    expect(view.edquot).toBe('EDQUOT ×7');
    expect(view.write!.valueText).toBe('10 of 10 writes, 0 bytes of 100 bytes; 7 refused with EDQUOT');
  });

  it('blames both sides when both are spent, and every side when neither is', () => {
    const spent = channelMeterView(both, use({ reads: 10, writes: 10, quotaHits: 2 }));
    expect([spent.read!.state, spent.write!.state]).toEqual(['hit', 'hit']);
    const odd = channelMeterView(both, use({ reads: 1, quotaHits: 1 }));
    expect([odd.read!.state, odd.write!.state]).toEqual(['hit', 'hit']);
  });
});

describe('channelUseAt', () => {
  it('reads one channel from the engine counter layout', () => {
    const counters = new Float64Array(2 * COUNTER_FIELDS);
    counters[COUNTER_FIELDS + COUNTER_WRITES] = 3;
    counters[COUNTER_FIELDS + COUNTER_BYTES_WRITTEN] = 107;
    counters[COUNTER_FIELDS + COUNTER_QUOTA_HITS] = 7;
    expect(channelUseAt(counters, 1)).toEqual(use({ writes: 3, bytesWritten: 107, quotaHits: 7 }));
    expect(channelUseAt(counters, 0)).toEqual(use());
  });

  it('counts missing slots as zero', () => {
    expect(channelUseAt(new Float64Array(0), 4)).toEqual(use());
  });
});

describe('meterChannels', () => {
  it("groups a manifest channel's limits", () => {
    const spec = { uri: 'data.txt', alias: '/dev/input', type: 0, etag: false, line: 3, ...input } as const;
    expect(meterChannels([spec])).toEqual([{ alias: '/dev/input', uri: 'data.txt', limits: input }]);
  });
});
