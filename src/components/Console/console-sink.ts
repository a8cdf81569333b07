import { ConsoleBuffer } from './console-buffer.ts';
import type { ConsoleOutput } from './console-buffer.ts';
import type { ITerminal } from './terminal.ts';

/** Output counters since the last clear. */
export interface ConsoleStats {
  writtenBytes: number;
  droppedBytes: number;
  capped: boolean;
}

/** The console's imperative handle: an ITerminal plus counters and focus. */
export interface ConsoleHandle extends ITerminal {
  /** Program output shown and dropped since the last clear (for a "dropped N bytes" notice). */
  stats(): ConsoleStats;
  /** Moves keyboard focus to the terminal (for scrolling and selecting with the keyboard). */
  focus(): void;
}

/** Where coloured output goes: an xterm.js Terminal, in the app. */
export interface DisplayTarget {
  write(data: string): void;
  focus(): void;
}

/** Where plain text goes: the hidden mirror element, in the app. */
export interface MirrorTarget {
  append(text: string): void;
  clear(): void;
}

/** How often the plain-text mirror catches up, in milliseconds. */
export const MIRROR_INTERVAL_MS = 100;

/**
 * Most UTF-16 units handed to the terminal in one write. xterm parses each write whole before it yields,
 * so a flood read in one poll (hundreds of KiB) would block the page; small writes let it yield between.
 */
export const DISPLAY_CHUNK = 16 * 1024;

/**
 * Feeds a ConsoleBuffer's output to a terminal at once and to a text mirror in batches, surviving the
 * terminal or mirror being (re)attached: whatever was shown since the last clear is replayed.
 */
export class ConsoleSink implements ConsoleHandle {
  /** Cap for the next clear (the current buffer keeps its own). */
  capBytes: number;
  /** Called when program output first reaches the cap after a clear. */
  onCapped: (() => void) | undefined;
  #buffer: ConsoleBuffer;
  #display: DisplayTarget | null = null;
  #mirror: MirrorTarget | null = null;
  #pending = '';
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(capBytes?: number) {
    this.#buffer = new ConsoleBuffer(capBytes);
    this.capBytes = this.#buffer.capBytes;
  }

  /** Connects (or with null, disconnects) the terminal; replays what is on screen since the last clear. */
  attachDisplay(display: DisplayTarget | null): void {
    this.#display = display;
    const replay = this.#buffer.displayText();
    if (display !== null && replay !== '') writeInChunks(display, replay);
  }

  /** Connects (or with null, disconnects) the text mirror; fills it with the text since the last clear. */
  attachMirror(mirror: MirrorTarget | null): void {
    this.#mirror = mirror;
    this.#pending = '';
    if (mirror === null) return;
    mirror.clear();
    const text = this.#buffer.plainText();
    if (text !== '') mirror.append(text);
  }

  write(data: Uint8Array | string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const wasCapped = this.#buffer.capped;
    this.#show(this.#buffer.write(data, stream));
    if (!wasCapped && this.#buffer.capped) this.onCapped?.();
  }

  notice(text: string, tone: 'info' | 'ok' | 'error' = 'info'): void {
    this.#show(this.#buffer.notice(text, tone));
  }

  clear(): void {
    this.#buffer = new ConsoleBuffer(this.capBytes);
    // Through the write queue (not term.reset()), so output still queued cannot reappear afterwards:
    // RIS resets the screen and modes, CSI 3 J drops the scrollback.
    this.#display?.write('\x1bc\x1b[3J');
    this.#pending = '';
    this.#mirror?.clear();
  }

  stats(): ConsoleStats {
    const b = this.#buffer;
    return { writtenBytes: b.writtenBytes, droppedBytes: b.droppedBytes, capped: b.capped };
  }

  focus(): void {
    this.#display?.focus();
  }

  /** Writes out the mirror's pending text now (also what the timer does). */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending === '') return;
    this.#mirror?.append(this.#pending);
    this.#pending = '';
  }

  /** Stops the timer; pending mirror text is dropped (it is replayed on the next attachMirror). */
  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = '';
  }

  #show(out: ConsoleOutput): void {
    if (out.display === '') return;
    if (this.#display !== null) writeInChunks(this.#display, out.display);
    if (this.#mirror === null) return;
    this.#pending += out.plain;
    this.#timer ??= setTimeout(() => this.flush(), MIRROR_INTERVAL_MS);
  }
}

/** Writes `text` in pieces of at most DISPLAY_CHUNK units, never splitting a surrogate pair. */
function writeInChunks(display: DisplayTarget, text: string): void {
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + DISPLAY_CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    display.write(text.slice(start, end));
    start = end;
  }
}
