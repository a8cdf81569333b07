import type { Manifest } from '../engine/manifest/types.ts';
import type { Nvram } from '../engine/nvram/types.ts';
import type { RunReport } from '../engine/run/report.ts';

/** Bumped whenever a message changes shape, so a stale cached worker is noticed. */
export const PROTOCOL_VERSION = 2;

/** Which console stream a chunk of output belongs to. */
export type OutputStream = 'stdout' | 'stderr';

/** Page -> worker: run one program (a worker runs one at a time; kill = terminate()). */
export interface RunMessage {
  type: 'run';
  runId: string;
  manifest: Manifest;
  nvram?: Nvram;
  program: Uint8Array;
  /** Cache key of the program's bytes (size and hash), so a warm run of the same module skips compiling. */
  programKey: string;
  files: Array<[string, Uint8Array]>;
  stdin: Uint8Array;
  deterministic: boolean;
  trace: boolean;
  /** Shared per-channel counters (engine channel.ts layout); null when the page is not cross-origin isolated. */
  counters: SharedArrayBuffer | null;
  /** Shared per-channel byte lengths; null when the page is not cross-origin isolated. */
  lengths: SharedArrayBuffer | null;
  /** Live stdin: a BytePipe (engine stream/byte-pipe.ts) the page writes typed input to; null for batch `stdin`. */
  stdinPipe: SharedArrayBuffer | null;
  /** A WaitClock (engine stream/wait-clock.ts) timing the guest's waits on `stdinPipe`; null without one. */
  waits: SharedArrayBuffer | null;
}

/** A program a fresh worker should compile ahead of time, for the Memory it will run with. */
export interface ProgramToPrepare {
  programKey: string;
  program: Uint8Array;
  memory: number;
}

/** Page -> a fresh spare worker: warm the engine up and compile these programs, so the next run starts at once. */
export interface PrepareMessage {
  type: 'prepare';
  programs: ProgramToPrepare[];
}

/** Every message the page sends to the sandbox worker. */
export type HostToWorker = RunMessage | PrepareMessage;

/** Every message the sandbox worker sends to the page. */
export type WorkerToHost =
  | { type: 'ready'; version: typeof PROTOCOL_VERSION }
  | { type: 'started'; runId: string }
  | { type: 'grow'; runId: string; channel: number; buffer: SharedArrayBuffer }
  | { type: 'output'; runId: string; stream: OutputStream; chunk: Uint8Array }
  | { type: 'done'; runId: string; report: RunReport }
  | { type: 'crash'; runId: string; error: { name: string; message: string } };

/** Sends one message from the worker, transferring the listed buffers. */
export type PostToHost = (message: WorkerToHost, transfer?: Transferable[]) => void;

/** Fails loudly when a switch over a message union misses a case. */
export function assertNever(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}
