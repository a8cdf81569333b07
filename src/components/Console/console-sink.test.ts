import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SGR } from './console-buffer.ts';
import { ConsoleSink, DISPLAY_CHUNK, MIRROR_INTERVAL_MS, REDRAW_INTERVAL_MS } from './console-sink.ts';

const CLEAR_SCREEN = '\x1bc\x1b[3J';

/** A terminal and a mirror that record what they get; the terminal processes each write at once. */
function targets() {
  const display: string[] = [];
  const mirror: string[] = [];
  return {
    display,
    mirror,
    displayTarget: {
      write: (data: string, done?: () => void) => {
        display.push(data);
        done?.();
      },
      focus: () => {},
    },
    mirrorTarget: { append: (text: string) => void mirror.push(text), clear: () => void mirror.splice(0) },
  };
}

/** What the terminal shows now: everything written since its last clear. */
const screen = (display: string[]) => {
  const all = display.join('');
  return all.slice(all.lastIndexOf(CLEAR_SCREEN) + (all.includes(CLEAR_SCREEN) ? CLEAR_SCREEN.length : 0));
};

/** A sink with a 1,000-byte cap, attached, after 200 lines of 10 bytes ("line 0001\n"...). */
function flooded(onCapped?: () => void) {
  const sink = new ConsoleSink(1000);
  sink.onCapped = onCapped;
  const t = targets();
  sink.attachDisplay(t.displayTarget);
  sink.attachMirror(t.mirrorTarget);
  for (let i = 1; i <= 200; i++) sink.write(`line ${String(i).padStart(4, '0')}\n`);
  return { sink, ...t };
}

