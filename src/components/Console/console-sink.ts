import { ConsoleBuffer } from './console-buffer.ts';
import type { ConsoleOutput } from './console-buffer.ts';
import type { ITerminal } from './terminal.ts';

/** Output counters since the last clear. */
export interface ConsoleStats {
  /** Program output bytes shown (head and tail). */
  writtenBytes: number;
  /** Program output bytes left out between head and tail. */
  droppedBytes: number;
  /** Newlines in the output left out. */
  droppedLines: number;
  /** Output passed the cap: the console shows head, a left-out line and tail. */
  capped: boolean;
}

/** The console's imperative handle: an ITerminal plus counters and focus. */
export interface ConsoleHandle extends ITerminal {
  /** Program output shown and left out since the last clear (for a "left out N bytes" notice). */
  stats(): ConsoleStats;
  /** The run ended: shows the final head, left-out line and tail now rather than at the next redraw. */
  settle(): void;
  /** Moves keyboard focus to the terminal (for scrolling and selecting with the keyboard). */
  focus(): void;
}

/** Where coloured output goes: an xterm.js Terminal, in the app. */
export interface DisplayTarget {
  /** Queues `data`; `done` is called once the terminal has processed it (xterm's write callback). */
  write(data: string, done?: () => void): void;
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

/** How often the console is redrawn (at most) while a capped flood keeps arriving, in milliseconds. */
export const REDRAW_INTERVAL_MS = 250;

/** RIS resets the screen and modes, CSI 3 J drops the scrollback. */
const CLEAR_SCREEN = '\x1bc\x1b[3J';

/**
 * Feeds a ConsoleBuffer's output to a terminal at once and to a text mirror in batches, surviving the
 * terminal or mirror being (re)attached: whatever was shown since the last clear is replayed.
 *
 * Past the cap, a terminal cannot take lines back, so the flood is not written to it: the buffer keeps the
 * head and the tail, and both the terminal (cleared and replayed) and the mirror are redrawn from it at most
 * every REDRAW_INTERVAL_MS, a terminal redraw only once the previous one has been processed, and at once on
 * settle(). Each redraw is at most the cap, however much output came.
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
  #redrawTimer: ReturnType<typeof setTimeout> | null = null;
  /** The buffer changed since the last redraw (only while capped). */
  #stale = false;
  /** The terminal has not been redrawn since the last redraw of the buffer. */
  #displayStale = false;
  /** The terminal is still processing the last redraw. */
  #displayBusy = false;

  constructor(capBytes?: number) {
    this.#buffer = new ConsoleBuffer(capBytes);
    this.capBytes = this.#buffer.capBytes;
  }

  /** Connects (or with null, disconnects) the terminal; replays what is on screen since the last clear. */
  attachDisplay(display: DisplayTarget | null): void {
    this.#display = display;
    this.#displayBusy = false;
    this.#displayStale = false;
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
    const out = this.#buffer.write(data, stream);
    if (!this.#buffer.capped) return this.#show(out);
    if (!wasCapped) this.onCapped?.();
    this.#invalidate();
  }

  notice(text: string, tone: 'info' | 'ok' | 'error' = 'info'): void {
    const out = this.#buffer.notice(text, tone);
    if (this.#buffer.capped) this.#invalidate();
    else this.#show(out);
  }

  clear(): void {
    this.#buffer = new ConsoleBuffer(this.capBytes);
    // Through the write queue (not term.reset()), so output still queued cannot reappear afterwards.
    this.#display?.write(CLEAR_SCREEN);
    this.#pending = '';
    this.#mirror?.clear();
    this.#stopRedraws();
  }

  stats(): ConsoleStats {
    const b = this.#buffer;
    return {
      writtenBytes: b.writtenBytes,
      droppedBytes: b.droppedBytes,
      droppedLines: b.droppedLines,
      capped: b.capped,
    };
  }

  settle(): void {
    if (this.#stale) this.#redraw();
    this.flush();
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

  /** Stops the timers; pending text is dropped (it is replayed on the next attachMirror / attachDisplay). */
  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = '';
    this.#stopRedraws();
  }

  /** The capped buffer changed: redraw within REDRAW_INTERVAL_MS (not per write: a flood is many writes). */
  #invalidate(): void {
    this.#stale = true;
    this.#redrawTimer ??= setTimeout(() => this.#redraw(), REDRAW_INTERVAL_MS);
  }

  /** Replaces the mirror's text with the buffer's, and the terminal's as soon as it is free. */
  #redraw(): void {
    if (this.#redrawTimer !== null) clearTimeout(this.#redrawTimer);
    this.#redrawTimer = null;
    this.#stale = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = '';
    if (this.#mirror !== null) {
      this.#mirror.clear();
      const text = this.#buffer.plainText();
      if (text !== '') this.#mirror.append(text);
    }
    this.#displayStale = true;
    this.#paint();
  }

  #paint(): void {
    const display = this.#display;
    if (!this.#displayStale || this.#displayBusy || display === null) return;
    this.#displayStale = false;
    this.#displayBusy = true;
    display.write(CLEAR_SCREEN);
    writeInChunks(display, this.#buffer.displayText(), () => {
      if (this.#display !== display) return;
      this.#displayBusy = false;
      this.#paint();
    });
  }

  #stopRedraws(): void {
    if (this.#redrawTimer !== null) clearTimeout(this.#redrawTimer);
    this.#redrawTimer = null;
    this.#stale = false;
    this.#displayStale = false;
  }

  #show(out: ConsoleOutput): void {
    if (out.display === '') return;
    if (this.#display !== null) writeInChunks(this.#display, out.display);
    if (this.#mirror === null) return;
    this.#pending += out.plain;
    this.#timer ??= setTimeout(() => this.flush(), MIRROR_INTERVAL_MS);
  }
}

/**
 * Writes `text` in pieces of at most DISPLAY_CHUNK units, never splitting a surrogate pair; `done` goes with
 * the last piece (or, for no text, is called at once).
 */
function writeInChunks(display: DisplayTarget, text: string, done?: () => void): void {
  if (text === '') return done?.();
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + DISPLAY_CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    const piece = text.slice(start, end);
    if (end === text.length && done) display.write(piece, done);
    else display.write(piece);
    start = end;
  }
}
