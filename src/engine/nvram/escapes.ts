/** A problem found while decoding escapes, positioned inside the raw text. */
export interface EscapeProblem {
  /** 0-based index in the raw text where the problem starts. */
  index: number;
  /** Number of characters the problem spans (at least 1). */
  length: number;
  /** A sentence a beginner understands. */
  reason: string;
}

/** A decoded value: best effort when there are problems (bad escapes are kept as written). */
export interface Unescaped {
  value: string;
  problems: EscapeProblem[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** True for the characters ZRT strips around keys and values and splits `[args]` on. */
export function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r';
}

function hexValue(ch: string | undefined): number {
  if (ch === undefined || ch.length !== 1) return -1;
  const code = ch.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

/** Builds a value from literal text and `\xHH` escapes; a run of escaped bytes is decoded as UTF-8. */
export class Unescaper {
  /** Problems found so far, with indexes into the raw text given to `escape`. */
  readonly problems: EscapeProblem[] = [];
  private _out = '';
  private _bytes: number[] = [];
  private _bytesIndex = 0;
  private _bytesEnd = 0;

  /** Appends literal text. */
  text(s: string): void {
    if (s === '') return;
    this._flush();
    this._out += s;
  }

  /** Decodes the escape at `raw[i]` (a backslash) and returns the index just past it. */
  escape(raw: string, i: number): number {
    const hi = hexValue(raw[i + 1] === 'x' ? raw[i + 2] : undefined);
    const lo = hexValue(raw[i + 3]);
    if (hi >= 0 && lo >= 0) {
      if (this._bytes.length === 0) this._bytesIndex = i;
      this._bytes.push(hi * 16 + lo);
      this._bytesEnd = i + 4;
      return i + 4;
    }
    // Consume only the backslash, 'x' and valid hex digits: a following quote or blank keeps its role.
    const isX = raw[i + 1] === 'x';
    const consumed = isX ? (hi >= 0 ? 3 : 2) : 1;
    const shown = raw.slice(i, i + (isX ? 4 : 2));
    this.problems.push({
      index: i,
      length: shown.length,
      reason: isX
        ? `'${shown}' is not a valid escape: \\x must be followed by two hex digits, e.g. \\x2c for a comma.`
        : `'${shown}' is not a valid escape: a backslash starts an escape like \\x2c; ` +
          'write a backslash itself as \\x5c.',
    });
    this.text(raw.slice(i, i + consumed));
    return i + consumed;
  }

  /** Returns the decoded value. */
  done(): string {
    this._flush();
    return this._out;
  }

  private _flush(): void {
    const bytes = this._bytes;
    if (bytes.length === 0) return;
    this._bytes = [];
    if (bytes.every((b) => b < 0x80)) {
      // Chunked: spreading a huge array into fromCharCode would overflow the call stack.
      for (let k = 0; k < bytes.length; k += 4096) {
        this._out += String.fromCharCode(...bytes.slice(k, k + 4096));
      }
      return;
    }
    const array = Uint8Array.from(bytes);
    try {
      this._out += strictUtf8.decode(array);
    } catch {
      this.problems.push({
        index: this._bytesIndex,
        length: this._bytesEnd - this._bytesIndex,
        reason:
          'these escaped bytes are not valid UTF-8 text; escape a non-ASCII character with all of its ' +
          'UTF-8 bytes (é is \\xc3\\xa9), or just write the character itself.',
      });
      this._out += lenientUtf8.decode(array);
    }
  }
}

/** Decodes ZRT `\xHH` escapes in a value; invalid escapes are reported, never thrown. */
export function unescapeValue(raw: string): Unescaped {
  if (!raw.includes('\\')) return { value: raw, problems: [] };
  const u = new Unescaper();
  let i = 0;
  while (i < raw.length) {
    const slash = raw.indexOf('\\', i);
    if (slash < 0) {
      u.text(raw.slice(i));
      break;
    }
    u.text(raw.slice(i, slash));
    i = u.escape(raw, slash);
  }
  return { value: u.done(), problems: u.problems };
}

function hexEscape(code: number): string {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/** True for characters that can never appear literally in a value: separators, comments, controls. */
function mustEscape(code: number): boolean {
  // '#' is escaped too because ZRT treats it as the start of a comment anywhere on a line.
  return code < 0x20 || code === 0x7f || code === 0x2c || code === 0x22 || code === 0x5c || code === 0x23;
}

/** Escapes characters that must not appear literally; `edges` also protects leading/trailing spaces. */
export function escapeChars(value: string, edges: boolean): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const edgeSpace = edges && code === 0x20 && (i === 0 || i === value.length - 1);
    if (mustEscape(code) || edgeSpace) {
      out += value.slice(runStart, i) + hexEscape(code);
      runStart = i + 1;
    }
  }
  return out + value.slice(runStart);
}

/** Escapes a value so that the parser reads it back exactly (including leading/trailing spaces). */
export function escapeValue(value: string): string {
  return escapeChars(value, true);
}
