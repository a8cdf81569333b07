import { describe, expect, it } from 'vitest';
import { LineEditor, charWidth } from './line-editor.ts';

describe('LineEditor', () => {
  it('echoes typed characters and sends the line on Enter, newline included', () => {
    const editor = new LineEditor();
    expect(editor.feed('4')).toEqual([{ kind: 'echo', text: '4' }]);
    expect(editor.feed('2')).toEqual([{ kind: 'echo', text: '2' }]);
    expect(editor.pending).toBe('42');
    expect(editor.feed('\r')).toEqual([
      { kind: 'echo', text: '\n' },
      { kind: 'line', text: '42\n' },
    ]);
    expect(editor.pending).toBe('');
    expect(editor.feed('\r')).toEqual([
      { kind: 'echo', text: '\n' },
      { kind: 'line', text: '\n' },
    ]);
  });

  it('Backspace erases the last character on screen and in the line, and does nothing on an empty line', () => {
    const editor = new LineEditor();
    editor.feed('abc');
    expect(editor.feed('\x7f')).toEqual([{ kind: 'echo', text: '\b \b' }]);
    expect(editor.pending).toBe('ab');
    expect(editor.feed('\x7f\x7f\x7f\x7f')).toEqual([{ kind: 'echo', text: '\b \b\b \b' }]);
    expect(editor.pending).toBe('');
    expect(editor.feed('é漢\x7f')).toEqual([{ kind: 'echo', text: 'é漢\b\b  \b\b' }]);
    expect(editor.pending).toBe('é');
  });

  it('a paste of several lines sends each complete line and keeps the trailing partial one', () => {
    const editor = new LineEditor();
    editor.feed('x');
    expect(editor.feed('1\r2\r\n3\nfour')).toEqual([
      { kind: 'echo', text: '1\n' },
      { kind: 'line', text: 'x1\n' },
      { kind: 'echo', text: '2\n' },
      { kind: 'line', text: '2\n' },
      { kind: 'echo', text: '3\n' },
      { kind: 'line', text: '3\n' },
      { kind: 'echo', text: 'four' },
    ]);
    expect(editor.pending).toBe('four');
  });

  it('Ctrl-D ends the input with the pending partial line first; nothing after it counts', () => {
    const editor = new LineEditor();
    editor.feed('par');
    expect(editor.feed('t\x04more\r')).toEqual([
      { kind: 'echo', text: 't' },
      { kind: 'end', text: 'part' },
    ]);
    expect(editor.pending).toBe('');
    expect(new LineEditor().feed('\x04')).toEqual([{ kind: 'end', text: '' }]);
  });

  it('Ctrl-C interrupts, showing ^C, and drops the partial line', () => {
    const editor = new LineEditor();
    editor.feed('half');
    expect(editor.feed('\x03')).toEqual([
      { kind: 'echo', text: '^C\n' },
      { kind: 'interrupt', text: 'half' },
    ]);
    expect(editor.pending).toBe('');
  });

  it('Ctrl-U erases the line; arrows, function keys and other controls are ignored', () => {
    const editor = new LineEditor();
    editor.feed('abc');
    expect(editor.feed('\x15')).toEqual([{ kind: 'echo', text: '\b \b\b \b\b \b' }]);
    expect(editor.feed('\x1b[A\x1b[1;5C\x1bOP\x1bx\x07\x1b')).toEqual([]);
    expect(editor.feed('ok\x1b[D!')).toEqual([{ kind: 'echo', text: 'ok!' }]);
    expect(editor.pending).toBe('ok!');
    editor.reset();
    expect(editor.pending).toBe('');
  });

  it('keeps emoji (surrogate pairs) whole', () => {
    const editor = new LineEditor();
    editor.feed('a🙂');
    expect(editor.feed('\x7f')).toEqual([{ kind: 'echo', text: '\b\b  \b\b' }]);
    expect(editor.pending).toBe('a');
  });
});

describe('charWidth', () => {
  it('is 2 for wide characters and 1 otherwise', () => {
    expect(['a', 'é', 'ж'].map((c) => charWidth(c.codePointAt(0)!))).toEqual([1, 1, 1]);
    expect(['漢', '가', '🙂', 'Ａ'].map((c) => charWidth(c.codePointAt(0)!))).toEqual([2, 2, 2, 2]);
  });
});
