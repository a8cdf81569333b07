import { isatty } from 'node:tty';
import type { StdioKind } from '../engine/stream/stdio-streams.ts';
import type { HostStdio } from './live-stdio.ts';

/** Exit code of a guest stopped for writing on to a closed pipe: 128 + SIGPIPE, as a shell shows it. */
export const BROKEN_PIPE_EXIT = 141;

/**
 * The process's own stdio for a live run. isatty() is asked of the descriptors, not of process.stdin: the
 * first touch of process.stdin makes a pipe non-blocking, so it is opened only when the guest reads.
 */
export function processStdio(): HostStdio {
  const kind = (fd: number): StdioKind => (isatty(fd) ? 'char' : 'pipe');
  return {
    openStdin: () => process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    kinds: { stdin: kind(0), stdout: kind(1), stderr: kind(2) },
  };
}

let guarded = false;

/**
 * Keeps a closed stdout or stderr (`zvm ... | head`) from ending zvm with a stack trace: Node reports EPIPE as
 * an 'error' event, and an unhandled one is thrown. The runs notice the break through their own listeners.
 */
export function guardProcessOutput(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}
