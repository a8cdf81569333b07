/** One `[fstab]` entry: a tar image channel mounted into the guest root, or a subtree exported to it. */
export interface FstabEntry {
  /** Alias of the channel holding the image, e.g. `/dev/mount/root`. */
  channel: string;
  /** Absolute guest path. */
  mountpoint: string;
  /** `ro`: unpack the image read-only at the mountpoint; `wo`: tar the subtree into the channel at exit; `rw`: playground extension for project directories mounted read-write (zvm exec --dir). */
  access: 'ro' | 'wo' | 'rw';
  removable: boolean;
  line: number;
}

/** One `[mapping]` entry: what `stat()` reports for a channel. */
export interface MappingEntry {
  channel: string;
  mode: 'pipe' | 'char' | 'file';
  line: number;
}

/** A parsed ZRT nvram configuration (ZEROVM.md §3). */
export interface Nvram {
  /** argv, argv[0] included; undefined when there is no `[args]` section. */
  args?: string[];
  env: Array<[name: string, value: string]>;
  fstab: FstabEntry[];
  mapping: MappingEntry[];
  /** Starting clock value in seconds since the epoch, from `[time]`. */
  time?: number;
  /** `[debug]` verbosity 0..4. */
  debugVerbosity?: number;
  precache?: boolean;
}
