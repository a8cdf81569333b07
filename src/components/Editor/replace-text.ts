/** The part of a text model `replaceText` needs: Monaco's ITextModel satisfies it. */
export interface EditableText {
  getValue(): string;
  getEOL(): string;
  getPositionAt(offset: number): { lineNumber: number; column: number };
  pushStackElement(): void;
  pushEditOperations(
    beforeCursorState: null,
    edits: {
      range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number };
      text: string;
    }[],
    cursorStateComputer: () => null,
  ): unknown;
}

/** The span where `before` and `after` differ: [start, end in before, end in after), never splitting a surrogate pair. */
export function changedSpan(
  before: string,
  after: string,
): { start: number; endBefore: number; endAfter: number } {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { start, endBefore, endAfter };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Replaces a model's text with `text` by editing only the span that differs, as one undoable step, so
 * cursors and scroll positions outside the change stay where they were. Returns false if nothing changed.
 */
export function replaceText(model: EditableText, text: string): boolean {
  const before = model.getValue();
  // The model keeps one line ending; compare and edit in its terms so a stray \r never splits a line.
  const after = text.replace(/\r\n|\r|\n/g, model.getEOL());
  if (before === after) return false;
  const { start, endBefore, endAfter } = changedSpan(before, after);
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(endBefore);
  model.pushStackElement();
  model.pushEditOperations(
    null,
    [
      {
        range: {
          startLineNumber: from.lineNumber,
          startColumn: from.column,
          endLineNumber: to.lineNumber,
          endColumn: to.column,
        },
        text: after.slice(start, endAfter),
      },
    ],
    () => null,
  );
  model.pushStackElement();
  return true;
}
