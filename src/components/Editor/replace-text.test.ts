import { describe, expect, it } from 'vitest';
import { changedSpan, type EditableText, replaceText } from './replace-text.ts';

/** A plain-string stand-in for a Monaco model: 1-based positions, edits applied as Monaco would. */
class FakeModel implements EditableText {
  undoStops = 0;
  edits: string[] = [];
  constructor(
    public text: string,
    private readonly eol = '\n',
  ) {}
  getValue(): string {
    return this.text;
  }
  getEOL(): string {
    return this.eol;
  }
  getPositionAt(offset: number) {
    const lines = this.text.slice(0, offset).split(this.eol);
    return { lineNumber: lines.length, column: (lines.at(-1) ?? '').length + 1 };
  }
  private offsetAt(lineNumber: number, column: number): number {
    const lines = this.text.split(this.eol).slice(0, lineNumber - 1);
    return lines.reduce((sum, line) => sum + line.length + this.eol.length, 0) + column - 1;
  }
  pushStackElement(): void {
    this.undoStops++;
  }
  pushEditOperations(
    _before: null,
    edits: Parameters<EditableText['pushEditOperations']>[1],
    _computer: () => null,
  ): null {
    for (const { range, text } of edits) {
      const start = this.offsetAt(range.startLineNumber, range.startColumn);
      const end = this.offsetAt(range.endLineNumber, range.endColumn);
      this.edits.push(`${start}-${end}:${text}`);
      this.text = this.text.slice(0, start) + text + this.text.slice(end);
    }
    return null;
  }
}

describe('changedSpan', () => {
  it('finds the differing middle', () => {
    expect(changedSpan('hello world', 'hello brave world')).toEqual({ start: 6, endBefore: 6, endAfter: 12 });
    expect(changedSpan('abc', 'abc')).toEqual({ start: 3, endBefore: 3, endAfter: 3 });
    expect(changedSpan('aXa', 'aa')).toEqual({ start: 1, endBefore: 2, endAfter: 1 });
  });

  it('never splits a surrogate pair', () => {
    const span = changedSpan('x😀y', 'x😃y');
    expect(span).toEqual({ start: 1, endBefore: 3, endAfter: 3 });
  });
});

describe('replaceText', () => {
  it('edits only the changed lines, as one undo step', () => {
    const model = new FakeModel('line 1\nline 2\nline 3\n');
    expect(replaceText(model, 'line 1\nline two\nline 3\n')).toBe(true);
    expect(model.text).toBe('line 1\nline two\nline 3\n');
    expect(model.edits).toEqual(['12-13:two']);
    expect(model.undoStops).toBe(2);
  });

  it('does nothing when the text is the same', () => {
    const model = new FakeModel('same');
    expect(replaceText(model, 'same')).toBe(false);
    expect(model.edits).toEqual([]);
  });

  it("converts line endings to the model's", () => {
    const model = new FakeModel('a\nb\n');
    expect(replaceText(model, 'a\r\nb\r\n')).toBe(false);
    expect(replaceText(model, 'a\r\nc\r\n')).toBe(true);
    expect(model.text).toBe('a\nc\n');
    const crlf = new FakeModel('a\r\nb', '\r\n');
    replaceText(crlf, 'a\nb\nc');
    expect(crlf.text).toBe('a\r\nb\r\nc');
  });

  it('reaches any target text', () => {
    const samples = ['', 'x', 'abc', 'a\nb', '\n\n', 'héllo😀', 'abcabc', 'ba'];
    for (const from of samples) {
      for (const to of samples) {
        const model = new FakeModel(from);
        replaceText(model, to);
        expect(model.text).toBe(to);
      }
    }
  });
});
