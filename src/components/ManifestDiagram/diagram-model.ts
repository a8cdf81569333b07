import type { Edge, EdgeMarker, Node } from '@xyflow/react';
import type { ChannelSpec, Manifest } from '../../engine/manifest/types.ts';
import {
  accessOf,
  classifyHost,
  describeChannel,
  directionOf,
  formatBytes,
  limitLines,
  type Direction,
  type HostKind,
} from './channel-text.ts';

/** compact: every host side left of the sandbox (narrow panels); wide: reads left, writes right. */
export type DiagramLayout = 'compact' | 'wide';

/** Data of a host-side node (one per channel). */
export interface HostNodeData extends Record<string, unknown> {
  alias: string;
  kind: HostKind;
  label: string;
  detail?: string;
  lines: string[];
  side: 'left' | 'right';
  selected: boolean;
  quotaHits: number;
  description: string;
}

/** One guest alias drawn on the sandbox's edge, where its channel's connection ends. */
export interface Port {
  alias: string;
  /** Handle id; matches the edge's targetHandle. */
  id: string;
  /** Centre of the port, from the sandbox node's top. */
  y: number;
  side: 'left' | 'right';
  selected: boolean;
  quotaHits: number;
}

/** Data of the sandbox node. */
export interface SandboxNodeData extends Record<string, unknown> {
  program: string;
  /** "16 MiB · 5 s". */
  limits: string;
  ports: Port[];
  /** Height of the title block above the ports. */
  headerHeight: number;
}

export type HostNode = Node<HostNodeData, 'host'>;
export type SandboxNode = Node<SandboxNodeData, 'sandbox'>;
export type DiagramNode = HostNode | SandboxNode;

/** Data of a channel connection. */
export interface ChannelEdgeData extends Record<string, unknown> {
  alias: string;
  direction: Direction;
}

export type ChannelEdge = Edge<ChannelEdgeData>;

/** Marker colours (SVG markers cannot use CSS variables reliably); match theme.css. */
export interface DiagramPalette {
  edge: string;
  selected: string;
  danger: string;
}

/** Marker colours of the light and dark themes. */
export const PALETTES: Readonly<Record<'light' | 'dark', DiagramPalette>> = {
  light: { edge: '#5d6877', selected: '#2563eb', danger: '#c0262d' },
  dark: { edge: '#9aa4b2', selected: '#5b8cff', danger: '#ff6b6b' },
};

/** The laid-out diagram: xyflow nodes and edges, and its size in flow units. */
export interface DiagramModel {
  nodes: DiagramNode[];
  edges: ChannelEdge[];
  width: number;
  height: number;
}

export interface DiagramOptions {
  layout?: DiagramLayout;
  selectedChannel?: string | null;
  quotaHits?: Readonly<Record<string, number>>;
  palette?: DiagramPalette;
}

/** Sizes in flow units (= CSS px at zoom 1); chosen so the compact layout fits a ~360 px wide panel. */
export const GEOMETRY = {
  hostWidth: 160,
  gap: 34,
  sandboxWidth: { compact: 150, wide: 200 },
  header: 40,
  rowGap: 6,
  /** Host node height: title line plus one 13-unit line per limit line. */
  hostBase: 26,
  lineHeight: 13,
  bottom: 8,
} as const;

/** Height of a host node with `lines` limit lines. */
export function hostHeight(lines: number): number {
  return GEOMETRY.hostBase + GEOMETRY.lineHeight * lines;
}

/** "16 MiB · 5 s": the sandbox's memory and time limits. */
export function sandboxLimits(m: Pick<Manifest, 'memory' | 'timeout'>): string {
  return `${formatBytes(m.memory)} · ${m.timeout} s`;
}

/** Which side of the sandbox each channel's host goes: reads left, writes right, the rest on the shorter side. */
export function assignSides(
  channels: readonly ChannelSpec[],
  layout: DiagramLayout,
): Array<'left' | 'right'> {
  if (layout === 'compact') return channels.map(() => 'left');
  const heights = { left: 0, right: 0 };
  return channels.map((c) => {
    const direction = directionOf(c);
    const side =
      direction === 'read'
        ? 'left'
        : direction === 'write'
          ? 'right'
          : heights.left <= heights.right
            ? 'left'
            : 'right';
    heights[side] += hostHeight(limitLines(c).length) + GEOMETRY.rowGap;
    return side;
  });
}

