import type { Manifest } from '../manifest/types.ts';
import type { Nvram } from '../nvram/types.ts';
import type { ProjectFiles } from '../run/project-files.ts';

/** Where something is in the job text: 1-based line and columns (end exclusive), as in a Diagnostic. */
export interface TextSpan {
  line: number;
  column: number;
  endColumn: number;
}

/** One entry of a group's `devices` (or legacy `file_list`). */
export interface JobDevice {
  name: string;
  /** The object the device reads or writes, as written (`swift://~/data/*.txt`); absent: returned in the result. */
  path?: string;
  contentType?: string;
  at: TextSpan;
  pathAt?: TextSpan;
}

/** A group's `exec`: what its nodes run. */
export interface JobExec {
  /** As written: `swift://~/c/o`, a project path, or `file://python:python`. */
  path: string;
  /** argv[0] for every node of the group; default the node's own name. */
  name?: string;
  /** `args` split like a shell line (`"` groups words, `\xHH` escapes). */
  args: string[];
  env: Array<[name: string, value: string]>;
  pathAt: TextSpan;
}

/** One group of a ZeroCloud job (`boot/system.map`), validated. */
export interface JobGroup {
  /** 0-based position in the job array. */
  index: number;
  name: string;
  exec: JobExec;
  devices: JobDevice[];
  /** Nodes to start (ignored when a device path has a `*`). */
  count: number;
  /** Groups this group's nodes send to. */
  connect: string[];
  at: TextSpan;
  nameAt: TextSpan;
  countAt?: TextSpan;
  connectAt: TextSpan[];
}

/** A parsed job: its groups in file order. */
export interface JobSpec {
  groups: JobGroup[];
}

/** What a node runs: a project module, or the built-in Python runtime. */
export type JobProgram = { kind: 'module'; path: string } | { kind: 'python' };

/** One device of one node, its path resolved for that node. */
export interface NodeDevice {
  name: string;
  /** Project path after `swift://~/` and `*` are resolved; undefined when the device has no path. */
  path?: string;
}

/** One sandbox of the job, after `count` and wildcards are expanded. */
export interface ExpandedNode {
  /** `map-1`..`map-N`, or the bare group name when the group has one node (ZeroCloud's rule). */
  name: string;
  group: string;
  /** 1-based index within the group. */
  index: number;
  program: JobProgram;
  argv0: string;
  args: string[];
  env: Array<[string, string]>;
  devices: NodeDevice[];
  /** The part of the project path a `*` matched, when the group fans out over files. */
  match?: string;
  /** The project file the node was started for, when the group fans out over files (env ZVM_OBJECT). */
  object?: string;
}

/** A one-way link between two nodes: `from` writes /dev/out/<to>, `to` reads /dev/in/<from>. */
export interface JobEdge {
  from: string;
  to: string;
}

/** The expanded job: nodes in group order, and the edges `connect` made. */
export interface ExpandedJob {
  nodes: ExpandedNode[];
  edges: JobEdge[];
}

/** A node ready to run: its manifest, nvram and the project files it reads. */
export interface JobNode extends ExpandedNode {
  manifest: Manifest;
  nvram: Nvram;
  /** Project files (and the app image) this node's channels read, without its inputs from other nodes. */
  files: ProjectFiles;
  /** Nodes that send to this one. */
  inputs: string[];
  /** Nodes this one sends to. */
  outputs: string[];
}

/** What `runJob` runs: the nodes in a dependency-respecting order, and the edges between them. */
export interface JobPlan {
  nodes: JobNode[];
  edges: JobEdge[];
}
