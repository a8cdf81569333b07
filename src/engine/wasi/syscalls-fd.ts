import * as W from './constants.ts';
import type { Syscall, WasiContext } from './context.ts';
import { readEntry, writeEntry } from './file-io.ts';
import { filetypeOf, writeFilestat } from './filestat.ts';
import { utf8 } from './guest-memory.ts';

/** The fd_* system calls. */
export function fdSyscalls(ctx: WasiContext): Record<string, Syscall> {
  const { mem, fds, clock, fileSpace } = ctx;

  const readv = (
    fd: number,
    iovsPtr: number,
    iovsLen: number,
    resultPtr: number,
    offset?: bigint,
  ): number => {
    const entry = fds.get(fd);
    if (!entry) return W.ERRNO_BADF;
    if (offset !== undefined && entry.node.kind === 'dir') return W.ERRNO_ISDIR;
    const iovs = mem.iovecs(iovsPtr, iovsLen);
    let want = 0;
    for (const [, l] of iovs) want += l;
    const at = offset === undefined ? undefined : Number(offset);
    const { errno, data } = readEntry(entry, want, at);
    if (errno !== W.ERRNO_SUCCESS) return errno;
    mem.view().setUint32(resultPtr, mem.scatter(iovs, data), true);
    return W.ERRNO_SUCCESS;
  };

  const writev = (
    fd: number,
    iovsPtr: number,
    iovsLen: number,
    resultPtr: number,
    offset?: bigint,
  ): number => {
    const entry = fds.get(fd);
    if (!entry) return W.ERRNO_BADF;
    const data = mem.gather(mem.iovecs(iovsPtr, iovsLen));
    const at = offset === undefined ? undefined : Number(offset);
    const { errno, written } = writeEntry(entry, data, fileSpace, at);
    if (errno !== W.ERRNO_SUCCESS) return errno;
    mem.view().setUint32(resultPtr, written, true);
    return W.ERRNO_SUCCESS;
  };

  return {
    fd_read: (fd: number, iovs: number, iovsLen: number, nread: number) => readv(fd, iovs, iovsLen, nread),
    fd_pread: (fd: number, iovs: number, iovsLen: number, offset: bigint, nread: number) =>
      readv(fd, iovs, iovsLen, nread, offset),
    fd_write: (fd: number, iovs: number, iovsLen: number, nwritten: number) =>
      writev(fd, iovs, iovsLen, nwritten),
    fd_pwrite: (fd: number, iovs: number, iovsLen: number, offset: bigint, nwritten: number) =>
      writev(fd, iovs, iovsLen, nwritten, offset),

    fd_seek(fd: number, offset: bigint, whence: number, resultPtr: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      const node = entry.node;
      if (node.kind === 'dir') return W.ERRNO_BADF;
      if (node.kind === 'channel') {
        const { readable, writable } = entry;
        if (!node.channel.seekableFor(readable, writable)) return W.ERRNO_SPIPE;
        const base =
          whence === W.WHENCE_SET
            ? 0
            : whence === W.WHENCE_CUR
              ? node.channel.tell(readable, writable)
              : node.channel.size;
        if (whence > W.WHENCE_END) return W.ERRNO_INVAL;
        const target = base + Number(offset);
        if (target < 0) return W.ERRNO_INVAL;
        node.channel.seek(target, readable, writable);
        mem.view().setBigUint64(resultPtr, BigInt(target), true);
        return W.ERRNO_SUCCESS;
      }
      if (node.kind !== 'file') return W.ERRNO_BADF;
      let base: number;
      if (whence === W.WHENCE_SET) base = 0;
      else if (whence === W.WHENCE_CUR) base = entry.position;
      else if (whence === W.WHENCE_END) base = node.content.length;
      else return W.ERRNO_INVAL;
      const target = base + Number(offset);
      if (target < 0) return W.ERRNO_INVAL;
      entry.position = target;
      mem.view().setBigUint64(resultPtr, BigInt(target), true);
      return W.ERRNO_SUCCESS;
    },

    fd_tell(fd: number, resultPtr: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      const node = entry.node;
      if (node.kind === 'dir') return W.ERRNO_BADF;
      if (node.kind === 'channel') {
        if (!node.channel.seekableFor(entry.readable, entry.writable)) return W.ERRNO_SPIPE;
        mem.view().setBigUint64(resultPtr, BigInt(node.channel.tell(entry.readable, entry.writable)), true);
        return W.ERRNO_SUCCESS;
      }
      mem.view().setBigUint64(resultPtr, BigInt(entry.position), true);
      return W.ERRNO_SUCCESS;
    },

    fd_close(fd: number) {
      return fds.close(fd) ? W.ERRNO_SUCCESS : W.ERRNO_BADF;
    },

    fd_renumber(from: number, to: number) {
      const entry = fds.get(from);
      if (!entry || !fds.get(to)) return W.ERRNO_BADF;
      if (from === to) return W.ERRNO_SUCCESS;
      fds.set(to, entry);
      fds.close(from);
      return W.ERRNO_SUCCESS;
    },

    fd_fdstat_get(fd: number, ptr: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      const view = mem.view();
      view.setUint8(ptr, filetypeOf(entry.node));
      view.setUint16(ptr + 2, entry.fdflags, true);
      view.setBigUint64(ptr + 8, entry.rightsBase, true);
      view.setBigUint64(ptr + 16, entry.rightsInheriting, true);
      return W.ERRNO_SUCCESS;
    },

    fd_fdstat_set_flags(fd: number, flags: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      if (
        flags & ~(W.FDFLAGS_APPEND | W.FDFLAGS_NONBLOCK | W.FDFLAGS_DSYNC | W.FDFLAGS_RSYNC | W.FDFLAGS_SYNC)
      ) {
        return W.ERRNO_INVAL;
      }
      entry.fdflags = flags;
      return W.ERRNO_SUCCESS;
    },

    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      if ((base & ~entry.rightsBase) !== 0n || (inheriting & ~entry.rightsInheriting) !== 0n) {
        return W.ERRNO_NOTCAPABLE;
      }
      entry.rightsBase = base;
      entry.rightsInheriting = inheriting;
      if (!(base & W.RIGHTS_FD_READ)) entry.readable = false;
      if (!(base & W.RIGHTS_FD_WRITE)) entry.writable = false;
      return W.ERRNO_SUCCESS;
    },

    fd_filestat_get(fd: number, ptr: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      writeFilestat(mem.view(), ptr, entry.node);
      return W.ERRNO_SUCCESS;
    },

    fd_filestat_set_size(fd: number, size: bigint) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      if (entry.node.kind === 'dir') return W.ERRNO_ISDIR;
      if (entry.node.kind !== 'file' || !entry.writable) return W.ERRNO_BADF;
      // The size is a u64 that arrives signed: a "negative" one is beyond any file.
      if (size < 0n || size > BigInt(2 ** 32)) return W.ERRNO_FBIG;
      if (!fileSpace.take(Number(size) - entry.node.content.length)) return W.ERRNO_NOSPC;
      entry.node.content.resize(Number(size));
      return W.ERRNO_SUCCESS;
    },

    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      return setTimes(entry.node.times, atim, mtim, flags, clock.fileTime());
    },

    fd_allocate(fd: number, offset: bigint, len: bigint) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      if (entry.node.kind === 'dir') return W.ERRNO_ISDIR;
      if (entry.node.kind !== 'file' || !entry.writable) return W.ERRNO_BADF;
      const end = offset + len;
      if (end > BigInt(2 ** 32)) return W.ERRNO_FBIG;
      const growth = Number(end) - entry.node.content.length;
      if (growth <= 0) return W.ERRNO_SUCCESS;
      if (!fileSpace.take(growth)) return W.ERRNO_NOSPC;
      entry.node.content.resize(Number(end));
      return W.ERRNO_SUCCESS;
    },

    fd_advise(fd: number, _offset: bigint, _len: bigint, advice: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      if (entry.node.kind === 'dir') return W.ERRNO_BADF;
      return advice > 5 ? W.ERRNO_INVAL : W.ERRNO_SUCCESS;
    },

    fd_datasync: (fd: number) => (fds.get(fd) ? W.ERRNO_SUCCESS : W.ERRNO_BADF),
    fd_sync: (fd: number) => (fds.get(fd) ? W.ERRNO_SUCCESS : W.ERRNO_BADF),

    fd_prestat_get(fd: number, ptr: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      if (entry.preopen === undefined) return W.ERRNO_BADF;
      const view = mem.view();
      view.setUint8(ptr, W.PREOPENTYPE_DIR);
      view.setUint32(ptr + 4, utf8(entry.preopen).length, true);
      return W.ERRNO_SUCCESS;
    },

    fd_prestat_dir_name(fd: number, pathPtr: number, pathLen: number) {
      const entry = fds.get(fd);
      if (!entry || entry.preopen === undefined) return W.ERRNO_BADF;
      const name = utf8(entry.preopen);
      if (pathLen < name.length) return W.ERRNO_NAMETOOLONG;
      mem.u8().set(name, pathPtr);
      return W.ERRNO_SUCCESS;
    },

    fd_readdir(fd: number, buf: number, bufLen: number, cookie: bigint, bufUsedPtr: number) {
      const entry = fds.get(fd);
      if (!entry) return W.ERRNO_BADF;
      const dir = entry.node;
      if (dir.kind !== 'dir') return W.ERRNO_NOTDIR;
      const listing: Array<[string, bigint, number]> = [
        ['.', dir.ino, W.FILETYPE_DIRECTORY],
        ['..', dir.ino, W.FILETYPE_DIRECTORY],
      ];
      for (const [name, node] of dir.entries) listing.push([name, node.ino, filetypeOf(node)]);
      const scratch = new Uint8Array(bufLen);
      let used = 0;
      for (let i = Number(cookie); i < listing.length && used < bufLen; i++) {
        const [name, ino, type] = listing[i]!;
        const nameBytes = utf8(name);
        const record = new Uint8Array(24 + nameBytes.length);
        const rv = new DataView(record.buffer);
        rv.setBigUint64(0, BigInt(i + 1), true);
        rv.setBigUint64(8, ino, true);
        rv.setUint32(16, nameBytes.length, true);
        rv.setUint8(20, type);
        record.set(nameBytes, 24);
        const n = Math.min(record.length, bufLen - used);
        scratch.set(record.subarray(0, n), used);
        used += n;
      }
      mem.u8().set(scratch.subarray(0, used), buf);
      mem.view().setUint32(bufUsedPtr, used, true);
      return W.ERRNO_SUCCESS;
    },
  };
}

/** Applies fd/path_filestat_set_times flags to a node's times. */
export function setTimes(
  times: { atim: bigint; mtim: bigint },
  atim: bigint,
  mtim: bigint,
  flags: number,
  now: bigint,
): number {
  if (flags & ~0xf) return W.ERRNO_INVAL;
  if (flags & W.FSTFLAGS_ATIM && flags & W.FSTFLAGS_ATIM_NOW) return W.ERRNO_INVAL;
  if (flags & W.FSTFLAGS_MTIM && flags & W.FSTFLAGS_MTIM_NOW) return W.ERRNO_INVAL;
  if (flags & W.FSTFLAGS_ATIM) times.atim = atim;
  if (flags & W.FSTFLAGS_ATIM_NOW) times.atim = now;
  if (flags & W.FSTFLAGS_MTIM) times.mtim = mtim;
  if (flags & W.FSTFLAGS_MTIM_NOW) times.mtim = now;
  return W.ERRNO_SUCCESS;
}
