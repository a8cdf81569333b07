import { describe, expect, it } from 'vitest';
import { COUNTER_FIELDS, COUNTER_QUOTA_HITS, COUNTER_WRITES } from '../../engine/wasi/channel.ts';
import { MeterPainter } from './meter-painter.ts';
import type { FrameScheduler, MeterNodes, PaintTarget, RowNodes } from './meter-painter.ts';

/** A stand-in for an element: attributes, classes, text and a style. */
class FakeNode implements PaintTarget {
  attrs = new Map<string, string>();
  classes = new Set<string>();
  textContent: string | null = '';
  hidden = true;
  style = { transform: '' };
  textWrites = 0;
  setAttribute(name: string, value: string): void {
    this.attrs.set(name, value);
  }
  classList = {
    toggle: (token: string, force?: boolean): boolean => {
      const on = force ?? !this.classes.has(token);
      if (on) this.classes.add(token);
      else this.classes.delete(token);
      return on;
    },
  };
}

const meterNodes = () => ({ meter: new FakeNode(), fill: new FakeNode(), text: new FakeNode() });
const rowNodes = (read: boolean, write: boolean) => ({
  row: new FakeNode(),
  edquot: new FakeNode(),
  read: read ? meterNodes() : null,
  write: write ? meterNodes() : null,
});

/** Frames that run only when the test says so. */
class ManualFrames implements FrameScheduler {
  waiting = new Map<number, () => void>();
  private next = 1;
  request(callback: () => void): number {
    this.waiting.set(this.next, callback);
    return this.next++;
  }
  cancel(id: number): void {
    this.waiting.delete(id);
  }
  flush(): void {
    const callbacks = [...this.waiting.values()];
    this.waiting.clear();
    callbacks.forEach((c) => c());
  }
}

const stdoutLimits = { gets: 0, getSize: 0, puts: 3, putSize: 65536 };
const inputLimits = { gets: 10, getSize: 100, puts: 0, putSize: 0 };

function setup() {
  const frames = new ManualFrames();
  const painter = new MeterPainter(frames);
  const rows = [rowNodes(true, false), rowNodes(false, true)];
  painter.attach(rows as RowNodes[], [inputLimits, stdoutLimits]);
  const write = rows[1]!.write as unknown as Record<keyof MeterNodes, FakeNode>;
  return { frames, painter, rows, write };
}

const counters = (writes: number, hits = 0): Float64Array => {
  const c = new Float64Array(2 * COUNTER_FIELDS);
  c[COUNTER_FIELDS + COUNTER_WRITES] = writes;
  c[COUNTER_FIELDS + COUNTER_QUOTA_HITS] = hits;
  return c;
};

describe('MeterPainter', () => {
  it('paints live counters once per frame, with the values current at that frame', () => {
    const { frames, painter, write } = setup();
    const live = counters(1);
    painter.schedule(live);
    painter.schedule(live);
    expect(frames.waiting.size).toBe(1);
    expect(write.text.textContent).toBe('');
    live[COUNTER_FIELDS + COUNTER_WRITES] = 2;
    frames.flush();
    expect(write.text.textContent).toBe('2 / 3 writes · 0 B / 64 KiB');
    expect(write.meter.attrs.get('aria-valuenow')).toBe('66.7');
    expect(write.meter.attrs.get('aria-valuetext')).toBe('2 of 3 writes, 0 bytes of 64 KiB');
    expect(write.fill.style.transform).toBe(`scaleX(${2 / 3})`);
  });

  it('marks a refused quota red with the EDQUOT count', () => {
    const { frames, painter, rows, write } = setup();
    painter.schedule(counters(3, 7));
    frames.flush();
    expect(write.meter.classes.has('meter-hit')).toBe(true);
    const row = rows[1]! as unknown as { row: FakeNode; edquot: FakeNode };
    expect(row.row.classes.has('meters-row-hit')).toBe(true);
    expect(row.edquot.textContent).toBe('EDQUOT ×7');
    expect(row.edquot.hidden).toBe(false);
  });

  it('paints final numbers at once and drops a waiting frame', () => {
    const { frames, painter, write } = setup();
    painter.schedule(counters(1));
    painter.paintFinal([
      { reads: 0, bytesRead: 0, writes: 0, bytesWritten: 0, quotaHits: 0 },
      { reads: 0, bytesRead: 0, writes: 3, bytesWritten: 12, quotaHits: 0 },
    ]);
    expect(frames.waiting.size).toBe(0);
    expect(write.text.textContent).toBe('3 / 3 writes · 12 B / 64 KiB');
    expect(write.meter.classes.has('meter-full')).toBe(true);
  });

  it('resets to zeros', () => {
    const { frames, painter, rows, write } = setup();
    painter.schedule(counters(3, 1));
    frames.flush();
    painter.reset();
    expect(write.text.textContent).toBe('0 / 3 writes · 0 B / 64 KiB');
    expect(write.meter.classes.has('meter-hit')).toBe(false);
    expect((rows[1]!.edquot as FakeNode).hidden).toBe(true);
    expect((rows[0]!.read!.text as FakeNode).textContent).toBe('0 / 10 reads · 0 B / 100 B');
  });
});
