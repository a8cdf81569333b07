import {
  ERRNO_BADF,
  ERRNO_FBIG,
  ERRNO_ISDIR,
  ERRNO_NOSPC,
  ERRNO_SUCCESS,
  FDFLAGS_APPEND,
} from './constants.ts';
import type { FdEntry } from './fd-table.ts';
import type { FileSpace } from './file-space.ts';

const EMPTY = new Uint8Array(0);
const MAX_FILE = 2 ** 32;

/** Reads from an open descriptor: a regular file at its position (or `offset`), or a channel. */
export function readEntry(
  entry: FdEntry,
  size: number,
  offset?: number,
): { errno: number; data: Uint8Array } {
  const node = entry.node;
  if (node.kind === 'channel')
    return entry.readable ? node.channel.read(size, offset) : { errno: ERRNO_BADF, data: EMPTY };
  if (node.kind === 'dir') return { errno: ERRNO_ISDIR, data: EMPTY };
  if (node.kind !== 'file' || !entry.readable) return { errno: ERRNO_BADF, data: EMPTY };
  const at = offset ?? entry.position;
  const data = node.content.read(at, size);
  if (offset === undefined) entry.position += data.length;
  return { errno: ERRNO_SUCCESS, data };
}

/** Writes to an open descriptor; O_APPEND writes go to the end of the file, which grows within `space`. */
export function writeEntry(
  entry: FdEntry,
  data: Uint8Array,
  space: FileSpace,
  offset?: number,
): { errno: number; written: number } {
  const node = entry.node;
  if (node.kind === 'channel') {
    return entry.writable ? node.channel.write(data, offset) : { errno: ERRNO_BADF, written: 0 };
  }
  if (node.kind === 'dir') return { errno: ERRNO_ISDIR, written: 0 };
  if (node.kind !== 'file' || !entry.writable) return { errno: ERRNO_BADF, written: 0 };
  const append = (entry.fdflags & FDFLAGS_APPEND) !== 0;
  const at = offset ?? (append ? node.content.length : entry.position);
  if (at + data.length > MAX_FILE) return { errno: ERRNO_FBIG, written: 0 };
  const growth = Math.max(0, at + data.length - node.content.length);
  if (!space.take(growth)) return { errno: ERRNO_NOSPC, written: 0 };
  node.content.write(at, data);
  if (offset === undefined) entry.position = at + data.length;
  return { errno: ERRNO_SUCCESS, written: data.length };
}
