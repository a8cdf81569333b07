import type { Diagnostic } from '../diagnostics.ts';
import { isBlank } from './escapes.ts';

/** A diagnostic whose line the caller fills in. */
export type LineProblem = Omit<Diagnostic, 'line'>;

/** One `key=value` item of an nvram line; columns are 1-based, ends exclusive. */
export interface NvramPair {
  key: string;
  /** The value as written (still escaped), without surrounding blanks. */
  value: string;
  keyColumn: number;
  keyEnd: number;
  /** Where the value starts; for an empty value, the column of `=`. */
  valueColumn: number;
  valueEnd: number;
}

/** What one line of nvram text holds once its comment is removed. */
export type ScannedLine =
  | { kind: 'blank' }
  | { kind: 'header'; name: string; column: number; endColumn: number; problems: LineProblem[] }
  | { kind: 'pairs'; pairs: NvramPair[]; column: number; endColumn: number; problems: LineProblem[] };

function trimRange(line: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && isBlank(line[s])) s++;
  while (e > s && isBlank(line[e - 1])) e--;
  return [s, e];
}

function scanHeader(line: string, start: number, end: number): ScannedLine {
  const problems: LineProblem[] = [];
  const close = line.indexOf(']', start);
  if (close < 0 || close >= end) {
    problems.push({
      column: start + 1,
      endColumn: end + 1,
      severity: 'error',
      message: 'This section header has no closing ]; write it like [fstab].',
    });
    const [s, e] = trimRange(line, start + 1, end);
    return { kind: 'header', name: line.slice(s, e), column: start + 1, endColumn: end + 1, problems };
  }
  const [after] = trimRange(line, close + 1, end);
  if (after < end) {
    problems.push({
      column: after + 1,
      endColumn: end + 1,
      severity: 'warning',
      message: 'Text after a section header is ignored; put settings on the lines below it.',
    });
  }
  const [s, e] = trimRange(line, start + 1, close);
  return { kind: 'header', name: line.slice(s, e), column: start + 1, endColumn: close + 2, problems };
}

function scanPairs(line: string, start: number, end: number): ScannedLine {
  const pairs: NvramPair[] = [];
  const problems: LineProblem[] = [];
  let pos = start;
  while (pos <= end) {
    let comma = line.indexOf(',', pos);
    if (comma < 0 || comma > end) comma = end;
    const [s, e] = trimRange(line, pos, comma);
    const eq = line.indexOf('=', s);
    if (s === e) {
      const at = comma < end ? comma : pos - 1;
      problems.push({
        column: at + 1,
        endColumn: at + 2,
        severity: 'warning',
        message: 'This comma has no key=value on one side of it; remove the extra comma.',
      });
    } else if (eq < 0 || eq >= e) {
      problems.push({
        column: s + 1,
        endColumn: e + 1,
        severity: 'error',
        message: 'Expected key=value here, e.g. name=HOME; a comma inside a value must be written as \\x2c.',
      });
    } else {
      const [ks, ke] = trimRange(line, s, eq);
      const [vs, ve] = trimRange(line, eq + 1, e);
      if (ks === ke) {
        problems.push({
          column: eq + 1,
          endColumn: eq + 2,
          severity: 'error',
          message: 'This = has no key before it; write key=value.',
        });
      } else {
        pairs.push({
          key: line.slice(ks, ke),
          value: line.slice(vs, ve),
          keyColumn: ks + 1,
          keyEnd: ke + 1,
          valueColumn: vs === ve ? eq + 1 : vs + 1,
          valueEnd: vs === ve ? eq + 2 : ve + 1,
        });
      }
    }
    pos = comma + 1;
  }
  return { kind: 'pairs', pairs, column: start + 1, endColumn: end + 1, problems };
}

/** The first control character in a line, as an error; tabs are fine, and so are CRs that only end the line. */
export function controlProblem(line: string): LineProblem | undefined {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x09 || (code >= 0x20 && code !== 0x7f)) continue;
    const at = { column: i + 1, endColumn: i + 2, severity: 'error' as const };
    if (code === 0x0d) {
      const [from, to] = trimRange(line, i, line.length);
      if (from === to) return undefined;
      return {
        ...at,
        message:
          'This line has a carriage return (CR) in the middle: the file seems to end its lines with CR alone ' +
          '(old Mac style); save it with LF or CRLF line ends.',
      };
    }
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = code === 0 ? `a NUL byte (${hex})` : `the control character ${hex}`;
    return { ...at, message: `This line contains ${what}; nvram is plain text (is this a binary file?).` };
  }
  return undefined;
}

/** Splits one line (without its newline) into a section header or a list of `key=value` pairs. */
export function scanLine(line: string): ScannedLine {
  // ZRT starts a comment at any '#', also after settings on the same line.
  const hash = line.indexOf('#');
  const [start, end] = trimRange(line, 0, hash < 0 ? line.length : hash);
  if (start === end) return { kind: 'blank' };
  return line[start] === '[' ? scanHeader(line, start, end) : scanPairs(line, start, end);
}
