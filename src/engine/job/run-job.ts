import type { ProjectFiles } from '../run/project-files.ts';
import type { RunReport } from '../run/report.ts';
import { inUri, isJobPath, jobPath, outUri, resultUri } from './job-paths.ts';
import { criticalPath, summarize } from './job-report.ts';
import type { EdgeReport, JobEvent, JobNodeReport, JobReport, JobState } from './job-report.ts';
import type { JobNode, JobPlan } from './types.ts';

/**
 * Runs one node: `files` holds its project files plus what its senders wrote (ready for a RunRequest).
 * When `signal` aborts (the user pressed Stop), the runner must kill the sandbox and resolve with its
 * killed report; a rejection counts as a failed node.
 */
export type RunNode = (node: JobNode, files: ProjectFiles, signal: AbortSignal) => Promise<RunReport>;

/** How a job runs. */
export interface RunJobOptions {
  /** Most nodes running at once; @default 1 */
  concurrency?: number;
  /** Aborting stops the job: running nodes are killed, waiting ones skipped. */
  signal?: AbortSignal;
  /** Clock in milliseconds; @default performance.now */
  now?: () => number;
  /** Told when a node starts, finishes or is skipped. */
  onEvent?: (event: JobEvent) => void;
  /** The job's name in the summary; @default 'job' */
  name?: string;
}

/**
 * Runs a job in batch, as data flows: a node starts once every node sending to it is done (up to
 * `concurrency` at a time, in plan order), and gets their bytes as its /dev/in files. A node that
 * fails (any state but `ok`, so a nonzero exit too) is not read from: the nodes after it are skipped.
 */
export function runJob(plan: JobPlan, runNode: RunNode, options: RunJobOptions = {}): Promise<JobReport> {
  const now = options.now ?? (() => performance.now());
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const emit = options.onEvent ?? (() => {});
  const started = now();
  const reports = new Map<string, JobNodeReport>(
    plan.nodes.map((n) => [n.name, { name: n.name, group: n.group, status: 'waiting', results: [] }]),
  );
  const pending = new Map(plan.nodes.map((n) => [n.name, n.inputs.length]));
  const received = new Map<string, Map<string, Uint8Array>>(plan.nodes.map((n) => [n.name, new Map()]));
  const byName = new Map(plan.nodes.map((n) => [n.name, n]));
  const edges = new Map<string, EdgeReport>(
    plan.edges.map((e) => [`${e.from}\n${e.to}`, { ...e, bytes: 0, delivered: false }]),
  );
  const running = new Map<string, AbortController>();
  let stopped = false;

  const skip = (name: string, reason: string): void => {
    const report = reports.get(name)!;
    if (report.status !== 'waiting') return;
    report.status = 'skipped';
    report.reason = reason;
    emit({ type: 'node-skipped', node: name, reason });
  };
  const skipAfter = (failed: string): void => {
    const queue = [...byName.get(failed)!.outputs];
    for (let i = 0; i < queue.length; i++) {
      const name = queue[i]!;
      if (reports.get(name)!.status !== 'waiting') continue;
      skip(name, `${failed} failed`);
      queue.push(...byName.get(name)!.outputs);
    }
  };

  return new Promise<JobReport>((resolve) => {
    const finish = (): void => {
      options.signal?.removeEventListener('abort', stop);
      const totalMs = now() - started;
      const nodes = plan.nodes.map((n) => reports.get(n.name)!);
      const state: JobState = stopped
        ? 'stopped'
        : nodes.every((n) => n.status === 'done')
          ? 'done'
          : 'failed';
      const name = options.name ?? 'job';
      resolve({
        name,
        state,
        nodes,
        edges: [...edges.values()],
        changes: nodes.flatMap((n) => n.report?.changes ?? []),
        totalMs,
        criticalPath: criticalPath(plan.nodes, reports),
        summary: summarize(name, state, nodes, totalMs),
      });
    };
    const pump = (): void => {
      if (!stopped) {
        for (const node of plan.nodes) {
          if (running.size >= concurrency) break;
          if (reports.get(node.name)!.status === 'waiting' && pending.get(node.name) === 0) start(node);
        }
      }
      if (running.size === 0) finish();
    };
    const start = (node: JobNode): void => {
      const report = reports.get(node.name)!;
      const controller = new AbortController();
      running.set(node.name, controller);
      report.status = 'running';
      report.startMs = now() - started;
      emit({ type: 'node-started', node: node.name, atMs: report.startMs });
      const files = new Map(node.files);
      for (const from of node.inputs)
        files.set(jobPath(inUri(from, node.name)), received.get(node.name)!.get(from) ?? EMPTY);
      Promise.resolve()
        .then(() => runNode(node, files, controller.signal))
        .then(
          (run) => settle(node, run, undefined),
          (error: unknown) => settle(node, undefined, error instanceof Error ? error.message : String(error)),
        );
    };
    const settle = (node: JobNode, run: RunReport | undefined, error: string | undefined): void => {
      running.delete(node.name);
      const report = reports.get(node.name)!;
      report.endMs = now() - started;
      if (run) {
        const sent = new Map(run.changes.filter((c) => isJobPath(c.path)).map((c) => [c.path, c.data]));
        report.report = { ...run, changes: run.changes.filter((c) => !isJobPath(c.path)) };
        report.results = node.devices
          .filter((d) => d.path === undefined && sent.has(jobPath(resultUri(node.name, d.name))))
          .map((d) => ({ device: d.name, data: sent.get(jobPath(resultUri(node.name, d.name))) ?? EMPTY }));
        if (run.state === 'ok') {
          report.status = 'done';
          for (const to of node.outputs) {
            const data = sent.get(jobPath(outUri(node.name, to))) ?? EMPTY;
            received.get(to)!.set(node.name, data);
            pending.set(to, pending.get(to)! - 1);
            Object.assign(edges.get(`${node.name}\n${to}`)!, { bytes: data.length, delivered: true });
          }
        } else {
          report.status = 'failed';
          report.reason = run.message;
        }
      } else {
        report.status = 'failed';
        report.reason = `the runner failed: ${error}`;
      }
      emit({
        type: 'node-finished',
        node: node.name,
        status: report.status as 'done' | 'failed',
        atMs: report.endMs,
        report,
      });
      if (report.status === 'failed' && !stopped) skipAfter(node.name);
      pump();
    };
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      for (const node of plan.nodes) skip(node.name, 'the job was stopped');
      for (const controller of running.values()) controller.abort();
    };
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop);
    pump();
  });
}

const EMPTY = new Uint8Array(0);
