import { escapeChars, isBlank, Unescaper } from './escapes.ts';
import type { EscapeProblem } from './escapes.ts';

/** The arguments of an `[args]` value, plus any escape or quoting problems (positioned in the raw value). */
export interface SplitArgs {
  args: string[];
  problems: EscapeProblem[];
}

/** Splits an `args=` value: blanks separate arguments, `"` groups words, `\xHH` escapes are decoded. */
export function splitArgs(raw: string): SplitArgs {
  const args: string[] = [];
  const problems: EscapeProblem[] = [];
  let i = 0;
  for (;;) {
    while (i < raw.length && isBlank(raw[i])) i++;
    if (i >= raw.length) break;
    const u = new Unescaper();
    let openQuote = -1;
    while (i < raw.length) {
      const ch = raw[i];
      if (ch === '"') {
        openQuote = openQuote < 0 ? i : -1;
        i++;
      } else if (ch === '\\') {
        i = u.escape(raw, i);
      } else if (openQuote < 0 && isBlank(ch)) {
        break;
      } else {
        let j = i + 1;
        while (j < raw.length && raw[j] !== '"' && raw[j] !== '\\' && (openQuote >= 0 || !isBlank(raw[j]))) {
          j++;
        }
        u.text(raw.slice(i, j));
        i = j;
      }
    }
    args.push(u.done());
    for (const p of u.problems) problems.push(p);
    if (openQuote >= 0) {
      problems.push({
        index: openQuote,
        length: 1,
        reason:
          'this quote is never closed; add a closing " after the last word of the argument ' +
          '(a # starts a comment, so write # itself as \\x23).',
      });
    }
  }
  return { args, problems };
}

/** Joins arguments into an `args=` value that `splitArgs` reads back exactly. */
export function joinArgs(argv: readonly string[]): string {
  return argv
    .map((arg) => {
      const escaped = escapeChars(arg, false);
      return escaped === '' || escaped.includes(' ') ? `"${escaped}"` : escaped;
    })
    .join(' ');
}
