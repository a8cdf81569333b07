import { writeTarImage } from '../image/tar-image.ts';
import type { ChannelSpec, ChannelType, Manifest } from '../manifest/types.ts';
import { MANIFEST_VERSION } from '../manifest/types.ts';
import type { FstabEntry, Nvram } from '../nvram/types.ts';
import type { ProjectFiles } from '../run/project-files.ts';
import { normalizeProjectPath } from '../run/project-files.ts';
import { deviceKind } from './devices.ts';
import { APP_IMAGE_URI, inUri, isJobPath, jobPath, outUri, resultUri } from './job-paths.ts';
import type { ExpandedJob, ExpandedNode, JobNode, JobPlan } from './types.ts';

/** Choices for the manifests a job's nodes get. */
export interface WireOptions {
  /** Seconds each node may run; ZeroCloud's default is 10. */
  timeout?: number;
  /** Bytes of linear memory per node; default 4 GiB, all a wasm32 module can address. */
  memory?: number;
}

/** ZeroCloud's default per-channel limit: 1 GiB of calls and of bytes. */
export const JOB_CHANNEL_LIMIT = 2 ** 30;
/** ZeroCloud's default node timeout, in seconds. */
export const JOB_TIMEOUT = 10;
/** The Program of a node that runs on the built-in Python (ZeroCloud's `file://python:python`). */
export const JOB_PYTHON_PROGRAM = 'runtime:python';

/**
 * Gives every node its manifest and nvram, as ZeroCloud's configparser did: each device is a `/dev/<name>`
 * channel (type 0 for stdio, 3 for the rest), connections are `/dev/out/<dst>` and `/dev/in/<src>`
 * channels (sequential, like the network links they were), argv[0] is the node's name, and an `image`
 * (or, for Python, the project itself as the app image, less the job's data files) is mounted read-only at `/`.
 */
export function wireJob(job: ExpandedJob, files: ProjectFiles, options: WireOptions = {}): JobPlan {
  const inputs = new Map<string, string[]>();
  const outputs = new Map<string, string[]>();
  for (const { from, to } of job.edges) {
    inputs.set(to, [...(inputs.get(to) ?? []), from]);
    outputs.set(from, [...(outputs.get(from) ?? []), to]);
  }
  let appImage: Uint8Array | undefined;
  const objects = new Set(
    job.nodes.flatMap((n) => n.devices.flatMap((d) => (d.path === undefined ? [] : [d.path]))),
  );
  const image = (): Uint8Array => (appImage ??= projectImage(files, objects));
  const nodes = job.nodes.map((node) =>
    wireNode(node, inputs.get(node.name) ?? [], outputs.get(node.name) ?? [], files, image, options),
  );
  return { nodes: dependencyOrder(nodes), edges: job.edges };
}

function wireNode(
  node: ExpandedNode,
  inputs: string[],
  outputs: string[],
  files: ProjectFiles,
  appImage: () => Uint8Array,
  options: WireOptions,
): JobNode {
  const declared = new Map(node.devices.map((d) => [d.name, d]));
  const stdio = (name: 'stdin' | 'stdout' | 'stderr', fallback: string): ChannelSpec => {
    const device = declared.get(name);
    const uri = device?.path ?? (device ? `/dev/${name}` : fallback);
    return channel(uri, `/dev/${name}`, 0, name === 'stdin');
  };
  // An undeclared stdout is dropped as in ZeroCloud; stderr is always kept, so a failing node can say why.
  const channels = [
    stdio('stdin', '/dev/null'),
    stdio('stdout', '/dev/null'),
    stdio('stderr', '/dev/stderr'),
  ];
  const nodeFiles: ProjectFiles = new Map();
  for (const device of node.devices) {
    const kind = deviceKind(device.name);
    if (kind?.kind !== 'random') continue;
    const uri = device.path ?? resultUri(node.name, device.name);
    channels.push(channel(uri, `/dev/${device.name}`, 3, kind.read));
  }
  const image = node.devices.find((d) => d.name === 'image');
  const runtime = node.devices.some((d) => deviceKind(d.name)?.kind === 'runtime');
  const fstab: FstabEntry[] = [];
  if (image || runtime || node.program.kind === 'python') {
    if (image?.path === undefined) nodeFiles.set(jobPath(APP_IMAGE_URI), appImage());
    channels.push(channel(image?.path ?? APP_IMAGE_URI, '/dev/image', 3, true));
    fstab.push({ channel: '/dev/image', mountpoint: '/', access: 'ro', removable: false, line: 0 });
  }
  for (const from of inputs) channels.push(channel(inUri(from, node.name), `/dev/in/${from}`, 0, true));
  for (const to of outputs) channels.push(channel(outUri(node.name, to), `/dev/out/${to}`, 0, false));
  for (const c of channels) {
    const path = normalizeProjectPath(c.uri);
    const data = path === undefined || isJobPath(path) || c.gets === 0 ? undefined : files.get(path);
    if (path !== undefined && data) nodeFiles.set(path, data);
  }
  const manifest: Manifest = {
    version: MANIFEST_VERSION,
    program: node.program.kind === 'python' ? JOB_PYTHON_PROGRAM : node.program.path,
    memory: options.memory ?? 2 ** 32,
    memoryEtag: false,
    timeout: options.timeout ?? JOB_TIMEOUT,
    channels,
  };
  // Playground addition: a fanned-out node is told which file it got, so it can label its results.
  const env: Array<[string, string]> =
    node.object === undefined || node.env.some(([k]) => k === 'ZVM_OBJECT')
      ? node.env
      : [...node.env, ['ZVM_OBJECT', node.object]];
  const nvram: Nvram = { args: [node.argv0, ...node.args], env, fstab, mapping: [] };
  return { ...node, manifest, nvram, files: nodeFiles, inputs, outputs };
}

function channel(uri: string, alias: string, type: ChannelType, read: boolean): ChannelSpec {
  const limit = JOB_CHANNEL_LIMIT;
  return {
    uri,
    alias,
    type,
    etag: false,
    gets: read ? limit : 0,
    getSize: read ? limit : 0,
    puts: read ? 0 : limit,
    putSize: read ? 0 : limit,
    line: 0,
  };
}

/**
 * The project as one tar, what a zapp bundled: its files except the job's objects (the files devices
 * read or write, which ZeroCloud kept in Swift, not in the app) and the job's plumbing.
 */
function projectImage(files: ProjectFiles, objects: Set<string>): Uint8Array {
  const entries = [...files]
    .filter(([path]) => !isJobPath(path) && !objects.has(path))
    .map(([path, data]) => ({ path, kind: 'file' as const, data }));
  return writeTarImage(entries);
}

/** The nodes reordered so every node comes after the ones sending to it (stable otherwise). */
function dependencyOrder(nodes: JobNode[]): JobNode[] {
  const waiting = new Map(nodes.map((n) => [n.name, n.inputs.length]));
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const ordered: JobNode[] = [];
  const ready = nodes.filter((n) => n.inputs.length === 0);
  for (let i = 0; i < ready.length; i++) {
    const node = ready[i]!;
    ordered.push(node);
    for (const to of node.outputs) {
      const left = waiting.get(to)! - 1;
      waiting.set(to, left);
      if (left === 0) ready.push(byName.get(to)!);
    }
  }
  return ordered;
}
