import type { Channel } from './channel.ts';
import { GrowableBytes } from './growable-bytes.ts';

let nextIno = 1n;
/** Issues a fresh inode number. */
export function issueIno(): bigint {
  return nextIno++;
}

/**
 * Numbers inodes from 1 again. A sandbox calls it before building its tree, so the numbers a guest
 * sees do not depend on the runs before it in the same thread (runs are synchronous, never interleaved).
 */
export function resetInodeNumbers(): void {
  nextIno = 1n;
}

/** Timestamps of a node in nanoseconds. */
export interface Times {
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

/** A regular file held in memory. */
export class FileNode {
  readonly kind = 'file';
  readonly ino = issueIno();
  readonly content: GrowableBytes;
  nlink = 1;
  /** Came from a read-only image mount: writes fail with EROFS. */
  readOnly = false;
  constructor(
    data: Uint8Array | undefined,
    public times: Times,
  ) {
    this.content = new GrowableBytes(data);
  }
}

/** A directory: an ordered map of names to nodes. */
export class DirNode {
  readonly kind = 'dir';
  readonly ino = issueIno();
  readonly entries = new Map<string, FsNode>();
  /** Part of a read-only image mount: nothing may be created, removed or renamed in it. */
  readOnly = false;
  constructor(public times: Times) {}
}

/** A symbolic link. */
export class SymlinkNode {
  readonly kind = 'symlink';
  readonly ino = issueIno();
  constructor(
    public readonly target: string,
    public times: Times,
  ) {}
}

/** A ZeroVM channel exposed at its alias path (e.g. /dev/input). */
export class ChannelNode {
  readonly kind = 'channel';
  readonly ino = issueIno();
  constructor(
    public readonly channel: Channel,
    public times: Times,
  ) {}
}

/** Any node of the guest filesystem. */
export type FsNode = FileNode | DirNode | SymlinkNode | ChannelNode;

/**
 * The names along a path from the root, resolved as the guest resolves them: empty and `.` parts
 * dropped, `..` going up a level (and staying at the root, as `/..` is `/`).
 */
export function guestPathParts(path: string): string[] {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return parts;
}

/** Creates (or returns) the directory at `path` below `root`, making parents as needed. */
export function ensureDir(root: DirNode, path: string, times: Times): DirNode {
  let dir = root;
  for (const part of guestPathParts(path)) {
    const existing = dir.entries.get(part);
    if (existing?.kind === 'dir') {
      dir = existing;
      continue;
    }
    const made = new DirNode(times);
    dir.entries.set(part, made);
    dir = made;
  }
  return dir;
}

/** Places `node` at `path` below `root`, creating parent directories. */
export function placeNode(root: DirNode, path: string, node: FsNode, times: Times): void {
  const parts = guestPathParts(path);
  const name = parts.pop();
  if (name === undefined) throw new Error(`cannot place a node at ${path}`);
  ensureDir(root, parts.join('/'), times).entries.set(name, node);
}
