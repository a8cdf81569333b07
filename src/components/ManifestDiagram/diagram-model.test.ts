import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../engine/manifest/parse-manifest.ts';
import type { Manifest } from '../../engine/manifest/types.ts';
import { GEOMETRY, PALETTES, assignSides, hostHeight, layoutDiagram } from './diagram-model.ts';
import type { HostNode, SandboxNode } from './diagram-model.ts';

const TEXT = `Version = 20130611
Program = greet.wasm
Memory = 16777216, 0
Timeout = 5
Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0
Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 16, 65536
Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 16, 65536
Channel = data.bin, /dev/data, 3, 0, 10, 1048576, 5, 4096
Channel = /dev/null, /dev/nothing, 0, 0, 0, 0, 0, 0
`;
const manifest: Manifest = parseManifest(TEXT).manifest!;

const hosts = (nodes: ReturnType<typeof layoutDiagram>['nodes']) =>
  nodes.filter((n): n is HostNode => n.type === 'host');
const sandboxOf = (nodes: ReturnType<typeof layoutDiagram>['nodes']) =>
  nodes.find((n): n is SandboxNode => n.type === 'sandbox')!;

describe('layoutDiagram', () => {
  it('draws a sandbox, one host node and one edge per channel', () => {
    const model = layoutDiagram(manifest);
    expect(model.nodes).toHaveLength(1 + manifest.channels.length);
    expect(model.edges).toHaveLength(manifest.channels.length);
    const sandbox = sandboxOf(model.nodes);
    expect(sandbox.data).toMatchObject({ program: 'greet.wasm', limits: '16 MiB · 5 s' });
    expect(sandbox.data.ports.map((p) => p.alias)).toEqual(manifest.channels.map((c) => c.alias));
    expect(hosts(model.nodes).map((n) => [n.data.label, n.data.detail])).toEqual([
      ['stdin box', undefined],
      ['console', 'stdout'],
      ['console', 'stderr'],
      ['data.bin', undefined],
      ['null', undefined],
    ]);
    expect(model.nodes.every((n) => n.draggable === false)).toBe(true);
  });

  it('stacks host nodes without overlap and centres each port on its host', () => {
    const model = layoutDiagram(manifest);
    const sandbox = sandboxOf(model.nodes);
    let bottom = GEOMETRY.header;
    hosts(model.nodes).forEach((host, i) => {
      expect(host.position.y).toBeGreaterThanOrEqual(bottom);
      bottom = host.position.y + host.height!;
      expect(sandbox.data.ports[i]!.y).toBe(host.position.y + host.height! / 2);
    });
    expect(sandbox.height).toBeGreaterThanOrEqual(bottom);
    expect(model.height).toBe(sandbox.height);
    expect(model.width).toBe(GEOMETRY.hostWidth + GEOMETRY.gap + GEOMETRY.sandboxWidth.compact);
  });

  it('points arrows by access and dashes sequential channels', () => {
    const { edges } = layoutDiagram(manifest);
    const [stdin, stdout, , data, nothing] = edges;
    expect(stdin).toMatchObject({ source: 'host-0', target: 'sandbox', targetHandle: 'port-0' });
    expect(stdin!.markerEnd).toBeDefined();
    expect(stdin!.markerStart).toBeUndefined();
    expect(stdout!.markerStart).toBeDefined();
    expect(stdout!.markerEnd).toBeUndefined();
    expect(data!.markerStart).toBeDefined();
    expect(data!.markerEnd).toBeDefined();
    expect(stdin!.className).toContain('md-edge--sequential');
    expect(data!.className).toContain('md-edge--random');
    expect(nothing!.className).toContain('md-edge--none');
  });

  it('marks the selected channel and the ones whose quota was hit', () => {
    const model = layoutDiagram(manifest, {
      selectedChannel: '/dev/stdout',
      quotaHits: { '/dev/data': 3 },
      palette: PALETTES.dark,
    });
    const [, stdout, , data] = hosts(model.nodes);
    expect(stdout!.data.selected).toBe(true);
    expect(data!.data.quotaHits).toBe(3);
    expect(data!.data.description).toContain('quota exceeded 3 times');
    expect(model.edges[1]!.className).toContain('md-edge--selected');
    expect(model.edges[3]!.className).toContain('md-edge--quota');
    expect(model.edges[3]!.markerEnd).toMatchObject({ color: PALETTES.dark.danger });
    expect(sandboxOf(model.nodes).data.ports[3]).toMatchObject({ quotaHits: 3, selected: false });
  });

  it('puts reads left and writes right in the wide layout', () => {
    expect(assignSides(manifest.channels, 'wide')).toEqual(['left', 'right', 'right', 'left', 'right']);
    const model = layoutDiagram(manifest, { layout: 'wide' });
    const [stdin, stdout] = hosts(model.nodes);
    expect(stdin!.position.x).toBe(0);
    expect(stdout!.position.x).toBeGreaterThan(GEOMETRY.hostWidth + GEOMETRY.sandboxWidth.wide);
    expect(model.width).toBe(stdout!.position.x + GEOMETRY.hostWidth);
    expect(sandboxOf(model.nodes).data.ports[1]!.side).toBe('right');
  });

  it('sizes hosts by their number of limit lines', () => {
    const model = layoutDiagram(manifest);
    expect(hosts(model.nodes).map((n) => n.height)).toEqual([
      hostHeight(1),
      hostHeight(1),
      hostHeight(1),
      hostHeight(2),
      hostHeight(1),
    ]);
  });

  it('copes with a manifest without channels', () => {
    const model = layoutDiagram({ ...manifest, channels: [] });
    expect(model.nodes).toHaveLength(1);
    expect(model.height).toBeGreaterThan(GEOMETRY.header);
  });
});
