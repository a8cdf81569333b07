/** How a text must look: exactly, containing, matching a regular expression, or with a number of lines. */
export type TextMatch = { equals: string } | { contains: string } | { regex: string } | { lines: number };

/** Lines in a text: newline-ended ones, plus a last one without a newline. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/** Whether `text` (named `what`, e.g. "stdout") meets `match`, said in plain words either way. */
export function matchText(what: string, text: string, match: TextMatch): { ok: boolean; text: string } {
  if ('equals' in match) {
    const ok = text === match.equals;
    return {
      ok,
      text: ok
        ? `${what} is ${quote(match.equals)}`
        : `${what} was ${quote(text)}, expected ${quote(match.equals)}`,
    };
  }
  if ('contains' in match) {
    const ok = text.includes(match.contains);
    return {
      ok,
      text: ok
        ? `${what} contains ${quote(match.contains)}`
        : `${what} does not contain ${quote(match.contains)} (it was ${quote(text)})`,
    };
  }
  if ('regex' in match) {
    const ok = new RegExp(match.regex, 'm').test(text);
    return {
      ok,
      text: ok
        ? `${what} matches /${match.regex}/`
        : `${what} does not match /${match.regex}/ (it was ${quote(text)})`,
    };
  }
  const lines = countLines(text);
  const ok = lines === match.lines;
  return {
    ok,
    text: ok
      ? `${what} has ${plural(lines, 'line')}`
      : `${what} had ${plural(lines, 'line')}, expected ${match.lines}`,
  };
}

/** `"text"` shortened to a readable length, newlines shown as \n. */
export function quote(text: string, max = 80): string {
  const shown = JSON.stringify(text);
  return shown.length <= max ? shown : `${shown.slice(0, max - 4)}..."`;
}

/** "1 line", "3 lines". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
