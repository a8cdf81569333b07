import type { NoticeTone, OutputStream } from './terminal.ts';

/** Program output kept as raw bytes (whole UTF-8 characters only): `bytes[start, end)`. */
export interface OutputPiece {
  kind: 'output';
  stream: OutputStream;
  bytes: Uint8Array;
  start: number;
  end: number;
}

/** An app notice, kept in order with the output around it. */
export interface NoticePiece {
  kind: 'notice';
  text: string;
  tone: NoticeTone;
}

/** What the tail keeps, oldest first. */
export type TailPiece = OutputPiece | NoticePiece;

/** Small writes are gathered into blocks of this size, so a flood of one-byte writes stays compact. */
const BLOCK_BYTES = 16 * 1024;
/** How far past a cut the tail looks for a newline, to start on a whole line. */
const LINE_SEARCH_BYTES = 4 * 1024;
/** Notices from the left-out part kept at most; older ones are only counted. */
export const MAX_MIDDLE_NOTICES = 100;
const NEWLINE = 0x0a;

/**
 * The last `capBytes` of program output after the console's head, as raw bytes (decoded only when shown).
 * When more arrives, the oldest stdout is left out (counted in bytes and lines). Older stderr and notices
 * are not pushed out by stdout: they move to the "middle" (shown after the left-out line), where stderr
 * keeps up to `stderrBytes` of the total and notices up to MAX_MIDDLE_NOTICES.
 */
export class OutputTail {
  readonly capBytes: number;
  readonly stderrBytes: number;
  #pieces: TailPiece[] = [];
  #middle: TailPiece[] = [];
  #pieceBytes = 0;
  #middleBytes = 0;
  #middleNotices = 0;
  #omittedBytes = 0;
  #omittedLines = 0;
  #omittedNotices = 0;
  #capped = false;
  /** Whether the last byte left out of each stream ended a line. */
  #endedLine: Record<OutputStream, boolean> = { stdout: true, stderr: true };

  constructor(capBytes: number, stderrBytes = Math.floor(capBytes / 4)) {
    this.capBytes = Math.max(0, Math.floor(capBytes));
    this.stderrBytes = Math.min(this.capBytes, Math.max(0, Math.floor(stderrBytes)));
  }

  /** Whether anything has been left out (from then on the console shows head, left-out line, tail). */
  get capped(): boolean {
    return this.#capped;
  }

  /** Program output bytes kept (shown). */
  get keptBytes(): number {
    return this.#pieceBytes + this.#middleBytes;
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
    // Stdout that would be pushed out at once is only counted, never copied.
    if (stream === 'stdout' && bytes.length > this.capBytes) {
      const skip = this.#leaveOut({ kind: 'output', stream, bytes, start: 0, end: bytes.length }, bytes.length - this.capBytes);
      bytes = bytes.subarray(skip);
      this.#capped = true;
    }
    this.#append(stream, bytes);
    this.#evict();
  }

  /** Adds a notice line after the output so far. */
  pushNotice(text: string, tone: NoticeTone): void {
    this.#pieces.push({ kind: 'notice', text, tone });
  }

  #append(stream: OutputStream, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#pieceBytes += bytes.length;
    const last = this.#pieces.at(-1);
    if (last?.kind === 'output' && last.stream === stream && last.bytes.length - last.end >= bytes.length) {
      last.bytes.set(bytes, last.end);
      last.end += bytes.length;
      return;
    }
    const block = new Uint8Array(Math.max(BLOCK_BYTES, bytes.length));
    block.set(bytes);
    this.#pieces.push({ kind: 'output', stream, bytes: block, start: 0, end: bytes.length });
  }

  /** Moves the oldest pieces out until the kept bytes fit the cap. */
  #evict(): void {
    let evicted = false;
    while (this.keptBytes > this.capBytes && this.#pieces.length > 0) {
      evicted = true;
      const first = this.#pieces[0]!;
      if (first.kind === 'notice' || first.stream === 'stderr') {
        this.#pieces.shift();
        this.#toMiddle(first);
        continue;
      }
      const size = first.end - first.start;
      const dropped = this.#leaveOut(first, this.keptBytes - this.capBytes);
      this.#pieceBytes -= dropped;
      if (dropped === size) this.#pieces.shift();
    }
    if (!evicted) return;
    this.#capped = true;
    // Start the tail on a whole line when the cut fell inside one.
    const first = this.#pieces[0];
    if (first?.kind === 'output' && first.stream === 'stdout' && !this.#endedLine.stdout) {
      this.#pieceBytes -= this.#leaveOut(first, 0);
      if (first.start === first.end) this.#pieces.shift();
    }
  }

  #toMiddle(piece: TailPiece): void {
    this.#middle.push(piece);
    if (piece.kind === 'notice') {
      this.#middleNotices++;
      if (this.#middleNotices > MAX_MIDDLE_NOTICES) {
        this.#middle.splice(this.#middle.findIndex((p) => p.kind === 'notice'), 1);
        this.#middleNotices--;
        this.#omittedNotices++;
      }
      return;
    }
    this.#pieceBytes -= piece.end - piece.start;
    this.#middleBytes += piece.end - piece.start;
    while (this.#middleBytes > this.stderrBytes) {
      const index = this.#middle.findIndex((p) => p.kind === 'output');
      const oldest = this.#middle[index] as OutputPiece;
      this.#middleBytes -= this.#leaveOut(oldest, this.#middleBytes - this.stderrBytes);
      if (oldest.start === oldest.end) this.#middle.splice(index, 1);
    }
  }

  /**
   * Leaves out at least `n` bytes from the front of `piece` (moving its start), then up to the next character
   * boundary and, when the cut fell inside a line, up to the end of that line if it is near. Returns the
   * bytes left out, which are counted.
   */
  #leaveOut(piece: OutputPiece, n: number): number {
    const { bytes, start, end } = piece;
    let cut = Math.min(end, start + n);
    for (let k = 0; k < 3 && cut < end && (bytes[cut]! & 0xc0) === 0x80; k++) cut++;
    const endedLine = cut > start ? bytes[cut - 1] === NEWLINE : this.#endedLine[piece.stream];
    if (!endedLine && cut < end) {
      const newline = bytes.subarray(cut, Math.min(end, cut + LINE_SEARCH_BYTES)).indexOf(NEWLINE);
      if (newline !== -1) cut += newline + 1;
    }
    if (cut === start) return 0;
    this.#omittedBytes += cut - start;
    this.#omittedLines += countNewlines(bytes.subarray(start, cut));
    this.#endedLine[piece.stream] = bytes[cut - 1] === NEWLINE;
    piece.start = cut;
    return cut - start;
  }
}

/** Newlines in `bytes` (indexOf scans natively, so long lines cost little). */
export function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) count++;
  return count;
}
