/** Longest `regex` a check may hold. */
export const MAX_CHECK_REGEX_LENGTH = 1000;

/**
 * Why `source` cannot be a check's regex (a phrase after "the regex"), or null. It must compile, and no
 * repeated group may hold a repetition or alternatives: `(a+)+$` or `(a|a)*$` backtrack exponentially on a
 * near miss, and Check matches on the page's thread, so one such regex would freeze the page.
 */
export function regexProblem(source: string): string | null {
  if (source.length > MAX_CHECK_REGEX_LENGTH) return `is longer than ${MAX_CHECK_REGEX_LENGTH} characters`;
  try {
    new RegExp(source, 'm');
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`;
  }
  if (repeatsAmbiguousGroup(source))
    return 'repeats a group that itself repeats or has alternatives, like (a+)+ or (a|b)*, which can take exponential time; use one repetition or a character class, like a+ or [ab]*';
  return null;
}

// A quantifier: * + ? {n} {n,} {n,m}.
const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,(\d*))?\})/;

/** True when a group whose body repeats something or has alternatives is itself repeated. */
function repeatsAmbiguousGroup(source: string): boolean {
  // One flag per open group: its body so far repeats something or has alternatives.
  const open: boolean[] = [];
  let afterAmbiguousGroup = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const quantifier = QUANTIFIER.exec(source.slice(i, i + 24));
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') {
      open.push(false);
      // Skip the group's kind, (?: (?= (?! (?<= (?<! (?<name>, so its "?" is not taken for a quantifier.
      if (source[i + 1] === '?') i += /^\?(?:[:=!]|<[=!]|<[^>]*>)/.exec(source.slice(i + 1))?.[0].length ?? 1;
    } else if (c === ')') {
      const ambiguous = open.pop() ?? false;
      if (ambiguous && open.length > 0) open[open.length - 1] = true;
      afterAmbiguousGroup = ambiguous;
      continue;
    } else if (c === '|') {
      if (open.length > 0) open[open.length - 1] = true;
    } else if (quantifier !== null) {
      const [token, min, range, max] = quantifier;
      const most =
        token === '?'
          ? 1
          : min === undefined || max === ''
            ? Infinity
            : Number(range === undefined ? min : max);
      if (most > 1 && afterAmbiguousGroup) return true;
      if (most > 1 && open.length > 0) open[open.length - 1] = true;
      i += token.length - 1;
      if (source[i + 1] === '?') i++;
    }
    afterAmbiguousGroup = false;
  }
  return false;
}

/** The index of the `]` closing the character class opened at `start`. */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  // In JavaScript a "]" right after "[" or "[^" closes the class: [] matches nothing.
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i;
}
