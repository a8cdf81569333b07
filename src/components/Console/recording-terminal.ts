import { ConsoleBuffer } from './console-buffer.ts';
import type { ITerminal, NoticeTone, OutputStream } from './terminal.ts';

/** One call made on a recording terminal, in order. */
export type TerminalEvent =
  | { type: 'write'; stream: OutputStream; data: Uint8Array | string }
  | { type: 'notice'; text: string; tone: NoticeTone }
  | { type: 'clear' };

/** An in-memory ITerminal for tests: every call, plus the plain text the console would show. */
export interface RecordingTerminal extends ITerminal {
  /** Every call since creation (clear() is recorded too, not applied). */
  readonly events: TerminalEvent[];
  /** What the console would show since the last clear, as plain text (capped the same way). */
  text(): string;
  /** Decoded output of one stream since the last clear (not capped). */
  output(stream: OutputStream): string;
  /** Program output bytes dropped by the cap since the last clear. */
  droppedBytes(): number;
}

/** Creates an in-memory terminal; `capBytes` as in the console. @default 1 MiB */
export function createRecordingTerminal(capBytes?: number): RecordingTerminal {
  const buffer = new ConsoleBuffer(capBytes);
  const events: TerminalEvent[] = [];
  let streams = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  let outputs = { stdout: '', stderr: '' };
  return {
    events,
    write(data, stream = 'stdout') {
      events.push({ type: 'write', stream, data: typeof data === 'string' ? data : data.slice() });
      outputs[stream] += typeof data === 'string' ? data : streams[stream].decode(data, { stream: true });
      buffer.write(data, stream);
    },
    notice(text, tone = 'info') {
      events.push({ type: 'notice', text, tone });
      buffer.notice(text, tone);
    },
    clear() {
      events.push({ type: 'clear' });
      buffer.clear();
      streams = { stdout: new TextDecoder(), stderr: new TextDecoder() };
      outputs = { stdout: '', stderr: '' };
    },
    text: () => buffer.plainText(),
    output: (stream) => outputs[stream],
    droppedBytes: () => buffer.droppedBytes,
  };
}
