import type { ChannelType } from '../manifest/types.ts';
import type { TraceEntry } from '../wasi/trace.ts';

/** How a run ended, as ZeroVM's report said it. */
export type ExitState = 'ok' | 'exit' | 'quota' | 'timeout' | 'killed' | 'memory' | 'crash' | 'refused';

/** Accounting for one channel against its limits. */
export interface ChannelReport {
  alias: string;
  uri: string;
  type: ChannelType;
  limits: { gets: number; getSize: number; puts: number; putSize: number };
  reads: number;
  bytesRead: number;
  writes: number;
  bytesWritten: number;
  /** Calls refused with EDQUOT. */
  quotaHits: number;
  /** SHA-256 of the channel's traffic, when its etag field is 1. */
  etag?: string;
}

/** A project file the run created, changed or removed (through a write channel or a read-write mount). */
export interface FileChange {
  path: string;
  /** New contents; null when the run removed the file. */
  data: Uint8Array | null;
  /** True when the run was killed while writing, so the contents may be incomplete. */
  partial?: boolean;
}

/** The report of one sandbox run: ZeroVM's report, plus what the playground shows. */
export interface RunReport {
  state: ExitState;
  /** The guest's exit code; null when it never exited (refused, killed, crashed). */
  exitCode: number | null;
  /** The outcome in plain words: "finished with code 0", "killed: timeout after 1 s". */
  message: string;
  argv: string[];
  env: string[];
  channels: ChannelReport[];
  /** Bytes the guest wrote to /dev/stdout and /dev/stderr channels. */
  stdout: Uint8Array;
  stderr: Uint8Array;
  changes: FileChange[];
  wallMs: number;
  /** Linear memory at its largest (memory never shrinks, so its final size). */
  peakMemoryBytes: number;
  memoryLimitBytes: number;
  deterministic: boolean;
  /** Every system call, when tracing was on. */
  trace?: TraceEntry[];
  /** Calls not kept in the trace because it reached its cap. */
  traceDropped?: number;
  /** Bytes typed into the running program (live stdin), in the order sent; absent for batch stdin. */
  typedInput?: Uint8Array;
  /** Milliseconds the program spent blocked waiting for typed input (not counted towards Timeout). */
  inputWaitMs?: number;
}
