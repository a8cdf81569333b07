import { OutputTail, afterNewlines, countNewlines } from './output-tail.ts';
import type { NoticeTone, OutputStream } from './terminal.ts';

/** 1 MiB: how much program output the console shows by default (its first and last half MiB past that). */
export const DEFAULT_CAP_BYTES = 1024 * 1024;

/** 8,000 lines: capped by lines too, so head, left-out line and tail fit the terminal's 10,000-line scrollback. */
export const DEFAULT_CAP_LINES = 8000;

/** What one write or notice adds: `display` for xterm (with SGR colours), `plain` for text mirrors. */
export interface ConsoleOutput {
  display: string;
  plain: string;
}

/** SGR colour per kind of text; `RESET` ends each coloured run so program colours cannot leak into notices. */
export const SGR = {
  stderr: '\x1b[31m',
  info: '\x1b[36m',
  ok: '\x1b[32m',
  error: '\x1b[1;31m',
  capped: '\x1b[33m',
  reset: '\x1b[0m',
} as const;

const EMPTY: ConsoleOutput = { display: '', plain: '' };
const NO_BYTES = new Uint8Array(0);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The console's bookkeeping, DOM-free. Program output is shown as it comes until `capBytes` (or `capLines`
 * lines) of it; past that the console keeps the head (the first half) and the tail (the last half, in an
 * OutputTail), with one line between them saying how much was left out. Stderr is colour-coded and a flood
 * of stdout does not push out its last lines; notices stay in order. A UTF-8 sequence split across writes
 * is held back until complete, so every cut falls between characters.
 */
export class ConsoleBuffer {
  /** Bytes of program output shown at most between clears (head plus tail). */
  readonly capBytes: number;
  /** Lines (newlines) of program output shown at most between clears. */
  readonly capLines: number;
  /** Bytes of the head: the first program output, kept for good once written. */
  readonly headBytes: number;
  /** Lines of the head. */
  readonly headLines: number;
  #held: Record<OutputStream, Uint8Array> = { stdout: NO_BYTES, stderr: NO_BYTES };
  #headUsed = 0;
  #headLinesUsed = 0;
  #headFull: boolean;
  #headDisplay = new TextLog();
  #headPlain = new TextLog();
  #headEndsLine = true;
  #tail: OutputTail;
  #atLineStart = true;
  #view: ConsoleOutput | null = null;

  constructor(capBytes = DEFAULT_CAP_BYTES, capLines = DEFAULT_CAP_LINES) {
    this.capBytes = Math.max(0, Math.floor(capBytes));
    this.capLines = Math.max(0, Math.floor(capLines));
    this.headBytes = Math.floor(this.capBytes / 2);
    this.headLines = Math.floor(this.capLines / 2);
    this.#headFull = this.headBytes === 0 || this.headLines === 0;
    this.#tail = this.#newTail();
  }

  /** Bytes of program output shown since the last clear (head and tail). */
  get writtenBytes(): number {
    return this.#headUsed + this.#tail.keptBytes;
  }

  /** Bytes of program output left out between head and tail since the last clear. */
  get droppedBytes(): number {
    return this.#tail.omittedBytes;
  }

  /** Newlines in the program output left out. */
  get droppedLines(): number {
    return this.#tail.omittedLines;
  }

  /**
   * Whether output passed the cap: writes and notices then return nothing to show at once, and the view
   * (displayText / plainText) has to be redrawn to show them.
   */
  get capped(): boolean {
    return this.#tail.capped;
  }

