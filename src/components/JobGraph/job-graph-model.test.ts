import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, formatBytes, layoutJob } from './job-graph-model.ts';
import type { JobGraphNode } from './job-graph-model.ts';

const node = (id: string, group = id.replace(/-\d+$/, '')): JobGraphNode => ({
  id,
  group,
  status: 'waiting',
});

describe('layoutJob', () => {
  it('puts mappers in the first column and the reducer after them, centred', () => {
    const nodes = ['map-10', 'map-2', 'map-1', 'reduce'].map((id) => node(id));
    const edges = ['map-1', 'map-2', 'map-10'].map((from) => ({ from, to: 'reduce' }));
    const layout = layoutJob(nodes, edges);
    const at = Object.fromEntries(layout.nodes.map((n) => [n.id, n]));
    expect(at['map-1']!.x).toBe(0);
    expect(at['reduce']!.x).toBeGreaterThan(0);
    expect([at['map-1']!.y, at['map-2']!.y, at['map-10']!.y]).toEqual(
      [...[at['map-1']!.y, at['map-2']!.y, at['map-10']!.y]].sort((a, b) => a - b),
    );
    expect(at['reduce']!.y + NODE_HEIGHT / 2).toBeCloseTo(layout.height / 2);
  });

  it('layers a diamond by its longest path', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => node(id));
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
      { from: 'b', to: 'd' },
      { from: 'c', to: 'd' },
      { from: 'a', to: 'd' },
    ];
    const xs = Object.fromEntries(layoutJob(nodes, edges).nodes.map((n) => [n.id, n.x]));
    expect(xs['b']).toBe(xs['c']);
    expect(xs['d']!).toBeGreaterThan(xs['b']!);
    expect(xs['a']).toBe(0);
  });
});

describe('formatBytes', () => {
  it('reads like a person would say it', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual([
      '12 B',
      '2.0 KB',
      '3.0 MB',
    ]);
  });
});
