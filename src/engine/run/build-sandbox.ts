import type { ChannelSpec, Manifest } from '../manifest/types.ts';
import type { Nvram } from '../nvram/types.ts';
import type { SandboxClock } from '../wasi/clock.ts';
import { Channel, COUNTER_FIELDS } from '../wasi/channel.ts';
import type { ChannelHost, ChannelWriteListener } from '../wasi/channel.ts';
import * as W from '../wasi/constants.ts';
import { FdTable } from '../wasi/fd-table.ts';
import type { FdEntry } from '../wasi/fd-table.ts';
import { timesNow } from '../wasi/filestat.ts';
import {
  ChannelNode,
  DirNode,
  ensureDir,
  guestPathParts,
  placeNode,
  resetInodeNumbers,
} from '../wasi/fs-nodes.ts';
import { GrowableBytes } from '../wasi/growable-bytes.ts';
import type { StdioStreams } from '../stream/stdio-streams.ts';
import { isProjectDirectory, normalizeProjectPath } from './project-files.ts';
import type { ProjectFiles } from './project-files.ts';

/** Makes the byte store of a channel; the default keeps it in ordinary memory. */
export type ChannelStorageFactory = (channelIndex: number, initial: Uint8Array | undefined) => GrowableBytes;

/** What the sandbox is built from. */
export interface SandboxInputs {
  manifest: Manifest;
  nvram: Nvram | undefined;
  files: ProjectFiles;
  stdin: Uint8Array;
  clock: SandboxClock;
  counters: Float64Array;
  storage?: ChannelStorageFactory;
  onWrite?: ChannelWriteListener;
  /** Live stdio in place of batch stdin and collected console bytes. */
  stdio?: StdioStreams;
  /** Preopen the guest root as fd 3 (false for a guest that has nothing but stdio). */
  preopenRoot: boolean;
}

/** A built sandbox: the guest root, its descriptors and its channels. */
export interface Sandbox {
  root: DirNode;
  fds: FdTable;
  channels: Channel[];
}

const STDIO = ['/dev/stdin', '/dev/stdout', '/dev/stderr'];

/** Classifies a channel URI: console streams, /dev/null, or a project path. */
export function channelHost(uri: string): ChannelHost {
  if (uri === '/dev/stdin') return 'stdin';
  if (uri === '/dev/stdout') return 'stdout';
  if (uri === '/dev/stderr') return 'stderr';
  if (uri === '/dev/null') return 'null';
  return 'file';
}

/** Builds channels, the in-memory guest root with /dev, and fds 0-3; throws SandboxRefusal on bad input. */
export function buildSandbox(inputs: SandboxInputs): Sandbox {
  const { manifest, files, clock } = inputs;
  resetInodeNumbers();
  const times = timesNow(clock);
  const root = new DirNode(times);
  ensureDir(root, 'dev', times);
  const channels = manifest.channels.map((spec, index) => {
    const host = channelHost(spec.uri);
    const readable = spec.gets > 0 && spec.getSize > 0;
    let initial: Uint8Array | undefined;
    if (host === 'stdin') initial = inputs.stdin;
    else if (host === 'file') initial = channelFile(files, spec, readable);
    const data = inputs.storage ? inputs.storage(index, initial) : new GrowableBytes(initial);
    const channel = new Channel(index, spec, host, data, inputs.counters, inputs.onWrite);
    const stdio = inputs.stdio;
    if (host === 'stdin') channel.source = stdio?.stdin;
    if (host === 'stdout' || host === 'stderr') channel.sink = stdio?.[host];
    const mapping = inputs.nvram?.mapping.find((m) => m.channel === spec.alias);
    const hostKind =
      host === 'stdin' || host === 'stdout' || host === 'stderr' ? stdio?.kinds?.[host] : undefined;
    channel.mapping =
      mapping?.mode ?? hostKind ?? (STDIO.includes(spec.alias) && host !== 'file' ? 'char' : undefined);
    if (guestPathParts(spec.alias).length === 0) {
      throw new SandboxRefusal(
        `the channel alias ${spec.alias} is the root directory, not a file: give the path the program opens, such as /dev/input`,
      );
    }
    placeNode(root, spec.alias, new ChannelNode(channel, times), times);
    return channel;
  });
  lockDevices(root);
  const fds = new FdTable();
  STDIO.forEach((alias, fd) => {
    const channel = channels.find((c) => c.spec.alias === alias);
    if (!channel) throw new SandboxRefusal(`the manifest has no ${alias} channel`);
    fds.set(fd, channelEntry(channel));
  });
  if (inputs.preopenRoot)
    fds.set(3, {
      node: root,
      rightsBase: W.RIGHTS_DIRECTORY_BASE,
      rightsInheriting: W.RIGHTS_DIRECTORY_INHERITING,
      fdflags: 0,
      position: 0,
      readable: true,
      writable: false,
      path: '/',
      preopen: '/',
    });
  return { root, fds, channels };
}

/** /dev holds only the channels the manifest declared: the guest can open them but create nothing there. */
function lockDevices(root: DirNode): void {
  const dev = root.entries.get('dev');
  const pending = dev?.kind === 'dir' ? [dev] : [];
  for (let dir = pending.pop(); dir; dir = pending.pop()) {
    dir.readOnly = true;
    for (const child of dir.entries.values()) if (child.kind === 'dir') pending.push(child);
  }
}

/** A descriptor for a channel (stdio), with the rights its access type allows. */
export function channelEntry(channel: Channel): FdEntry {
  let rights = W.RIGHTS_FD_FDSTAT_SET_FLAGS | W.RIGHTS_FD_FILESTAT_GET | W.RIGHTS_POLL_FD_READWRITE;
  if (channel.readable) rights |= W.RIGHTS_FD_READ;
  if (channel.writable) rights |= W.RIGHTS_FD_WRITE;
  if (channel.seekableFor(channel.readable, channel.writable)) rights |= W.RIGHTS_FD_SEEK | W.RIGHTS_FD_TELL;
  return {
    node: new ChannelNode(channel, { atim: 0n, mtim: 0n, ctim: 0n }),
    rightsBase: rights,
    rightsInheriting: 0n,
    fdflags: 0,
    position: 0,
    readable: channel.readable,
    writable: channel.writable,
    path: channel.spec.alias,
  };
}

/** The bytes a project-file channel starts with (none unless readable); refuses URIs outside the project. */
function channelFile(files: ProjectFiles, spec: ChannelSpec, readable: boolean): Uint8Array | undefined {
  const path = normalizeProjectPath(spec.uri);
  if (path === undefined)
    throw new SandboxRefusal(`channel ${spec.alias}: ${spec.uri} points outside the project`);
  if (!readable) return undefined;
  const data = files.get(path);
  if (data === undefined && !isProjectDirectory(files, path)) {
    const writable = spec.puts > 0 && spec.putSize > 0;
    if (!writable) {
      throw new SandboxRefusal(`channel ${spec.alias} reads ${spec.uri}, which is not in the project`);
    }
  }
  return data;
}

/** A reason the sandbox will not start (ZeroVM refused such sessions before running anything). */
export class SandboxRefusal extends Error {}

/** Size of the counters array for `channelCount` channels. */
export function countersLength(channelCount: number): number {
  return channelCount * COUNTER_FIELDS;
}
