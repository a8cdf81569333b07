import type { Manifest } from '../engine/manifest/types.ts';
import type { Nvram } from '../engine/nvram/types.ts';
import type { RunReport } from '../engine/run/report.ts';
import type { StdioLink } from './stdio-link.ts';

/** Main thread -> sandbox thread: one run. */
export interface ThreadRunMessage {
  type: 'run';
  manifest: Manifest;
  nvram?: Nvram;
  program: Uint8Array;
  files: Array<[string, Uint8Array]>;
  stdin: Uint8Array;
  deterministic: boolean;
  trace: boolean;
  /** Shared per-channel counters (see engine channel.ts). */
  counters: SharedArrayBuffer;
  /** Shared per-channel byte lengths. */
  lengths: SharedArrayBuffer;
  /** Live stdio joined to the host's streams, in place of `stdin` and collected console output. */
  stdio?: StdioLink;
}

/** Sandbox thread -> main thread. */
export type ThreadMessage =
  | { type: 'started' }
  | { type: 'grow'; channel: number; buffer: SharedArrayBuffer }
  | { type: 'done'; report: RunReport }
  | { type: 'error'; message: string };