describe('ConsoleSink', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('writes to the terminal at once and batches the mirror', () => {
    const sink = new ConsoleSink();
    const t = targets();
    sink.attachDisplay(t.displayTarget);
    sink.attachMirror(t.mirrorTarget);
    sink.write('a');
    sink.write(new TextEncoder().encode('b'), 'stderr');
    sink.notice('done', 'ok');
    expect(t.display).toEqual(['a', `${SGR.stderr}b${SGR.reset}`, `${SGR.ok}\ndone\n${SGR.reset}`]);
    expect(t.mirror).toEqual([]);
    vi.advanceTimersByTime(MIRROR_INTERVAL_MS);
    expect(t.mirror).toEqual(['ab\ndone\n']);
  });

  it('replays into a terminal and mirror attached later (a remount)', () => {
    const sink = new ConsoleSink();
    sink.write('before\n');
    const t = targets();
    sink.attachDisplay(t.displayTarget);
    sink.attachMirror(t.mirrorTarget);
    expect(t.display).toEqual(['before\n']);
    expect(t.mirror).toEqual(['before\n']);
  });

  it('clears through the write queue and resets the cap', () => {
    const sink = new ConsoleSink(4);
    const t = targets();
    sink.attachDisplay(t.displayTarget);
    sink.attachMirror(t.mirrorTarget);
    const onCapped = vi.fn();
    sink.onCapped = onCapped;
    sink.write('12345');
    sink.write('6');
    expect(onCapped).toHaveBeenCalledTimes(1);
    expect(sink.stats()).toEqual({ writtenBytes: 4, droppedBytes: 2, droppedLines: 0, capped: true });
    sink.capBytes = 10;
    sink.clear();
    expect(t.display.at(-1)).toBe(CLEAR_SCREEN);
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
    expect(t.display.at(-1)).toBe(CLEAR_SCREEN);
    sink.write('0123456789');
    expect(sink.stats()).toEqual({ writtenBytes: 10, droppedBytes: 0, droppedLines: 0, capped: false });
    sink.flush();
    expect(t.mirror).toEqual(['0123456789']);
  });

  it('hands a flood to the terminal in small writes, keeping surrogate pairs whole', () => {
    const sink = new ConsoleSink();
    const t = targets();
    sink.attachDisplay(t.displayTarget);
    const text = `${'a'.repeat(DISPLAY_CHUNK - 1)}😀${'b'.repeat(2 * DISPLAY_CHUNK)}`;
    sink.write(text);
    expect(t.display.join('')).toBe(text);
    expect(Math.max(...t.display.map((d) => d.length))).toBeLessThanOrEqual(DISPLAY_CHUNK);
    expect(t.display[0]).toBe('a'.repeat(DISPLAY_CHUNK - 1));
    const replay = targets();
    sink.attachDisplay(replay.displayTarget);
    expect(replay.display.join('')).toBe(text);
    expect(replay.display.length).toBeGreaterThan(2);
  });

  it('past the cap stops writing the flood, then redraws head, left-out line and tail, throttled', () => {
    const onCapped = vi.fn();
    const { sink, display, mirror } = flooded(onCapped);
    expect(onCapped).toHaveBeenCalledTimes(1);
    // Up to the cap (1,000 bytes: 100 lines) the output went to the terminal as it came.
    expect(display.join('')).toBe(lines(1, 100));
    const writes = display.length;
    for (let i = 201; i <= 1000; i++) sink.write(`line ${String(i).padStart(4, '0')}\n`);
    // Nothing more reaches the terminal until the redraw.
    expect(onCapped).toHaveBeenCalledTimes(1);
    expect(display.length).toBe(writes);
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
    expect(display[writes]).toBe(CLEAR_SCREEN);
    const shown = screen(display);
    expect(mirrorText(shown)).toBe(
      `${lines(1, 50)}[… output capped at 1000 bytes: 8.8 KiB (900 lines) left out here. ` +
        'The whole stdout and stderr of a run are in the Report (Download stdout, Download stderr) …]\n' +
        lines(951, 1000),
    );
    expect(mirror.join('')).toBe(mirrorText(shown));
    // One redraw per interval, however many writes came.
    const redraws = () => display.filter((d) => d === CLEAR_SCREEN).length;
    expect(redraws()).toBe(1);
    for (let i = 0; i < 100; i++) sink.write('more\n');
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS - 1);
    expect(redraws()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(redraws()).toBe(2);
    vi.advanceTimersByTime(10 * REDRAW_INTERVAL_MS);
    expect(redraws()).toBe(2);
  });

  it('settle() shows the final stderr and notices at once', () => {
    const { sink, display, mirror } = flooded();
    sink.write('done\n', 'stderr');
    sink.notice('finished with code 0', 'ok');
    sink.settle();
    const shown = screen(display);
    expect(shown.endsWith(`${SGR.stderr}done\n${SGR.reset}${SGR.ok}finished with code 0\n${SGR.reset}`)).toBe(
      true,
    );
    expect(mirror.join('').endsWith('line 0200\ndone\nfinished with code 0\n')).toBe(true);
    expect(mirror.join('')).toContain('line 0001\n');
    // Nothing left to redraw.
    const count = display.length;
    vi.advanceTimersByTime(10 * REDRAW_INTERVAL_MS);
    sink.settle();
    expect(display.length).toBe(count);
  });

  it('waits for the terminal to finish a redraw before the next one', () => {
    const sink = new ConsoleSink(100);
    const display: string[] = [];
    const pending: Array<() => void> = [];
    sink.attachDisplay({
      write: (data, done) => {
        display.push(data);
        if (done) pending.push(done);
      },
      focus: () => {},
    });
    for (let i = 0; i < 50; i++) sink.write('0123456789\n');
    sink.settle();
    expect(display.filter((d) => d === CLEAR_SCREEN)).toHaveLength(1);
    expect(pending).toHaveLength(1);
    sink.write('later\n');
    sink.settle();
    expect(display.filter((d) => d === CLEAR_SCREEN)).toHaveLength(1);
    pending.shift()!();
    expect(display.filter((d) => d === CLEAR_SCREEN)).toHaveLength(2);
    expect(screen(display).endsWith('later\n')).toBe(true);
  });

  it('replays head, left-out line and tail into a terminal attached later', () => {
    const { sink } = flooded();
    sink.notice('after the flood');
    const t = targets();
    sink.attachDisplay(t.displayTarget);
    sink.attachMirror(t.mirrorTarget);
    const text = t.mirror.join('');
    expect(text.startsWith('line 0001\n')).toBe(true);
    expect(text).toContain('left out here');
    expect(text.endsWith('line 0200\nafter the flood\n')).toBe(true);
    expect(mirrorText(t.display.join(''))).toBe(text);
  });

  it('clear() after a flood drops the pending redraw', () => {
    const { sink, display, mirror } = flooded();
    sink.clear();
    const count = display.length;
    vi.advanceTimersByTime(REDRAW_INTERVAL_MS);
    expect(display.length).toBe(count);
    expect(sink.stats()).toEqual({ writtenBytes: 0, droppedBytes: 0, droppedLines: 0, capped: false });
    sink.write('fresh\n');
    sink.flush();
    expect(mirror).toEqual(['fresh\n']);
  });
});

function lines(from: number, to: number): string {
  return Array.from({ length: to - from + 1 }, (_, i) => `line ${String(from + i).padStart(4, '0')}\n`).join(
    '',
  );
}

/** The terminal's text without colours (what the mirror holds). */
function mirrorText(display: string): string {
  // eslint-disable-next-line no-control-regex
  return display.replace(/\x1b\[[0-9;]*m/g, '');
}
