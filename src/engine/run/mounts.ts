import { readTarImage, writeTarImage } from '../image/tar-image.ts';
import type { Nvram } from '../nvram/types.ts';
import type { Channel } from '../wasi/channel.ts';
import type { SandboxClock } from '../wasi/clock.ts';
import { timesNow } from '../wasi/filestat.ts';
import { FileNode, SymlinkNode, ensureDir, guestPathParts, placeNode } from '../wasi/fs-nodes.ts';
import type { DirNode, FsNode } from '../wasi/fs-nodes.ts';
import { SandboxRefusal } from './build-sandbox.ts';
import { filesUnder, isFolderMark, isProjectDirectory, normalizeProjectPath } from './project-files.ts';
import type { ProjectFiles } from './project-files.ts';
import type { FileChange } from './report.ts';

/** A mount that does something at exit: `wo` exports to a tar channel, `rw` writes back to the project. */
export type ExitMount =
  | { access: 'wo'; mountpoint: string; channel: Channel }
  | { access: 'rw'; mountpoint: string; projectDir: string };

const CHUNK = 64 * 1024;

/** Mounts the nvram [fstab] entries into the guest root; returns what must happen at exit. */
export function applyMounts(
  root: DirNode,
  nvram: Nvram | undefined,
  channels: Channel[],
  files: ProjectFiles,
  clock: SandboxClock,
): ExitMount[] {
  const exits: ExitMount[] = [];
  const times = timesNow(clock);
  for (const entry of nvram?.fstab ?? []) {
    const channel = channels.find((c) => c.spec.alias === entry.channel);
    if (!channel) {
      throw new SandboxRefusal(
        `[fstab] mounts ${entry.channel}, but the manifest has no channel with that alias`,
      );
    }
    const target = ensureDir(root, entry.mountpoint, times);
    const existing = entry.access === 'ro' ? nodesBeneath(target) : undefined;
    const projectDir = channel.host === 'file' ? normalizeProjectPath(channel.spec.uri) : undefined;
    const isDir = projectDir !== undefined && isProjectDirectory(files, projectDir) && !files.has(projectDir);
    if (entry.access === 'wo') {
      exits.push({ access: 'wo', mountpoint: entry.mountpoint, channel });
    } else if (entry.access === 'rw' || isDir) {
      if (projectDir === undefined)
        throw new SandboxRefusal(`[fstab] ${entry.channel} is not a project folder`);
      for (const [path, data] of filesUnder(files, projectDir)) {
        if (isFolderMark(path)) ensureDir(target, path, times);
        else placeNode(target, path, new FileNode(data, times), times);
      }
      if (entry.access === 'rw') exits.push({ access: 'rw', mountpoint: entry.mountpoint, projectDir });
      else markReadOnly(target, existing!);
    } else {
      const image = readWholeChannel(channel);
      const tar = readTarImage(image);
      if (!tar.ok) throw new SandboxRefusal(`[fstab] ${entry.channel} (${channel.spec.uri}): ${tar.reason}`);
      for (const item of tar.entries) {
        if (item.kind === 'directory') ensureDir(target, item.path, times);
        else if (item.kind === 'symlink')
          placeNode(target, item.path, new SymlinkNode(item.target ?? '', times), times);
        else placeNode(target, item.path, new FileNode(item.data, times), times);
      }
      markReadOnly(target, existing!);
    }
  }
  return exits;
}

// The tree walks below keep their own stack: an image or a guest can nest directories deeper than the
// JS call stack goes.

/** Every node beneath `dir` now, so a read-only mount can leave what was there before (/dev, exports) alone. */
function nodesBeneath(dir: DirNode): Set<FsNode> {
  const found = new Set<FsNode>();
  const pending = [dir];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const node of next.entries.values()) {
      found.add(node);
      if (node.kind === 'dir') pending.push(node);
    }
  }
  return found;
}

/** Marks a read-only mount: its directory and whatever the image added beneath it. */
function markReadOnly(dir: DirNode, keep: Set<FsNode>): void {
  const pending = [dir];
  for (let next = pending.pop(); next; next = pending.pop()) {
    next.readOnly = true;
    for (const node of next.entries.values()) {
      if (keep.has(node)) continue;
      if (node.kind === 'file') node.readOnly = true;
      if (node.kind === 'dir') pending.push(node);
    }
  }
}

/** Runs the exit side of mounts: exports `wo` trees as tar through their channel, diffs `rw` trees. */
export function finishMounts(root: DirNode, exits: ExitMount[], files: ProjectFiles): FileChange[] {
  const changes: FileChange[] = [];
  for (const mount of exits) {
    const dir = findDir(root, mount.mountpoint);
    const tree = dir ? collectFiles(dir) : [];
    if (mount.access === 'wo') {
      const tar = writeTarImage(tree.map(([path, data]) => ({ path, kind: 'file' as const, data })));
      for (let at = 0; at < tar.length; at += CHUNK) {
        if (mount.channel.write(tar.subarray(at, at + CHUNK)).errno !== 0) break;
      }
      continue;
    }
    // Folder marks are not files: a folder the guest emptied or removed is left alone on the host.
    const before = new Map(filesUnder(files, mount.projectDir).filter(([path]) => !isFolderMark(path)));
    const prefix = mount.projectDir === '' ? '' : `${mount.projectDir}/`;
    for (const [path, data] of tree) {
      const old = before.get(path);
      before.delete(path);
      if (!old || !sameBytes(old, data)) changes.push({ path: prefix + path, data: data.slice() });
    }
    for (const path of before.keys()) changes.push({ path: prefix + path, data: null });
  }
  return changes;
}

function readWholeChannel(channel: Channel): Uint8Array {
  if (!channel.readable) {
    throw new SandboxRefusal(
      `the image channel ${channel.spec.alias} cannot be read (its gets/get_size are 0); raise them`,
    );
  }
  const parts: Uint8Array[] = [];
  // Stop at the image's size: one read more would count against the quota (EOF does, in ZeroVM).
  for (let total = 0; total < channel.size;) {
    const { errno, data } = channel.read(CHUNK);
    if (errno !== 0) {
      throw new SandboxRefusal(
        `the image channel ${channel.spec.alias} ran out of read quota before the image was loaded; raise its gets/get_size`,
      );
    }
    if (data.length === 0) break;
    parts.push(data.slice());
    total += data.length;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function findDir(root: DirNode, path: string): DirNode | undefined {
  let dir: DirNode = root;
  for (const part of guestPathParts(path)) {
    const next = dir.entries.get(part);
    if (next?.kind !== 'dir') return undefined;
    dir = next;
  }
  return dir;
}

/** Every regular file beneath `dir`, with paths relative to it, in sorted order (depth first). */
export function collectFiles(dir: DirNode, prefix = ''): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  const pending: Array<[path: string, node: FsNode]> = [[prefix, dir]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [path, node] = next;
    if (node.kind === 'file') out.push([path, node.content.view()]);
    if (node.kind !== 'dir') continue;
    // Largest name first onto the stack, so the smallest comes off first.
    const children = [...node.entries].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
    for (const [name, child] of children)
      pending.push([`${path}${name}${child.kind === 'dir' ? '/' : ''}`, child]);
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
