import { describe, expect, it } from 'vitest';
import { MAX_MIDDLE_NOTICES, OutputTail, afterNewlines, countNewlines } from './output-tail.ts';
import type { TailPiece } from './output-tail.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (pieces: readonly TailPiece[]) =>
  pieces
    .map((p) =>
      p.kind === 'notice' ? `<${p.text}>` : new TextDecoder().decode(p.bytes.subarray(p.start, p.end)),
    )
    .join('');

describe('OutputTail', () => {
  it('keeps the last bytes on whole lines and counts what it leaves out', () => {
    const tail = new OutputTail({ bytes: 20, lines: 100 });
    tail.push('stdout', bytes('aaaa\nbbbb\ncccc\ndddd\neeee\n'));
    expect(tail.capped).toBe(true);
    expect(text(tail.pieces())).toBe('bbbb\ncccc\ndddd\neeee\n');
    expect([tail.omittedBytes, tail.omittedLines, tail.keptBytes, tail.keptLines]).toEqual([5, 1, 20, 4]);
    // A cut inside a line moves on to the next line start.
    tail.push('stdout', bytes('ff'));
    expect(text(tail.pieces())).toBe('cccc\ndddd\neeee\nff');
    expect(tail.omittedBytes + tail.keptBytes).toBe(27);
  });

  it('keeps the last lines when lines are the tighter limit', () => {
    const tail = new OutputTail({ bytes: 1000, lines: 2 });
    for (const line of ['1\n', '2\n', '3\n', '4\n']) tail.push('stdout', bytes(line));
    expect(text(tail.pieces())).toBe('3\n4\n');
    expect(tail.omittedLines).toBe(2);
  });

  it('moves stderr out of the way of stdout, keeping its most recent bytes within its share', () => {
    const tail = new OutputTail({ bytes: 40, lines: 100, stderrBytes: 10 });
    tail.push('stderr', bytes('e1\n'));
    tail.push('stderr', bytes('e2\n'));
    tail.push('stderr', bytes('e3\ne4\n'));
    tail.push('stdout', bytes(`${'x'.repeat(39)}\n`));
    expect(text(tail.middle())).toBe('e2\ne3\ne4\n');
    expect(text(tail.pieces())).toBe('');
    expect(tail.keptBytes).toBeLessThanOrEqual(40);
    expect(tail.omittedBytes + tail.keptBytes).toBe(52);
  });

  it('keeps at most MAX_MIDDLE_NOTICES notices from the left-out part, counting the rest', () => {
    const tail = new OutputTail({ bytes: 10, lines: 100 });
    for (let i = 0; i < MAX_MIDDLE_NOTICES + 5; i++) {
      tail.pushNotice(`n${i}`, 'info');
      tail.push('stdout', bytes('0123456789'));
    }
    const notices = tail.middle().filter((p) => p.kind === 'notice');
    expect(notices).toHaveLength(MAX_MIDDLE_NOTICES);
    expect(notices[0]).toMatchObject({ text: 'n4' });
    expect(tail.omittedNotices).toBe(4);
    expect(text(tail.pieces())).toBe('<n104>0123456789');
  });

  it('counts a write larger than the cap without keeping its front', () => {
    const tail = new OutputTail({ bytes: 6, lines: 100 });
    tail.push('stdout', bytes('old\n'));
    tail.push('stdout', bytes('a\nb\nc\nd\ne\nf\n'));
    expect(text(tail.pieces())).toBe('d\ne\nf\n');
    expect([tail.omittedBytes, tail.omittedLines]).toEqual([10, 4]);
  });
});

describe('newline helpers', () => {
  it('count and skip newlines', () => {
    const b = bytes('a\nb\n\nc');
    expect(countNewlines(b)).toBe(3);
    expect(afterNewlines(b, 0, b.length, 2)).toBe(4);
    expect(afterNewlines(b, 0, b.length, 9)).toBe(b.length);
    expect(afterNewlines(b, 0, 3, 2)).toBe(3);
  });
});