  /** Adds program output; returns what to show now (empty once capped). */
  write(data: Uint8Array | string, stream: OutputStream = 'stdout'): ConsoleOutput {
    let bytes = this.#complete(typeof data === 'string' ? encoder.encode(data) : data, stream);
    if (bytes.length === 0) return EMPTY;
    this.#view = null;
    const colour = stream === 'stderr' ? SGR.stderr : '';
    let head = EMPTY;
    if (!this.#headFull) {
      let cut = Math.min(bytes.length, this.headBytes - this.#headUsed);
      cut = Math.min(cut, afterNewlines(bytes, 0, cut, this.headLines - this.#headLinesUsed));
      for (let k = 0; k < 3 && cut < bytes.length && (bytes[cut]! & 0xc0) === 0x80; k++) cut++;
      const part = bytes.subarray(0, cut);
      head = this.#toHead(decoder.decode(part), colour);
      this.#headUsed += cut;
      this.#headLinesUsed += countNewlines(part);
      this.#headFull = this.#headUsed >= this.headBytes || this.#headLinesUsed >= this.headLines;
      if (this.#headFull) this.#headEndsLine = this.#atLineStart;
      bytes = bytes.subarray(cut);
      if (bytes.length === 0) return head;
    }
    this.#tail.push(stream, bytes);
    if (this.capped) return EMPTY;
    return join(head, this.#render(decoder.decode(bytes), colour));
  }

  /** Adds an app notice as a coloured line of its own (empty once capped: see `capped`). */
  notice(text: string, tone: NoticeTone = 'info'): ConsoleOutput {
    const clean = stripControls(text);
    this.#view = null;
    if (!this.#headFull) return this.#toHead(...lineOf(clean, SGR[tone], this.#atLineStart));
    this.#tail.pushNotice(clean, tone);
    return this.capped ? EMPTY : this.#render(...lineOf(clean, SGR[tone], this.#atLineStart));
  }

  /** Forgets everything shown and resets the cap. */
  clear(): void {
    this.#held = { stdout: NO_BYTES, stderr: NO_BYTES };
    this.#headUsed = 0;
    this.#headLinesUsed = 0;
    this.#headFull = this.headBytes === 0 || this.headLines === 0;
    this.#headDisplay.clear();
    this.#headPlain.clear();
    this.#headEndsLine = true;
    this.#tail = this.#newTail();
    this.#atLineStart = true;
    this.#view = null;
  }

  /** What the console shows, with colours: head, the left-out line and the tail once capped. */
  displayText(): string {
    return this.#currentView().display;
  }

  /** What the console shows, as plain text (escape sequences and control characters removed). */
  plainText(): string {
    return this.#currentView().plain;
  }

  /** The line that stands for the left-out output. */
  omittedLine(): string {
    const t = this.#tail;
    const lines = `${t.omittedLines.toLocaleString('en-US')} ${t.omittedLines === 1 ? 'line' : 'lines'}`;
    const kept = t.middle().length > 0 ? '; its stderr and notices follow' : '';
    const notices = t.omittedNotices > 0 ? ` and ${t.omittedNotices.toLocaleString('en-US')} notices` : '';
    return (
      `[… output capped at ${formatBytes(this.capBytes)}: ` +
      `${formatBytes(t.omittedBytes)} (${lines})${notices} left out here${kept}. ` +
      'The whole stdout and stderr of a run are in the Report (Download stdout, Download stderr) …]'
    );
  }

  #newTail(): OutputTail {
    return new OutputTail({ bytes: this.capBytes - this.headBytes, lines: this.capLines - this.headLines });
  }

  /** Splits off an incomplete UTF-8 sequence at the end (held until the stream's next write). */
  #complete(data: Uint8Array, stream: OutputStream): Uint8Array {
    const held = this.#held[stream];
    let bytes = data;
    if (held.length > 0) {
      bytes = new Uint8Array(held.length + data.length);
      bytes.set(held);
      bytes.set(data, held.length);
    }
    const keep = incompleteTail(bytes);
    this.#held[stream] = keep === 0 ? NO_BYTES : bytes.slice(bytes.length - keep);
    return bytes.subarray(0, bytes.length - keep);
  }

  #toHead(text: string, colour: string): ConsoleOutput {
    const out = this.#render(text, colour);
    this.#headDisplay.append(out.display);
    this.#headPlain.append(out.plain);
    return out;
  }

  #render(text: string, colour: string): ConsoleOutput {
    if (text === '') return EMPTY;
    this.#atLineStart = text.endsWith('\n');
    return { display: colour === '' ? text : `${colour}${text}${SGR.reset}`, plain: toPlain(text) };
  }

  /** Head plus tail, rendered afresh from the tail's bytes (at most the cap) and cached until a change. */
  #currentView(): ConsoleOutput {
    if (this.#view !== null) return this.#view;
    const display = [this.#headDisplay.text()];
    const plain = [this.#headPlain.text()];
    let atLineStart = this.#headFull ? this.#headEndsLine : this.#atLineStart;
    const add = (text: string, colour: string) => {
      if (text === '') return;
      atLineStart = text.endsWith('\n');
      display.push(colour === '' ? text : `${colour}${text}${SGR.reset}`);
      plain.push(toPlain(text));
    };
    const tail = this.#tail;
    if (tail.capped) add(...lineOf(this.omittedLine(), SGR.capped, atLineStart));
    for (const piece of [...tail.middle(), ...tail.pieces()]) {
      if (piece.kind === 'notice') add(...lineOf(piece.text, SGR[piece.tone], atLineStart));
      else
        add(
          decoder.decode(piece.bytes.subarray(piece.start, piece.end)),
          piece.stream === 'stderr' ? SGR.stderr : '',
        );
    }
    this.#view = { display: display.join(''), plain: plain.join('') };
    return this.#view;
  }
}

/** A notice's text as a line of its own: after a newline unless the output so far ended one. */
function lineOf(text: string, colour: string, atLineStart: boolean): [string, string] {
  return [`${atLineStart ? '' : '\n'}${text}\n`, colour];
}

function join(a: ConsoleOutput, b: ConsoleOutput): ConsoleOutput {
  if (a === EMPTY) return b;
  if (b === EMPTY) return a;
  return { display: a.display + b.display, plain: a.plain + b.plain };
}

/** Bytes at the end of `bytes` that start a UTF-8 sequence the rest of which has not come yet. */
export function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
    return i + need > n ? n - i : 0;
  }
  return 0;
}

/** Appends many small strings cheaply: joined in groups, so a flood of tiny writes stays compact. */
class TextLog {
  #groups: string[] = [];
  #pending: string[] = [];

  append(text: string): void {
    this.#pending.push(text);
    if (this.#pending.length >= 256) this.#compact();
  }

  text(): string {
    this.#compact();
    const joined = this.#groups.join('');
    this.#groups = joined === '' ? [] : [joined];
    return joined;
  }

  clear(): void {
    this.#groups = [];
    this.#pending = [];
  }

  #compact(): void {
    if (this.#pending.length > 0) this.#groups.push(this.#pending.join(''));
    this.#pending = [];
  }
}

/** "1 MiB", "512 KiB", "100 bytes": how sizes are named in the left-out line. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (n >= size) {
      const value = n / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

/** UTF-8 length of a string without allocating (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

// CSI, OSC (ended by BEL or ST) and two-character escapes; then every C0/C1 control but tab and newline.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Program output as plain text: escape sequences removed, `\r\n` as `\n`, other controls dropped. */
export function toPlain(text: string): string {
  return text.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(CONTROLS, '');
}

/** Notice text with every control character (escape sequences included) turned into a space. */
function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, ' ');
}
