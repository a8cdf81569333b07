import { describe, expect, it } from 'vitest';
import { ConsoleBuffer, formatBytes, SGR, toPlain, utf8Length } from './console-buffer.ts';
import { createRecordingTerminal } from './recording-terminal.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const CAPPED =
  "[output capped at 1 MiB: the console keeps the first 1 MiB; the full output is in the run's channel data]";

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

  it('stops at the cap, prints the capped line once, and keeps counting', () => {
    const buffer = new ConsoleBuffer();
    const chunk = new Uint8Array(300 * 1024).fill(0x61);
    for (let i = 0; i < 3; i++) expect(buffer.write(chunk).plain).toHaveLength(300 * 1024);
    const fourth = buffer.write(chunk, 'stderr');
    expect(fourth.plain).toBe(`${'a'.repeat(124 * 1024)}\n${CAPPED}\n`);
    expect(buffer.capped).toBe(true);
    expect(buffer.writtenBytes).toBe(1024 * 1024);
    expect(buffer.droppedBytes).toBe(176 * 1024);
    expect(buffer.write('more')).toEqual({ display: '', plain: '' });
    expect(buffer.droppedBytes).toBe(176 * 1024 + 4);
    expect(buffer.notice('dropped 176 KiB').plain).toBe('dropped 176 KiB\n');
    const text = buffer.plainText();
    expect(text.split(CAPPED)).toHaveLength(2);
    buffer.clear();
    expect(buffer.capped).toBe(false);
    expect(buffer.write('fresh').plain).toBe('fresh');
  });

  it('cuts a string at a character boundary when it crosses the cap', () => {
    const buffer = new ConsoleBuffer(5);
    const out = buffer.write('ab€€');
    expect(out.plain).toBe(
      "ab€\n[output capped at 5 bytes: the console keeps the first 5 bytes; the full output is in the run's channel data]\n",
    );
    expect(buffer.droppedBytes).toBe(3);
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
