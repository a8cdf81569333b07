import { beforeEach, describe, expect, it } from 'vitest';
import type { JobReport } from '../engine/job/job-report.ts';
import { useAppStore } from './index.ts';

const store = () => useAppStore.getState();

describe('job slice', () => {
  beforeEach(() => store().clearJob());

  it('follows a job from start through events to its report', () => {
    store().startJob(
      'wc.json',
      [
        { name: 'map-1', group: 'map' },
        { name: 'reduce', group: 'reduce' },
      ],
      [{ from: 'map-1', to: 'reduce' }],
    );
    expect(store().job.status).toBe('running');
    expect(store().job.nodes.map((n) => n.status)).toEqual(['waiting', 'waiting']);
    store().jobEvent({ type: 'node-started', node: 'map-1', atMs: 1 });
    expect(store().job.nodes[0]!.status).toBe('running');
    store().jobEvent({ type: 'node-skipped', node: 'reduce', reason: 'map-1 failed' });
    expect(store().job.nodes[1]).toMatchObject({ status: 'skipped', reason: 'map-1 failed' });
    const report: JobReport = {
      name: 'wc',
      state: 'failed',
      nodes: [
        {
          name: 'map-1',
          group: 'map',
          status: 'failed',
          reason: 'quota',
          results: [],
          startMs: 1,
          endMs: 11,
        },
        { name: 'reduce', group: 'reduce', status: 'skipped', reason: 'map-1 failed', results: [] },
      ],
      edges: [{ from: 'map-1', to: 'reduce', bytes: 0, delivered: false }],
      changes: [],
      totalMs: 12,
      criticalPath: { nodes: ['map-1'], ms: 10 },
      summary: 'map-1 failed: quota; reduce skipped',
    };
    store().finishJob(report);
    expect(store().job).toMatchObject({
      status: 'idle',
      report,
      nodes: [
        { name: 'map-1', status: 'failed', ms: 10 },
        { name: 'reduce', status: 'skipped' },
      ],
      edges: [{ from: 'map-1', to: 'reduce', bytes: undefined }],
    });
  });
});
