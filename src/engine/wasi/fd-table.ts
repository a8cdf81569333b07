import type { FsNode } from './fs-nodes.ts';

/** One open file descriptor. */
export interface FdEntry {
  node: FsNode;
  rightsBase: bigint;
  rightsInheriting: bigint;
  fdflags: number;
  /** File position (regular files; channels keep their own). */
  position: number;
  readable: boolean;
  writable: boolean;
  /** Guest path, for traces and preopens. */
  path: string;
  /** Set on preopened directories: the name fd_prestat_dir_name returns. */
  preopen?: string;
}

/** The guest's descriptor table: the lowest free number is handed out first, as POSIX does. */
export class FdTable {
  private readonly entries: Array<FdEntry | undefined> = [];

  /** The entry for `fd`, or undefined when it is not open. */
  get(fd: number): FdEntry | undefined {
    return this.entries[fd];
  }

  /** Opens `entry` at the lowest free descriptor. */
  add(entry: FdEntry): number {
    let fd = this.entries.indexOf(undefined);
    if (fd < 0) fd = this.entries.length;
    this.entries[fd] = entry;
    return fd;
  }

  /** Places `entry` at exactly `fd` (stdio and preopens). */
  set(fd: number, entry: FdEntry): void {
    this.entries[fd] = entry;
  }

  /** Closes `fd`; false when it was not open. */
  close(fd: number): boolean {
    if (this.entries[fd] === undefined) return false;
    this.entries[fd] = undefined;
    while (this.entries.length > 0 && this.entries[this.entries.length - 1] === undefined) this.entries.pop();
    return true;
  }

  /** Every open descriptor number. */
  open(): number[] {
    const result: number[] = [];
    this.entries.forEach((e, fd) => e && result.push(fd));
    return result;
  }
}
