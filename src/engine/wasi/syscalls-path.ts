import * as W from './constants.ts';
import type { Syscall, WasiContext } from './context.ts';
import type { FdEntry } from './fd-table.ts';
import { timesNow, writeFilestat } from './filestat.ts';
import { DirNode, FileNode, SymlinkNode } from './fs-nodes.ts';
import { utf8 } from './guest-memory.ts';
import { MAX_PATH, resolvePath } from './resolve-path.ts';
import type { Resolved } from './resolve-path.ts';
import { setTimes } from './syscalls-fd.ts';

const WRITE_RIGHTS = W.RIGHTS_FD_WRITE;

/** The path_* system calls, all resolved beneath their directory descriptor. */
export function pathSyscalls(ctx: WasiContext): Record<string, Syscall> {
  const { mem, fds, clock, fileSpace } = ctx;

  const dirEntry = (fd: number): FdEntry | number => {
    const entry = fds.get(fd);
    if (!entry) return W.ERRNO_BADF;
    if (entry.node.kind !== 'dir') return W.ERRNO_NOTDIR;
    return entry;
  };

  const lookup = (
    fd: number,
    ptr: number,
    len: number,
    follow: boolean,
  ): [FdEntry, Resolved, string] | number => {
    const entry = dirEntry(fd);
    if (typeof entry === 'number') return entry;
    let path: string;
    try {
      path = mem.string(ptr, len);
    } catch (e) {
      if (e instanceof RangeError) throw e;
      return W.ERRNO_ILSEQ;
    }
    const resolved = resolvePath(entry.node as DirNode, path, follow);
    if (typeof resolved === 'number') return resolved;
    return [entry, resolved, path];
  };

  const lookupPair = (
    oldFd: number,
    oldPtr: number,
    oldLen: number,
    followOld: boolean,
    newFd: number,
    newPtr: number,
    newLen: number,
  ): [Resolved, Resolved] | number => {
    const from = lookup(oldFd, oldPtr, oldLen, followOld);
    if (typeof from === 'number') return from;
    const to = lookup(newFd, newPtr, newLen, false);
    if (typeof to === 'number') return to;
    return [from[1], to[1]];
  };

  return {
    path_open(
      fd: number,
      dirflags: number,
      pathPtr: number,
      pathLen: number,
      oflags: number,
      rightsBase: bigint,
      rightsInheriting: bigint,
      fdflags: number,
      resultPtr: number,
    ) {
      const found = lookup(fd, pathPtr, pathLen, (dirflags & W.LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
      if (typeof found === 'number') return found;
      const [dirFd, r, path] = found;
      let node = r.node;
      if (node === undefined) {
        if (!(oflags & W.OFLAGS_CREAT)) return W.ERRNO_NOENT;
        if (oflags & W.OFLAGS_DIRECTORY) return W.ERRNO_INVAL;
        if (r.trailingSlash) return W.ERRNO_ISDIR;
        if (r.parent!.readOnly) return W.ERRNO_ROFS;
        node = new FileNode(undefined, timesNow(clock));
        r.parent!.entries.set(r.name, node);
      } else {
        if (oflags & W.OFLAGS_CREAT && oflags & W.OFLAGS_EXCL) return W.ERRNO_EXIST;
        if (node.kind === 'symlink') return W.ERRNO_LOOP;
        if (oflags & W.OFLAGS_DIRECTORY && node.kind !== 'dir') return W.ERRNO_NOTDIR;
        if (node.kind === 'dir' && (rightsBase & WRITE_RIGHTS || oflags & W.OFLAGS_TRUNC))
          return W.ERRNO_ISDIR;
      }
      const writable = (rightsBase & WRITE_RIGHTS) !== 0n;
      if (node.kind === 'file' && node.readOnly && (writable || oflags & W.OFLAGS_TRUNC)) return W.ERRNO_ROFS;
      if (oflags & W.OFLAGS_TRUNC && node.kind === 'file') {
        if (!(dirFd.rightsBase & W.RIGHTS_PATH_FILESTAT_SET_SIZE)) return W.ERRNO_NOTCAPABLE;
        fileSpace.take(-node.content.length);
        node.content.resize(0);
      }
      const isDir = node.kind === 'dir';
      const entry: FdEntry = {
        node,
        rightsBase: rightsBase & (isDir ? W.RIGHTS_DIRECTORY_BASE : W.RIGHTS_FILE_BASE),
        rightsInheriting: isDir ? rightsInheriting : 0n,
        fdflags,
        position: 0,
        readable: (rightsBase & W.RIGHTS_FD_READ) !== 0n || (node.kind === 'channel' && !writable),
        writable,
        path: joinGuestPath(dirFd.path, path),
      };
      mem.view().setUint32(resultPtr, fds.add(entry), true);
      return W.ERRNO_SUCCESS;
    },

    path_filestat_get(fd: number, flags: number, pathPtr: number, pathLen: number, bufPtr: number) {
      const found = lookup(fd, pathPtr, pathLen, (flags & W.LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
      if (typeof found === 'number') return found;
      const node = found[1].node;
      if (!node) return W.ERRNO_NOENT;
      writeFilestat(mem.view(), bufPtr, node);
      return W.ERRNO_SUCCESS;
    },

    path_filestat_set_times(
      fd: number,
      flags: number,
      pathPtr: number,
      pathLen: number,
      atim: bigint,
      mtim: bigint,
      fstflags: number,
    ) {
      const found = lookup(fd, pathPtr, pathLen, (flags & W.LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
      if (typeof found === 'number') return found;
      const node = found[1].node;
      if (!node) return W.ERRNO_NOENT;
      return setTimes(node.times, atim, mtim, fstflags, clock.fileTime());
    },

    path_create_directory(fd: number, pathPtr: number, pathLen: number) {
      const found = lookup(fd, pathPtr, pathLen, false);
      if (typeof found === 'number') return found;
      const r = found[1];
      if (r.node || !r.parent) return W.ERRNO_EXIST;
      if (r.parent.readOnly) return W.ERRNO_ROFS;
      r.parent.entries.set(r.name, new DirNode(timesNow(clock)));
      return W.ERRNO_SUCCESS;
    },

    path_remove_directory(fd: number, pathPtr: number, pathLen: number) {
      const found = lookup(fd, pathPtr, pathLen, false);
      if (typeof found === 'number') return found;
      const r = found[1];
      if (!r.node) return W.ERRNO_NOENT;
      if (!r.parent) return W.ERRNO_INVAL;
      if (r.node.kind !== 'dir') return W.ERRNO_NOTDIR;
      if (r.node.entries.size > 0) return W.ERRNO_NOTEMPTY;
      if (r.parent.readOnly) return W.ERRNO_ROFS;
      r.parent.entries.delete(r.name);
      return W.ERRNO_SUCCESS;
    },

    path_unlink_file(fd: number, pathPtr: number, pathLen: number) {
      const found = lookup(fd, pathPtr, pathLen, false);
      if (typeof found === 'number') return found;
      const r = found[1];
      if (!r.node) return W.ERRNO_NOENT;
      if (!r.parent || r.node.kind === 'dir') return W.ERRNO_ISDIR;
      if (r.trailingSlash) return W.ERRNO_NOTDIR;
      if (r.node.kind === 'channel') return W.ERRNO_PERM;
      if (r.parent.readOnly) return W.ERRNO_ROFS;
      r.parent.entries.delete(r.name);
      if (r.node.kind === 'file' && --r.node.nlink === 0) fileSpace.take(-r.node.content.length);
      return W.ERRNO_SUCCESS;
    },

    path_rename(fd: number, oldPtr: number, oldLen: number, newFd: number, newPtr: number, newLen: number) {
      const pair = lookupPair(fd, oldPtr, oldLen, false, newFd, newPtr, newLen);
      if (typeof pair === 'number') return pair;
      const [a, b] = pair;
      if (!a.node) return W.ERRNO_NOENT;
      if (!a.parent || !b.parent) return W.ERRNO_BUSY;
      if (a.node.kind !== 'dir' && (a.trailingSlash || b.trailingSlash)) return W.ERRNO_NOTDIR;
      if (a.node.kind === 'channel') return W.ERRNO_PERM;
      if (b.node === a.node) return W.ERRNO_SUCCESS;
      if (b.node) {
        if (a.node.kind === 'dir') {
          if (b.node.kind !== 'dir') return W.ERRNO_NOTDIR;
          if (b.node.entries.size > 0) return W.ERRNO_NOTEMPTY;
        } else if (b.node.kind === 'dir') return W.ERRNO_ISDIR;
        if (b.node.kind === 'channel') return W.ERRNO_PERM;
      }
      if (a.node.kind === 'dir' && contains(a.node, b.parent)) return W.ERRNO_INVAL;
      if (a.parent.readOnly || b.parent.readOnly) return W.ERRNO_ROFS;
      a.parent.entries.delete(a.name);
      b.parent.entries.set(b.name, a.node);
      return W.ERRNO_SUCCESS;
    },

    path_link(
      oldFd: number,
      oldFlags: number,
      oldPtr: number,
      oldLen: number,
      newFd: number,
      newPtr: number,
      newLen: number,
    ) {
      const follow = (oldFlags & W.LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0;
      const pair = lookupPair(oldFd, oldPtr, oldLen, follow, newFd, newPtr, newLen);
      if (typeof pair === 'number') return pair;
      const [a, b] = pair;
      if (!a.node) return W.ERRNO_NOENT;
      if (a.node.kind === 'dir') return W.ERRNO_PERM;
      if (b.node || !b.parent) return W.ERRNO_EXIST;
      if (b.trailingSlash || a.trailingSlash) return W.ERRNO_NOENT;
      if (b.parent.readOnly) return W.ERRNO_ROFS;
      b.parent.entries.set(b.name, a.node);
      if (a.node.kind === 'file') a.node.nlink++;
      return W.ERRNO_SUCCESS;
    },

    path_symlink(oldPtr: number, oldLen: number, fd: number, newPtr: number, newLen: number) {
      // Targets are held in host memory: no longer than a path may be.
      if (oldLen > MAX_PATH) return W.ERRNO_NAMETOOLONG;
      const target = mem.string(oldPtr, oldLen);
      // A link may not point outside the directory tree it lives in.
      if (target.startsWith('/')) return W.ERRNO_PERM;
      const found = lookup(fd, newPtr, newLen, false);
      if (typeof found === 'number') return found;
      const r = found[1];
      if (r.node || !r.parent) return W.ERRNO_EXIST;
      if (r.trailingSlash) return W.ERRNO_NOENT;
      if (r.parent.readOnly) return W.ERRNO_ROFS;
      r.parent.entries.set(r.name, new SymlinkNode(target, timesNow(clock)));
      return W.ERRNO_SUCCESS;
    },

    path_readlink(
      fd: number,
      pathPtr: number,
      pathLen: number,
      buf: number,
      bufLen: number,
      nreadPtr: number,
    ) {
      const found = lookup(fd, pathPtr, pathLen, false);
      if (typeof found === 'number') return found;
      const node = found[1].node;
      if (!node) return W.ERRNO_NOENT;
      if (node.kind !== 'symlink') return W.ERRNO_INVAL;
      const bytes = utf8(node.target);
      const n = Math.min(bytes.length, bufLen);
      mem.u8().set(bytes.subarray(0, n), buf);
      mem.view().setUint32(nreadPtr, n, true);
      return W.ERRNO_SUCCESS;
    },
  };
}

/** True when `inner` is `outer` or lies somewhere beneath it. */
function contains(outer: DirNode, inner: DirNode): boolean {
  // A stack of its own: a guest can nest directories deeper than the JS call stack goes.
  const pending = [outer];
  for (let dir = pending.pop(); dir; dir = pending.pop()) {
    if (dir === inner) return true;
    for (const child of dir.entries.values()) if (child.kind === 'dir') pending.push(child);
  }
  return false;
}

/** Joins a directory's guest path and a relative path, for display only. */
export function joinGuestPath(dir: string, path: string): string {
  if (dir === '' || dir === '.') return path;
  return dir.endsWith('/') ? dir + path : `${dir}/${path}`;
}
