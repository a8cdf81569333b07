import {
  ERRNO_INVAL,
  ERRNO_LOOP,
  ERRNO_NAMETOOLONG,
  ERRNO_NOENT,
  ERRNO_NOTDIR,
  ERRNO_PERM,
} from './constants.ts';
import type { DirNode, FsNode } from './fs-nodes.ts';

/** Where a path led: the directory holding the last component, its name, and the node if it exists. */
export interface Resolved {
  /** Directory holding `name`; undefined when the path names the start directory itself (".", "a/.."). */
  parent: DirNode | undefined;
  name: string;
  node: FsNode | undefined;
  /** The path ended in "/", so the result must be a directory. */
  trailingSlash: boolean;
}

const MAX_SYMLINKS = 40;
/** Longest path (and symlink target) in bytes, as Linux's PATH_MAX. */
export const MAX_PATH = 4096;

/**
 * Resolves `path` beneath `start`, as openat2(RESOLVE_BENEATH) does: absolute paths and ".." above the
 * start are refused (ERRNO_PERM), symlinks are followed (the last one only if `followLast`).
 */
export function resolvePath(start: DirNode, path: string, followLast: boolean): Resolved | number {
  if (path.length === 0) return ERRNO_NOENT;
  if (path.length > MAX_PATH) return ERRNO_NAMETOOLONG;
  if (path.includes('\0')) return ERRNO_INVAL;
  if (path.startsWith('/')) return ERRNO_PERM;
  const stack: DirNode[] = [start];
  let pending = path.split('/').reverse();
  let trailingSlash = path.endsWith('/');
  let budget = MAX_SYMLINKS;
  for (;;) {
    while (
      pending.length > 0 &&
      (pending[pending.length - 1] === '' || pending[pending.length - 1] === '.')
    ) {
      pending.pop();
    }
    const part = pending.pop();
    const dir = stack[stack.length - 1]!;
    if (part === undefined) return { parent: undefined, name: '.', node: dir, trailingSlash };
    if (part === '..') {
      if (stack.length === 1) return ERRNO_PERM;
      stack.pop();
      if (pending.every((p) => p === '' || p === '.')) {
        return { parent: undefined, name: '.', node: stack[stack.length - 1], trailingSlash };
      }
      continue;
    }
    if (part.length > 255) return ERRNO_NAMETOOLONG;
    const isLast = pending.every((p) => p === '' || p === '.');
    const node = dir.entries.get(part);
    if (isLast && pending.length > 0) trailingSlash = true;
    if (node === undefined) {
      if (!isLast) return ERRNO_NOENT;
      return { parent: dir, name: part, node: undefined, trailingSlash };
    }
    if (node.kind === 'symlink' && (!isLast || followLast || trailingSlash)) {
      if (--budget === 0) return ERRNO_LOOP;
      if (node.target.startsWith('/')) return ERRNO_PERM;
      if (node.target.endsWith('/')) trailingSlash = true;
      pending = pending.concat(node.target.split('/').reverse());
      continue;
    }
    if (isLast) {
      if (trailingSlash && node.kind !== 'dir' && node.kind !== 'symlink') return ERRNO_NOTDIR;
      return { parent: dir, name: part, node, trailingSlash };
    }
    if (node.kind !== 'dir') return ERRNO_NOTDIR;
    stack.push(node);
  }
}
