import type { NoticeTone, OutputStream } from './terminal.ts';

/** Program output as raw bytes (whole UTF-8 characters only): `bytes[start, end)`, holding `lines` newlines. */
export interface OutputPiece {
  kind: 'output';
  stream: OutputStream;
  bytes: Uint8Array;
  start: number;
  end: number;
  lines: number;
}

/** An app notice, kept in order with the output around it. */
export interface NoticePiece {
  kind: 'notice';
  text: string;
  tone: NoticeTone;
}

/** What the tail keeps, oldest first. */
export type TailPiece = OutputPiece | NoticePiece;

/** How much a tail keeps: program output bytes and lines (newlines), and how much of each stderr may hold. */
export interface TailLimits {
  bytes: number;
  lines: number;
  /** Kept for stderr from the left-out part. @default a quarter of `bytes` */
  stderrBytes?: number;
  /** @default a quarter of `lines` */
  stderrLines?: number;
}

/** Small writes are gathered into blocks of this size, so a flood of one-byte writes stays compact. */
const BLOCK_BYTES = 16 * 1024;
/** How far past a cut the tail looks for a newline, to start on a whole line. */
const LINE_SEARCH_BYTES = 4 * 1024;
/** Notices from the left-out part kept at most; older ones are only counted. */
export const MAX_MIDDLE_NOTICES = 100;
const NEWLINE = 0x0a;

/**
 * The last program output after the console's head, as raw bytes (decoded only when shown), at most
 * `bytes` bytes and `lines` lines. When more arrives, the oldest stdout is left out (counted in bytes and
 * lines). Older stderr and notices are not pushed out by stdout: they move to the "middle" (shown after the
 * left-out line), where stderr keeps up to `stderrBytes` / `stderrLines` of the total and notices up to
 * MAX_MIDDLE_NOTICES.
 */
export class OutputTail {
  readonly capBytes: number;
  readonly capLines: number;
  readonly stderrBytes: number;
  readonly stderrLines: number;
  #pieces: TailPiece[] = [];
  #middle: TailPiece[] = [];
  #pieceBytes = 0;
  #pieceLines = 0;
  #middleBytes = 0;
  #middleLines = 0;
  #middleNotices = 0;
  #omittedBytes = 0;
  #omittedLines = 0;
  #omittedNotices = 0;
  #capped = false;
  /** Whether the last byte left out of each stream ended a line. */
  #endedLine: Record<OutputStream, boolean> = { stdout: true, stderr: true };

  constructor(limits: TailLimits) {
    const whole = (n: number) => Math.max(0, Math.floor(n));
    this.capBytes = whole(limits.bytes);
    this.capLines = whole(limits.lines);
    this.stderrBytes = Math.min(this.capBytes, whole(limits.stderrBytes ?? this.capBytes / 4));
    this.stderrLines = Math.min(this.capLines, whole(limits.stderrLines ?? this.capLines / 4));
  }

  /** Whether anything has been left out (from then on the console shows head, left-out line, tail). */
  get capped(): boolean {
    return this.#capped;
  }

  /** Program output bytes kept (shown). */
  get keptBytes(): number {
    return this.#pieceBytes + this.#middleBytes;
  }

  /** Newlines in the program output kept. */
  get keptLines(): number {
    return this.#pieceLines + this.#middleLines;
  }

  /** Program output bytes left out. */
  get omittedBytes(): number {
    return this.#omittedBytes;
  }

  /** Newlines in the program output left out. */
  get omittedLines(): number {
    return this.#omittedLines;
  }

  /** Notices from the left-out part that were not kept either. */
  get omittedNotices(): number {
    return this.#omittedNotices;
  }

  /** Stderr and notices that came during the left-out part, oldest first (shown after the left-out line). */
  middle(): readonly TailPiece[] {
    return this.#middle;
  }

  /** The most recent output and notices, oldest first. */
  pieces(): readonly TailPiece[] {
    return this.#pieces;
  }

  /** Adds output made of whole UTF-8 characters (the bytes are copied). */
  push(stream: OutputStream, data: Uint8Array): void {
    if (data.length === 0) return;
    let bytes = data;
    if (stream === 'stdout' && bytes.length > this.capBytes) {
      // This write alone pushes out everything kept so far, and its own front is only counted, never copied.
      this.#evict(true);
      const whole = piece(stream, bytes, 0, bytes.length, -1);
      const [skipped] = this.#leaveOut(whole, bytes.length - this.capBytes, 0);
      bytes = bytes.subarray(skipped);
      this.#capped = true;
    }
    this.#append(stream, bytes);
    this.#evict(false);
  }

  /** Adds a notice line after the output so far. */
  pushNotice(text: string, tone: NoticeTone): void {
    this.#pieces.push({ kind: 'notice', text, tone });
  }

