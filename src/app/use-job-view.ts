import { useMemo } from 'react';
import type { JobGraphProps } from '../components/JobGraph/JobGraph.tsx';
import { useAppStore } from '../store/index.ts';
import { selectJobNode } from './job-runner.ts';

/** The Job view's props from the store: live node statuses, edges with bytes, the summary, the selection. */
export function useJobView(): JobGraphProps & { running: boolean } {
  const job = useAppStore((s) => s.job);
  return useMemo(
    () => ({
      nodes:
        job.path === null
          ? null
          : job.nodes.map((n) => ({
              id: n.name,
              group: n.group,
              status: n.status,
              ms: n.ms,
              detail: n.reason,
            })),
      edges: job.edges,
      summary: job.status === 'running' ? `Running ${job.path}…` : (job.report?.summary ?? null),
      selected: job.selected,
      onSelect: selectJobNode,
      running: job.status === 'running',
    }),
    [job],
  );
}