/** Lays the manifest out: the sandbox in the middle, one host node per channel beside it, one edge each. */
export function layoutDiagram(manifest: Manifest, options: DiagramOptions = {}): DiagramModel {
  const layout = options.layout ?? 'compact';
  const palette = options.palette ?? PALETTES.light;
  const hits = options.quotaHits ?? {};
  const selected = options.selectedChannel ?? null;
  const sandboxWidth = GEOMETRY.sandboxWidth[layout];
  const sandboxX = GEOMETRY.hostWidth + GEOMETRY.gap;
  const rightX = sandboxX + sandboxWidth + GEOMETRY.gap;
  const sides = assignSides(manifest.channels, layout);
  const nextY = { left: GEOMETRY.header, right: GEOMETRY.header };
  const hostNodes: HostNode[] = [];
  const ports: Port[] = [];
  const edges: ChannelEdge[] = [];

  manifest.channels.forEach((c, index) => {
    const side = sides[index]!;
    const lines = limitLines(c);
    const height = hostHeight(lines.length);
    const y = nextY[side];
    nextY[side] += height + GEOMETRY.rowGap;
    const quotaHits = hits[c.alias] ?? 0;
    const isSelected = c.alias === selected;
    const host = classifyHost(c.uri);
    const id = `host-${index}`;
    hostNodes.push({
      id,
      type: 'host',
      position: { x: side === 'left' ? 0 : rightX, y },
      width: GEOMETRY.hostWidth,
      height,
      style: { width: GEOMETRY.hostWidth, height },
      draggable: false,
      selectable: false,
      connectable: false,
      data: {
        alias: c.alias,
        kind: host.kind,
        label: host.label,
        ...(host.detail === undefined ? {} : { detail: host.detail }),
        lines,
        side,
        selected: isSelected,
        quotaHits,
        description: describeChannel(c, quotaHits),
      },
    });
    const port = `port-${index}`;
    ports.push({ alias: c.alias, id: port, y: y + height / 2, side, selected: isSelected, quotaHits });
    edges.push(channelEdge(c, index, id, port, { selected: isSelected, quotaHits, palette }));
  });

  const height =
    Math.max(nextY.left, nextY.right, GEOMETRY.header + GEOMETRY.rowGap) - GEOMETRY.rowGap + GEOMETRY.bottom;
  const sandbox: SandboxNode = {
    id: 'sandbox',
    type: 'sandbox',
    position: { x: sandboxX, y: 0 },
    width: sandboxWidth,
    height,
    style: { width: sandboxWidth, height },
    draggable: false,
    selectable: false,
    connectable: false,
    data: {
      program: manifest.program,
      limits: sandboxLimits(manifest),
      ports,
      headerHeight: GEOMETRY.header,
    },
  };
  const width =
    layout === 'wide' && sides.includes('right') ? rightX + GEOMETRY.hostWidth : sandboxX + sandboxWidth;
  return { nodes: [sandbox, ...hostNodes], edges, width, height };
}

function channelEdge(
  c: ChannelSpec,
  index: number,
  source: string,
  targetHandle: string,
  state: { selected: boolean; quotaHits: number; palette: DiagramPalette },
): ChannelEdge {
  const direction = directionOf(c);
  const access = accessOf(c);
  const color =
    state.quotaHits > 0 ? state.palette.danger : state.selected ? state.palette.selected : state.palette.edge;
  const marker: EdgeMarker = { type: 'arrowclosed', color, width: 14, height: 14 };
  const classes = ['md-edge', `md-edge--${access}`];
  if (state.selected) classes.push('md-edge--selected');
  if (state.quotaHits > 0) classes.push('md-edge--quota');
  if (direction === 'none') classes.push('md-edge--none');
  return {
    id: `edge-${index}`,
    type: 'straight',
    source,
    sourceHandle: 'host',
    target: 'sandbox',
    targetHandle,
    className: classes.join(' '),
    selectable: false,
    focusable: false,
    interactionWidth: 16,
    // Data flows host -> guest on reads (arrow into the sandbox) and guest -> host on writes.
    ...(direction === 'read' || direction === 'both' ? { markerEnd: marker } : {}),
    ...(direction === 'write' || direction === 'both' ? { markerStart: marker } : {}),
    data: { alias: c.alias, direction },
  };
}
