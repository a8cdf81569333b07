import { describe, expect, it } from 'vitest';
import { ConsoleBuffer, formatBytes, SGR, toPlain, utf8Length } from './console-buffer.ts';
import { createRecordingTerminal } from './recording-terminal.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
/** "line 0001\n": 10 bytes. */
const numbered = (i: number) => `line ${String(i).padStart(4, '0')}\n`;
const lines = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => numbered(from + i)).join('');
const leftOut = (cap: number, size: string, count: string) =>
  `[… output capped at ${formatBytes(cap)}: ${size} (${count}) left out here. ` +
  'The whole stdout and stderr of a run are in the Report (Download stdout, Download stderr) …]';
/** Newlines of program output the buffer shows (its text less the left-out line and notices). */
const newlinesShown = (buffer: ConsoleBuffer) =>
  buffer
    .plainText()
    .split('\n')
    .filter((l) => !l.startsWith('[… output capped') && l !== 'finished with code 0').length - 1;

describe('ConsoleBuffer', () => {
  it('decodes a UTF-8 sequence split across chunks, per stream', () => {
    const buffer = new ConsoleBuffer();
    const euro = bytes('€'); // e2 82 ac
    const snow = bytes('☃');
    expect(buffer.write(euro.subarray(0, 1)).plain).toBe('');
    expect(buffer.write(snow.subarray(0, 2), 'stderr').plain).toBe('');
    expect(buffer.write(euro.subarray(1, 2)).plain).toBe('');
    expect(buffer.write(snow.subarray(2), 'stderr').plain).toBe('☃');
    expect(buffer.write(euro.subarray(2)).plain).toBe('€');
    expect(buffer.plainText()).toBe('☃€');
    expect(buffer.plainText()).not.toContain('\ufffd');
  });

  it('colours stderr but not stdout', () => {
    const buffer = new ConsoleBuffer();
    expect(buffer.write('out\n').display).toBe('out\n');
    expect(buffer.write(bytes('err\n'), 'stderr').display).toBe(`${SGR.stderr}err\n${SGR.reset}`);
    expect(buffer.plainText()).toBe('out\nerr\n');
  });

  it('puts a notice on a line of its own, with control characters neutralised', () => {
    const buffer = new ConsoleBuffer();
    buffer.write('no newline');
    const notice = buffer.notice('exit \x1b[2Jcode 1', 'error');
    expect(notice.display).toBe(`${SGR.error}\nexit  [2Jcode 1\n${SGR.reset}`);
    expect(buffer.notice('done', 'ok').plain).toBe('done\n');
    expect(buffer.plainText()).toBe('no newline\nexit  [2Jcode 1\ndone\n');
  });

  it('shows everything up to the cap, as it comes', () => {
    const buffer = new ConsoleBuffer(100);
    const text = 'x'.repeat(99) + '\n';
    expect(buffer.write(text).plain).toBe(text);
    expect(buffer.capped).toBe(false);
    expect(buffer.plainText()).toBe(text);
    expect(buffer.writtenBytes).toBe(100);
  });

  it('past the cap keeps the head and the tail, with one line saying exactly what was left out', () => {
    const buffer = new ConsoleBuffer(1000);
    const out: string[] = [];
    for (let i = 1; i <= 1000; i++) out.push(buffer.write(numbered(i)).plain);
    // 1000 lines of 10 bytes: the first 500 bytes (50 lines) are shown live, the last 500 kept in the tail.
    expect(out.slice(0, 100).join('')).toBe(lines(1, 100));
    expect(out.slice(101).join('')).toBe('');
    expect(buffer.capped).toBe(true);
    expect(buffer.droppedBytes).toBe(9000);
    expect(buffer.droppedLines).toBe(900);
    expect(buffer.writtenBytes).toBe(1000);
    expect(buffer.plainText()).toBe(
      `${lines(1, 50)}${leftOut(1000, '8.8 KiB', '900 lines')}\n${lines(951, 1000)}`,
    );
    expect(buffer.displayText()).toBe(
      `${lines(1, 50)}${SGR.capped}${leftOut(1000, '8.8 KiB', '900 lines')}\n${SGR.reset}${lines(951, 1000)}`,
    );
  });

  it('caps lines too, so head and tail fit the terminal scrollback', () => {
    const buffer = new ConsoleBuffer(1024 * 1024, 20);
    for (let i = 1; i <= 1000; i++) buffer.write(numbered(i));
    expect(buffer.plainText()).toBe(
      `${lines(1, 10)}${leftOut(1024 * 1024, '9.6 KiB', '980 lines')}\n${lines(991, 1000)}`,
    );
    expect(buffer.droppedBytes).toBe(9800);
    expect(buffer.droppedLines).toBe(980);
  });

  it('keeps UTF-8 valid when head, tail and left-out part cut through split multi-byte characters', () => {
    const buffer = new ConsoleBuffer(100);
    const text = '€😀é'.repeat(200); // 9 bytes each, no newline: cuts fall on character boundaries
    const all = new TextEncoder().encode(text);
    for (let i = 0; i < all.length; i += 2) buffer.write(all.subarray(i, i + 2));
    const [head, tail] = buffer.plainText().split(/\n?\[… output capped[^\n]*\n/);
    expect(head).not.toContain('\ufffd');
    expect(tail).not.toContain('\ufffd');
    expect(text.startsWith(head!)).toBe(true);
    expect(text.endsWith(tail!)).toBe(true);
    expect(utf8Length(head!) + utf8Length(tail!)).toBe(buffer.writtenBytes);
    expect(buffer.writtenBytes + buffer.droppedBytes).toBe(all.length);
    expect(utf8Length(head!)).toBeGreaterThanOrEqual(50);
    expect(utf8Length(tail!)).toBeLessThanOrEqual(50);
  });

  it('after a 200 MiB stdout flood, shows its first line, what was left out, and a last stderr line', () => {
    const buffer = new ConsoleBuffer();
    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    for (let i = 63; i < chunk.length; i += 64) chunk[i] = 0x0a; // 1,024 lines of 63 x's
    buffer.write('first line\n');
    const writes = 3200;
    for (let i = 0; i < writes; i++) buffer.write(chunk);
    buffer.write(new TextEncoder().encode('done\n'), 'stderr');
    buffer.notice('finished with code 0', 'ok');
    const total = 11 + writes * chunk.length + 5;
    expect(buffer.writtenBytes + buffer.droppedBytes).toBe(total);
    expect(buffer.droppedLines).toBe(1 + writes * 1024 + 1 - newlinesShown(buffer));
    const text = buffer.plainText();
    expect(text.startsWith(`first line\n${'x'.repeat(63)}\n`)).toBe(true);
    expect(text).toContain(`[… output capped at 1 MiB: ${formatBytes(buffer.droppedBytes)} (`);
    expect(buffer.droppedBytes).toBeGreaterThan(199 * 1024 * 1024);
    expect(text.endsWith(`${'x'.repeat(63)}\ndone\nfinished with code 0\n`)).toBe(true);
    expect(buffer.displayText()).toContain(`${SGR.stderr}done\n${SGR.reset}`);
    expect(utf8Length(text)).toBeLessThan(1024 * 1024 + 1024);
  });

  it('does not let a stdout flood push out earlier stderr, and keeps notices in order', () => {
    const buffer = new ConsoleBuffer(64 * 1024);
    buffer.write('start\n');
    const flood = `${'y'.repeat(99)}\n`.repeat(100);
    for (let i = 0; i < 50; i++) buffer.write(flood);
    buffer.write('error: disk on fire\n', 'stderr');
    buffer.notice('first notice');
    for (let i = 0; i < 50; i++) buffer.write(flood);
    buffer.notice('second notice', 'error');
    const text = buffer.plainText();
    const at = (s: string) => text.indexOf(s);
    expect(at('[… output capped')).toBeGreaterThan(0);
    expect(text).toContain('left out here; its stderr and notices follow.');
    expect(at('error: disk on fire')).toBeGreaterThan(at('[… output capped'));
    expect(at('first notice')).toBeGreaterThan(at('error: disk on fire'));
    expect(at('second notice')).toBe(text.length - 'second notice\n'.length);
    expect(buffer.writtenBytes + buffer.droppedBytes).toBe(6 + 100 * flood.length + 20);
  });

  it('keeps the most recent stderr when stderr floods too, within the cap', () => {
    const buffer = new ConsoleBuffer(4000, 1000);
    for (let i = 1; i <= 2000; i++) {
      buffer.write(numbered(i));
      buffer.write(`err ${String(i).padStart(5, '0')}\n`, 'stderr');
    }
    const text = buffer.plainText();
    expect(text).toContain('err 02000\n');
    expect(text).toContain('line 2000\n');
    expect(text).not.toContain('\ufffd');
    expect(buffer.writtenBytes).toBeLessThanOrEqual(4000);
    expect(buffer.writtenBytes + buffer.droppedBytes).toBe(2000 * 20);
  });

  it('takes a write larger than the cap without keeping it whole', () => {
    const buffer = new ConsoleBuffer(1000);
    const big = new TextEncoder().encode(lines(1, 1000));
    expect(buffer.write(big)).toEqual({ display: '', plain: '' });
    expect(buffer.plainText()).toBe(
      `${lines(1, 50)}${leftOut(1000, '8.8 KiB', '900 lines')}\n${lines(951, 1000)}`,
    );
  });

  it('clear() forgets head, tail and counts', () => {
    const buffer = new ConsoleBuffer(100);
    for (let i = 1; i <= 100; i++) buffer.write(numbered(i));
    buffer.write(bytes('€').subarray(0, 1));
    expect(buffer.capped).toBe(true);
    buffer.clear();
    expect(buffer.capped).toBe(false);
    expect(buffer.plainText()).toBe('');
    expect(buffer.droppedBytes).toBe(0);
    expect(buffer.writtenBytes).toBe(0);
    expect(buffer.write('fresh').plain).toBe('fresh');
    expect(buffer.plainText()).toBe('fresh');
  });

  it('keeps a flood of tiny writes intact', () => {
    const buffer = new ConsoleBuffer();
    for (let i = 0; i < 10_000; i++) buffer.write(i % 10 === 9 ? '\n' : 'x');
    expect(buffer.plainText()).toBe(`${'x'.repeat(9)}\n`.repeat(1000));
  });
});

describe('helpers', () => {
  it('formats byte counts', () => {
    expect(formatBytes(1024 * 1024)).toBe('1 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1)).toBe('1 byte');
  });

  it('measures UTF-8 like TextEncoder', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a\ud800b']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });

  it('strips escape sequences from the plain text', () => {
    expect(toPlain('\x1b[1;32mgreen\x1b[0m\r\n\x1b]0;title\x07bell\x07')).toBe('green\nbell');
  });
});

describe('createRecordingTerminal', () => {
  it('records calls and the text the console would show', () => {
    const terminal = createRecordingTerminal();
    terminal.write(bytes('hi '));
    terminal.write('oops\n', 'stderr');
    terminal.notice('exited with code 0', 'ok');
    expect(terminal.text()).toBe('hi oops\nexited with code 0\n');
    expect(terminal.output('stderr')).toBe('oops\n');
    expect(terminal.events.map((e) => e.type)).toEqual(['write', 'write', 'notice']);
    terminal.clear();
    expect(terminal.text()).toBe('');
    expect(terminal.events).toHaveLength(4);
  });
});
