import type { FileChange, RunReport } from '../run/report.ts';
import type { JobNode } from './types.ts';

/** Where a node is: waiting for inputs (or a free slot), running, or finished one way or another. */
export type NodeStatus = 'waiting' | 'running' | 'done' | 'failed' | 'skipped';

/** What one node did in a job. */
export interface JobNodeReport {
  name: string;
  group: string;
  status: NodeStatus;
  /** Why it failed (the run's message) or was skipped ("map-2 failed", "the job was stopped"). */
  reason?: string;
  /** The node's run report, job plumbing (pipes, app image) left out of `changes`; absent when it never ran. */
  report?: RunReport;
  /** Bytes of write devices with no path other than stdout/stderr (e.g. `output`), which ZeroCloud returned. */
  results: Array<{ device: string; data: Uint8Array }>;
  /** Milliseconds from the job's start. */
  startMs?: number;
  endMs?: number;
}

/** Bytes that went along one connection. */
export interface EdgeReport {
  from: string;
  to: string;
  bytes: number;
  /** False when `from` did not finish, so nothing was handed to `to`. */
  delivered: boolean;
}

/** How a whole job ended: every node done, some failed (or skipped), or stopped by the user. */
export type JobState = 'done' | 'failed' | 'stopped';

/** The report of a job run: one report per node, and the job's shape in time and bytes. */
export interface JobReport {
  name: string;
  state: JobState;
  /** In plan order (every node after those it reads from). */
  nodes: JobNodeReport[];
  edges: EdgeReport[];
  /** Project files the nodes wrote through devices with paths, in node order. */
  changes: FileChange[];
  totalMs: number;
  /** The longest chain of nodes by run time: what bounds the job however many workers there are. */
  criticalPath: { nodes: string[]; ms: number };
  /** One line: "wordcount: 5 nodes done in 120 ms" or "map-2 failed: ...; reduce skipped". */
  summary: string;
}

/** What a UI hears while a job runs. */
export type JobEvent =
  | { type: 'node-started'; node: string; atMs: number }
  | { type: 'node-finished'; node: string; status: 'done' | 'failed'; atMs: number; report: JobNodeReport }
  | { type: 'node-skipped'; node: string; reason: string };

/** The longest chain through the job, weighting each node by its run time. */
export function criticalPath(
  nodes: JobNode[],
  reports: Map<string, JobNodeReport>,
): JobReport['criticalPath'] {
  const best = new Map<string, { ms: number; via?: string }>();
  let end: string | undefined;
  for (const node of nodes) {
    const r = reports.get(node.name);
    const own = r?.startMs !== undefined && r.endMs !== undefined ? r.endMs - r.startMs : 0;
    let via: string | undefined;
    let before = 0;
    for (const from of node.inputs) {
      const ms = best.get(from)?.ms ?? 0;
      if (via === undefined || ms > before) [via, before] = [from, ms];
    }
    best.set(node.name, { ms: before + own, via });
    if (end === undefined || before + own > best.get(end)!.ms) end = node.name;
  }
  const chain: string[] = [];
  for (let at = end; at !== undefined; at = best.get(at)?.via) chain.unshift(at);
  return { nodes: chain, ms: end === undefined ? 0 : best.get(end)!.ms };
}

/** The one-line summary of a finished job. */
export function summarize(name: string, state: JobState, nodes: JobNodeReport[], totalMs: number): string {
  const ms = `${Math.round(totalMs)} ms`;
  const count = (status: NodeStatus) => nodes.filter((n) => n.status === status);
  if (state === 'done') return `${name}: ${plural(nodes.length, 'node')} done in ${ms}`;
  if (state === 'stopped') {
    const killed = count('failed').length;
    return `${name}: stopped after ${ms}; ${count('done').length} done, ${killed} killed, ${count('skipped').length} skipped`;
  }
  const failed = count('failed');
  const parts = failed.slice(0, 3).map((n) => `${n.name} failed: ${n.reason ?? 'unknown reason'}`);
  if (failed.length > 3) parts.push(`${failed.length - 3} more failed`);
  const skipped = count('skipped').map((n) => n.name);
  if (skipped.length > 0)
    parts.push(
      `${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ` and ${skipped.length - 5} more` : ''} skipped`,
    );
  return parts.join('; ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
