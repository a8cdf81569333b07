import { Suspense, lazy } from 'react';
import { formatBytes } from './job-graph-model.ts';
import type { JobGraphEdge, JobGraphNode } from './job-graph-model.ts';
import './job-graph.css';

export type { JobGraphEdge, JobGraphNode, JobNodeStatus } from './job-graph-model.ts';

const JobGraphDrawing = lazy(() => import('./JobGraphDrawing.tsx'));

/** Props of the Job view. */
export interface JobGraphProps {
  /** Null when no job is open or has run. */
  nodes: readonly JobGraphNode[] | null;
  edges: readonly JobGraphEdge[];
  /** One line about the job ("5 nodes done in 120 ms"), or why it cannot run. */
  summary: string | null;
  /** The node whose output, trace and report the other views show. */
  selected: string | null;
  onSelect(id: string): void;
}

/** The job as a graph (nodes by group, edges with bytes, live status) and as an accessible node list. */
export function JobGraph({ nodes, edges, summary, selected, onSelect }: JobGraphProps) {
  if (nodes === null) {
    return (
      <div className="job-graph">
        <p className="job-empty">
          {summary ??
            'Open a job (a .json system map, ZeroCloud style) to see its nodes and connections here.'}
        </p>
      </div>
    );
  }
  return (
    <div className="job-graph">
      {summary && (
        <p className="job-summary" role="status">
          {summary}
        </p>
      )}
      <Suspense fallback={<p className="job-empty">Drawing the job…</p>}>
        <JobGraphDrawing nodes={nodes} edges={edges} selected={selected} onSelect={onSelect} />
      </Suspense>
      <ul className="job-nodes" aria-label="Job nodes">
        {nodes.map((n) => (
          <li key={n.id}>
            <button
              type="button"
              aria-pressed={n.id === selected}
              className={`job-node-row job-node-${n.status}`}
              onClick={() => onSelect(n.id)}
            >
              <span className="job-node-name">{n.id}</span>
              <span className="job-node-status">{n.status}</span>
              {n.ms !== undefined && <span>{Math.round(n.ms)} ms</span>}
              {n.detail && <span className="job-node-detail">{n.detail}</span>}
            </button>
          </li>
        ))}
      </ul>
      {edges.length > 0 && (
        <ul className="job-edges" aria-label="Job connections">
          {edges.map((e) => (
            <li key={`${e.from}->${e.to}`}>
              {e.from} → {e.to}
              {e.bytes !== undefined && `: ${formatBytes(e.bytes)}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
