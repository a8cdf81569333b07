import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SGR } from './console-buffer.ts';
import { ConsoleSink, DISPLAY_CHUNK, MIRROR_INTERVAL_MS } from './console-sink.ts';

function targets() {
  const display: string[] = [];
  const mirror: string[] = [];
  return {
    display,
    mirror,
    displayTarget: { write: (data: string) => void display.push(data), focus: () => {} },
    mirrorTarget: { append: (text: string) => void mirror.push(text), clear: () => void mirror.splice(0) },
  };
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
    expect(sink.stats()).toEqual({ writtenBytes: 4, droppedBytes: 2, capped: true });
    sink.capBytes = 10;
    sink.clear();
    expect(t.display.at(-1)).toBe('\x1bc\x1b[3J');
    sink.write('0123456789');
    expect(sink.stats()).toEqual({ writtenBytes: 10, droppedBytes: 0, capped: false });
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
});