  #over(): boolean {
    return this.keptBytes > this.capBytes || this.keptLines > this.capLines;
  }

  #append(stream: OutputStream, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const lines = countNewlines(bytes);
    this.#pieceBytes += bytes.length;
    this.#pieceLines += lines;
    const last = this.#pieces.at(-1);
    if (last?.kind === 'output' && last.stream === stream && last.bytes.length - last.end >= bytes.length) {
      last.bytes.set(bytes, last.end);
      last.end += bytes.length;
      last.lines += lines;
      return;
    }
    const block = new Uint8Array(Math.max(BLOCK_BYTES, bytes.length));
    block.set(bytes);
    this.#pieces.push(piece(stream, block, 0, bytes.length, lines));
  }

  /** Moves the oldest pieces out until what is kept fits the limits (or, with `all`, every piece). */
  #evict(all: boolean): void {
    let evicted = false;
    while ((all || this.#over()) && this.#pieces.length > 0) {
      evicted = true;
      const first = this.#pieces[0]!;
      if (first.kind === 'notice' || first.stream === 'stderr') {
        this.#pieces.shift();
        this.#toMiddle(first);
        continue;
      }
      const bytes = all ? Infinity : this.keptBytes - this.capBytes;
      const lines = all ? 0 : this.keptLines - this.capLines;
      this.#take(this.#leaveOut(first, bytes, lines));
      if (first.start === first.end) this.#pieces.shift();
    }
    if (!evicted) return;
    this.#capped = true;
    // Start the tail on a whole line when the cut fell inside one.
    const first = this.#pieces[0];
    if (first?.kind === 'output' && first.stream === 'stdout' && !this.#endedLine.stdout) {
      this.#take(this.#leaveOut(first, 0, 0));
      if (first.start === first.end) this.#pieces.shift();
    }
  }

  /** Accounts for a piece of the tail (not the middle) having lost bytes and lines. */
  #take([bytes, lines]: [number, number]): void {
    this.#pieceBytes -= bytes;
    this.#pieceLines -= lines;
  }

  #toMiddle(moved: TailPiece): void {
    this.#middle.push(moved);
    if (moved.kind === 'notice') {
      this.#middleNotices++;
      if (this.#middleNotices > MAX_MIDDLE_NOTICES) {
        this.#middle.splice(
          this.#middle.findIndex((p) => p.kind === 'notice'),
          1,
        );
        this.#middleNotices--;
        this.#omittedNotices++;
      }
      return;
    }
    const size = moved.end - moved.start;
    this.#pieceBytes -= size;
    this.#pieceLines -= moved.lines;
    this.#middleBytes += size;
    this.#middleLines += moved.lines;
    while (this.#middleBytes > this.stderrBytes || this.#middleLines > this.stderrLines) {
      const index = this.#middle.findIndex((p) => p.kind === 'output');
      const oldest = this.#middle[index] as OutputPiece;
      const [bytes, lines] = this.#leaveOut(
        oldest,
        this.#middleBytes - this.stderrBytes,
        this.#middleLines - this.stderrLines,
      );
      this.#middleBytes -= bytes;
      this.#middleLines -= lines;
      if (oldest.start === oldest.end) this.#middle.splice(index, 1);
    }
  }

  /**
   * Leaves out at least `n` bytes and `k` newlines from the front of `p` (moving its start), then up to the
   * next character boundary and, when the cut fell inside a line, up to the end of that line if it is near.
   * Returns the bytes and newlines left out, which are counted.
   */
  #leaveOut(p: OutputPiece, n: number, k: number): [number, number] {
    const { bytes, start, end } = p;
    const counted = p.lines >= 0;
    let cut = Math.min(end, start + Math.max(0, n));
    // Newlines in [start, cut) when known without another scan (a flood is scanned once, when it comes).
    let lines = cut === end && counted ? p.lines : -1;
    if (k > 0 && cut < end) {
      if (counted && k >= p.lines) [cut, lines] = [end, p.lines];
      else {
        const after = afterNewlines(bytes, start, end, k);
        if (after > cut) [cut, lines] = [after, after === end && counted ? p.lines : k];
      }
    }
    for (let i = 0; i < 3 && cut < end && (bytes[cut]! & 0xc0) === 0x80; i++) cut++;
    const endedLine = cut > start ? bytes[cut - 1] === NEWLINE : this.#endedLine[p.stream];
    if (!endedLine && cut < end) {
      const newline = bytes.subarray(cut, Math.min(end, cut + LINE_SEARCH_BYTES)).indexOf(NEWLINE);
      if (newline !== -1) {
        cut += newline + 1;
        if (lines >= 0) lines++;
      }
    }
    if (cut === start) return [0, 0];
    if (lines < 0) lines = countNewlines(bytes.subarray(start, cut));
    this.#omittedBytes += cut - start;
    this.#omittedLines += lines;
    this.#endedLine[p.stream] = bytes[cut - 1] === NEWLINE;
    p.start = cut;
    if (counted) p.lines -= lines;
    return [cut - start, lines];
  }
}

/** An output piece; `lines` of -1 means not counted (a write being skipped, never kept). */
function piece(
  stream: OutputStream,
  bytes: Uint8Array,
  start: number,
  end: number,
  lines: number,
): OutputPiece {
  return { kind: 'output', stream, bytes, start, end, lines };
}

/** The offset just after the `k`-th newline in `bytes[start, end)`, or `end` when there are fewer. */
export function afterNewlines(bytes: Uint8Array, start: number, end: number, k: number): number {
  let at = start;
  for (let seen = 0; seen < k; seen++) {
    const i = bytes.indexOf(NEWLINE, at);
    if (i === -1 || i >= end) return end;
    at = i + 1;
  }
  return at;
}

/** Newlines in `bytes` (indexOf scans natively, so long lines cost little). */
export function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) count++;
  return count;
}
