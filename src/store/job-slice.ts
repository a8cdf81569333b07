import type { JobEvent, JobReport, NodeStatus } from '../engine/job/job-report.ts';
import type { SliceCreator } from './app-state.ts';

/** One node of the job as the Job view shows it. */
export interface JobNodeView {
  name: string;
  group: string;
  status: NodeStatus;
  /** Run time once finished, in ms. */
  ms?: number;
  /** Why it failed or was skipped. */
  reason?: string;
}

/** The job in progress or the last one. */
export interface JobViewState {
  status: 'idle' | 'running';
  /** Project path of the job file. */
  path: string | null;
  nodes: JobNodeView[];
  edges: Array<{ from: string; to: string; bytes?: number }>;
  report: JobReport | null;
  /** The node whose output, trace and report the other views show. */
  selected: string | null;
}

/** Jobs: the live graph and the last report. */
export interface JobSlice {
  job: JobViewState;
  /** A job starts: every node waiting. */
  startJob(path: string, nodes: Array<{ name: string; group: string }>, edges: JobViewState['edges']): void;
  /** A node started, finished or was skipped. */
  jobEvent(event: JobEvent): void;
  /** The job ended: final statuses, times and bytes per edge. */
  finishJob(report: JobReport): void;
  selectJobNode(name: string | null): void;
  /** Forgets the job (another file is run). */
  clearJob(): void;
}

/** No job yet. */
export const initialJob: JobViewState = {
  status: 'idle',
  path: null,
  nodes: [],
  edges: [],
  report: null,
  selected: null,
};

/** The job slice of the store. */
export const createJobSlice: SliceCreator<JobSlice> = (set, get) => {
  const patchNode = (name: string, patch: Partial<JobNodeView>) =>
    set({
      job: { ...get().job, nodes: get().job.nodes.map((n) => (n.name === name ? { ...n, ...patch } : n)) },
    });
  return {
    job: initialJob,
    startJob: (path, nodes, edges) =>
      set({
        job: {
          ...initialJob,
          status: 'running',
          path,
          nodes: nodes.map((n) => ({ ...n, status: 'waiting' })),
          edges,
        },
      }),
    jobEvent: (event) => {
      if (event.type === 'node-started') patchNode(event.node, { status: 'running' });
      else if (event.type === 'node-skipped')
        patchNode(event.node, { status: 'skipped', reason: event.reason });
      else {
        const { startMs, endMs, reason } = event.report;
        const ms = startMs !== undefined && endMs !== undefined ? endMs - startMs : undefined;
        patchNode(event.node, { status: event.status, ms, reason });
      }
    },
    finishJob: (report) =>
      set({
        job: {
          ...get().job,
          status: 'idle',
          report,
          nodes: report.nodes.map((n) => ({
            name: n.name,
            group: n.group,
            status: n.status,
            reason: n.reason,
            ms: n.startMs !== undefined && n.endMs !== undefined ? n.endMs - n.startMs : undefined,
          })),
          edges: report.edges.map((e) => ({
            from: e.from,
            to: e.to,
            bytes: e.delivered ? e.bytes : undefined,
          })),
        },
      }),
    selectJobNode: (selected) => set({ job: { ...get().job, selected } }),
    clearJob: () => set({ job: initialJob }),
  };
};
