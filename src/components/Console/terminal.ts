/** Which guest stream a chunk of program output came from. */
export type OutputStream = 'stdout' | 'stderr';

/** How a notice line is coloured: neutral information, success, or a problem. */
export type NoticeTone = 'info' | 'ok' | 'error';

/** A sink for program output and app notices (tutorialkit's ITerminal): the console, or a recording in tests. */
export interface ITerminal {
  /** Program output; bytes may end mid UTF-8 sequence (the rest comes in the next chunk). @default 'stdout' */
  write(data: Uint8Array | string, stream?: OutputStream): void;
  /** A line of its own from the app (not the program), e.g. "exited with code 1". @default 'info' */
  notice(text: string, tone?: NoticeTone): void;
  /** Empties the console and resets the output cap. */
  clear(): void;
}
