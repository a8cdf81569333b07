/** A trimmed piece of a manifest line and its 1-based column span (endColumn exclusive). */
export interface Token {
  text: string;
  column: number;
  endColumn: number;
}

/** Trims `raw`, which starts at 1-based `column`; an empty result still spans one column for markers. */
export function trimToken(raw: string, column: number): Token {
  const text = raw.trim();
  if (text === '') return { text, column, endColumn: column + 1 };
  const lead = raw.length - raw.trimStart().length;
  return { text, column: column + lead, endColumn: column + lead + text.length };
}

/** Splits a raw value starting at `column` on commas into trimmed tokens, each with its own span. */
export function splitFields(raw: string, column: number): Token[] {
  const fields: Token[] = [];
  let start = 0;
  for (;;) {
    const comma = raw.indexOf(',', start);
    const end = comma === -1 ? raw.length : comma;
    fields.push(trimToken(raw.slice(start, end), column + start));
    if (comma === -1) return fields;
    start = comma + 1;
  }
}

/** A span covering the tokens from `first` to `last`. */
export function spanOf(first: Token, last: Token): Token {
  return { text: '', column: first.column, endColumn: Math.max(last.endColumn, first.column + 1) };
}

/** The span of a whole line's content, at least one column wide. */
export function lineSpan(line: string): Token {
  const token = trimToken(line, 1);
  return token.text === '' ? { text: '', column: 1, endColumn: 2 } : token;
}
