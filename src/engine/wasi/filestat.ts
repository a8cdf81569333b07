import type { SandboxClock } from './clock.ts';
import {
  FILETYPE_BLOCK_DEVICE,
  FILETYPE_CHARACTER_DEVICE,
  FILETYPE_DIRECTORY,
  FILETYPE_REGULAR_FILE,
  FILETYPE_SYMBOLIC_LINK,
  FILETYPE_UNKNOWN,
} from './constants.ts';
import type { FsNode, Times } from './fs-nodes.ts';

/** How stat() presents a channel, from nvram [mapping] or the ZRT default. */
export type ChannelMapping = 'pipe' | 'char' | 'file' | undefined;

/** The WASI filetype of a node. */
export function filetypeOf(node: FsNode): number {
  switch (node.kind) {
    case 'file':
      return FILETYPE_REGULAR_FILE;
    case 'dir':
      return FILETYPE_DIRECTORY;
    case 'symlink':
      return FILETYPE_SYMBOLIC_LINK;
    case 'channel': {
      const mapping = node.channel.mapping;
      if (mapping === 'char') return FILETYPE_CHARACTER_DEVICE;
      if (mapping === 'file') return FILETYPE_REGULAR_FILE;
      if (mapping === 'pipe') return FILETYPE_UNKNOWN;
      // ZRT: sequential channels look like character streams, random ones like block devices; a
      // read-only or write-only channel is random when that one direction is.
      const { channel } = node;
      const random = channel.seekableFor(channel.readable, channel.writable);
      return random ? FILETYPE_BLOCK_DEVICE : FILETYPE_CHARACTER_DEVICE;
    }
  }
}

/** Size stat() reports for a node. */
export function sizeOf(node: FsNode): number {
  switch (node.kind) {
    case 'file':
      return node.content.length;
    case 'dir':
      return 4096;
    case 'symlink':
      return new TextEncoder().encode(node.target).length;
    case 'channel':
      return node.channel.size;
  }
}

/** Writes a 64-byte WASI filestat for `node` at `ptr`. */
export function writeFilestat(view: DataView, ptr: number, node: FsNode): void {
  view.setBigUint64(ptr, 1n, true); // dev
  view.setBigUint64(ptr + 8, node.ino, true);
  view.setUint8(ptr + 16, filetypeOf(node));
  view.setBigUint64(ptr + 24, BigInt(node.kind === 'file' ? node.nlink : 1), true);
  view.setBigUint64(ptr + 32, BigInt(sizeOf(node)), true);
  view.setBigUint64(ptr + 40, node.times.atim, true);
  view.setBigUint64(ptr + 48, node.times.mtim, true);
  view.setBigUint64(ptr + 56, node.times.ctim, true);
}

/** Fresh timestamps for a node made now. */
export function timesNow(clock: SandboxClock): Times {
  const t = clock.fileTime();
  return { atim: t, mtim: t, ctim: t };
}
