import type { SandboxClock } from './clock.ts';
import type { FdTable } from './fd-table.ts';
import type { FileSpace } from './file-space.ts';
import type { GuestMemory } from './guest-memory.ts';

/** What every system call implementation works on. */
export interface WasiContext {
  mem: GuestMemory;
  fds: FdTable;
  clock: SandboxClock;
  /** argv, argv[0] included. */
  args: string[];
  /** `NAME=value` strings. */
  env: string[];
  /** What the in-memory files may still grow by. */
  fileSpace: FileSpace;
}

/** Thrown by proc_exit to unwind the guest; carries the exit code. */
export class ProcExit extends Error {
  constructor(readonly code: number) {
    super(`exit with code ${code}`);
  }
}

/** A system call: numbers and bigints in, an errno out. */
export type Syscall = (...args: never[]) => number;
