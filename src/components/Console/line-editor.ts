/**
 * What one piece of typed terminal data asks for: text to echo on the terminal (local echo, with the
 * cursor moves that erase a character), a complete line to send (its "\n" included), the end of input
 * (the pending partial line first, possibly empty), or an interrupt (Ctrl-C; the partial line it drops).
 */
export type LineEditorEffect =
  | { kind: 'echo'; text: string }
  | { kind: 'line'; text: string }
  | { kind: 'end'; text: string }
  | { kind: 'interrupt'; text: string };

const ENTER = /\r\n?|\n/y;
// CSI (arrows, Home, Delete...), SS3 (F1-F4 on some keyboards) and Alt+key: keys the line editor ignores.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?/y;

/**
 * A terminal's cooked-mode line discipline, DOM-free: keeps the line being typed, echoes it, sends it on
 * Enter. Backspace removes the last character, Ctrl-U the whole line, Ctrl-D ends the input, Ctrl-C
 * interrupts; other control keys and escape sequences are ignored. Pasted text (many lines at once) sends
 * each complete line and keeps a trailing partial line for more typing.
 */
export class LineEditor {
  #line = '';

  /** The partial line typed so far (not sent yet). */
  get pending(): string {
    return this.#line;
  }

  /** Forgets the partial line (a new run, or the input ended). */
  reset(): void {
    this.#line = '';
  }

  /** Takes what the terminal produced for keys or a paste; returns what to do, in order. */
  feed(data: string): LineEditorEffect[] {
    const effects: LineEditorEffect[] = [];
    let echo = '';
    const flushEcho = () => {
      if (echo !== '') effects.push({ kind: 'echo', text: echo });
      echo = '';
    };
    for (let at = 0; at < data.length;) {
      ENTER.lastIndex = at;
      if (ENTER.test(data)) {
        echo += '\n';
        flushEcho();
        effects.push({ kind: 'line', text: `${this.#line}\n` });
        this.#line = '';
        at = ENTER.lastIndex;
        continue;
      }
      const code = data.codePointAt(at)!;
      const char = String.fromCodePoint(code);
      at += char.length;
      if (code === 0x7f || code === 0x08) {
        echo += this.#eraseLast();
      } else if (code === 0x15) {
        while (this.#line !== '') echo += this.#eraseLast();
      } else if (code === 0x04) {
        flushEcho();
        effects.push({ kind: 'end', text: this.#line });
        this.#line = '';
        // Nothing typed after the end of input goes anywhere.
        return effects;
      } else if (code === 0x03) {
        echo += '^C\n';
        flushEcho();
        effects.push({ kind: 'interrupt', text: this.#line });
        this.#line = '';
        return effects;
      } else if (code === 0x1b) {
        ESCAPE.lastIndex = at - 1;
        ESCAPE.test(data);
        at = Math.max(at, ESCAPE.lastIndex);
      } else if (code >= 0x20 && !(code >= 0x80 && code < 0xa0)) {
        this.#line += char;
        echo += char;
      } else if (code === 0x09) {
        this.#line += '\t';
        echo += '\t';
      }
    }
    flushEcho();
    return effects;
  }

  /** Drops the last character of the line; returns the echo that erases it on screen. */
  #eraseLast(): string {
    const chars = Array.from(this.#line);
    const last = chars.pop();
    if (last === undefined) return '';
    this.#line = chars.join('');
    const width = charWidth(last.codePointAt(0)!);
    return '\b'.repeat(width) + ' '.repeat(width) + '\b'.repeat(width);
  }
}

/** Terminal columns a character takes: 2 for East Asian wide characters and most emoji, else 1. */
export function charWidth(code: number): number {
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}
