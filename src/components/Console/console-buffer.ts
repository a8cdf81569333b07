import type { NoticeTone, OutputStream } from './terminal.ts';

/** 1 MiB: how much program output the console shows by default before it stops. */
export const DEFAULT_CAP_BYTES = 1024 * 1024;

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
const encoder = new TextEncoder();

/**
 * The console's bookkeeping, DOM-free: decodes each stream with its own streaming TextDecoder (so a UTF-8
 * sequence split across chunks survives), colours stderr and notices, and stops after `capBytes` of program
 * output, printing one capped line and counting what it drops.
 */
export class ConsoleBuffer {
  /** Bytes of program output shown at most between clears. */
  readonly capBytes: number;
  #decoders = newDecoders();
  #writtenBytes = 0;
  #droppedBytes = 0;
  #atLineStart = true;
  #display = new TextLog();
  #plain = new TextLog();

  constructor(capBytes = DEFAULT_CAP_BYTES) {
    this.capBytes = Math.max(0, Math.floor(capBytes));
  }

  /** Bytes of program output shown since the last clear. */
  get writtenBytes(): number {
    return this.#writtenBytes;
  }

  /** Bytes of program output dropped by the cap since the last clear. */
  get droppedBytes(): number {
    return this.#droppedBytes;
  }

  /** Whether the cap has been reached (later program output is dropped). */
  get capped(): boolean {
    return this.#droppedBytes > 0;
  }

  /** Adds program output; returns what to show now (empty once capped). */
  write(data: Uint8Array | string, stream: OutputStream = 'stdout'): ConsoleOutput {
    const bytes = typeof data === 'string' ? utf8Length(data) : data.byteLength;
    if (bytes === 0) return EMPTY;
    if (this.capped) {
      this.#droppedBytes += bytes;
      return EMPTY;
    }
    const room = this.capBytes - this.#writtenBytes;
    let text: string;
    if (bytes <= room) {
      text = typeof data === 'string' ? data : this.#decoders[stream].decode(data, { stream: true });
      this.#writtenBytes += bytes;
    } else {
      text = this.#decodePrefix(data, stream, room);
      this.#writtenBytes += room;
      this.#droppedBytes += bytes - room;
    }
    const out = this.#emit(text, stream === 'stderr' ? SGR.stderr : '');
    if (!this.capped) return out;
    const line = this.#line(
      `[output capped at ${formatBytes(this.capBytes)}: the console keeps the first ${formatBytes(this.capBytes)}; the full output is in the run's channel data]`,
      SGR.capped,
    );
    return { display: out.display + line.display, plain: out.plain + line.plain };
  }

  /** Adds an app notice as a coloured line of its own. */
  notice(text: string, tone: NoticeTone = 'info'): ConsoleOutput {
    return this.#line(stripControls(text), SGR[tone]);
  }

  /** Forgets everything shown and resets the cap and the decoders. */
  clear(): void {
    this.#decoders = newDecoders();
    this.#writtenBytes = 0;
    this.#droppedBytes = 0;
    this.#atLineStart = true;
    this.#display.clear();
    this.#plain.clear();
  }

  /** Everything shown since the last clear, with colours: replayed into a freshly mounted terminal. */
  displayText(): string {
    return this.#display.text();
  }

  /** Everything shown since the last clear, as plain text (escape sequences and control characters removed). */
  plainText(): string {
    return this.#plain.text();
  }

  /** Decodes the first `room` bytes, backing off to a character boundary for strings. */
  #decodePrefix(data: Uint8Array | string, stream: OutputStream, room: number): string {
    if (typeof data !== 'string')
      return this.#decoders[stream].decode(data.subarray(0, room), { stream: true });
    const bytes = encoder.encode(data);
    let cut = room;
    while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
    return new TextDecoder().decode(bytes.subarray(0, cut));
  }

  #line(text: string, colour: string): ConsoleOutput {
    const lead = this.#atLineStart ? '' : '\n';
    return this.#emit(`${lead}${text}\n`, colour);
  }

  #emit(text: string, colour: string): ConsoleOutput {
    if (text === '') return EMPTY;
    this.#atLineStart = text.endsWith('\n');
    const display = colour === '' ? text : `${colour}${text}${SGR.reset}`;
    const plain = toPlain(text);
    this.#display.append(display);
    this.#plain.append(plain);
    return { display, plain };
  }
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

/** "1 MiB", "512 KiB", "100 bytes": how the cap is named in the capped line. */
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

function newDecoders(): Record<OutputStream, TextDecoder> {
  return { stdout: new TextDecoder(), stderr: new TextDecoder() };
}
