/** Where a job node is in its life. */
export type JobNodeStatus = 'waiting' | 'running' | 'done' | 'failed' | 'skipped';

/** One node of a job as the graph shows it. */
export interface JobGraphNode {
  /** Node name, unique in the job ("map-2"). */
  id: string;
  /** Group the node was made from ("map"). */
  group: string;
  status: JobNodeStatus;
  /** Run time once finished, in ms. */
  ms?: number;
  /** Why it failed or was skipped, in a few words. */
  detail?: string;
}

/** One connection (`/dev/out/<to>` of `from` -> `/dev/in/<from>` of `to`), with the bytes it carried. */
export interface JobGraphEdge {
  from: string;
  to: string;
  bytes?: number;
}

/** A node placed on the drawing. */
export interface PlacedNode extends JobGraphNode {
  x: number;
  y: number;
}

/** The drawing's layout: nodes in columns by dependency depth, groups kept together within a column. */
export interface JobLayout {
  nodes: PlacedNode[];
  width: number;
  height: number;
}

/** Node box size and spacing, in px. */
export const NODE_WIDTH = 132;
export const NODE_HEIGHT = 46;
const COLUMN_GAP = 70;
const ROW_GAP = 14;

/** Lays a job out left to right: a node's column is the longest chain of connections leading to it. */
export function layoutJob(nodes: readonly JobGraphNode[], edges: readonly JobGraphEdge[]): JobLayout {
  const depth = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  // Longest-path layering; a job is acyclic (the parser refuses cycles), the bound only guards bad input.
  for (let pass = 0; pass < nodes.length; pass++) {
    let changed = false;
    for (const e of edges) {
      const next = (depth.get(e.from) ?? 0) + 1;
      if (depth.has(e.to) && next > depth.get(e.to)!) {
        depth.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const columns = new Map<number, JobGraphNode[]>();
  for (const n of nodes) {
    const column = depth.get(n.id) ?? 0;
    columns.set(column, [...(columns.get(column) ?? []), n]);
  }
  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const height = tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const placed: PlacedNode[] = [];
  for (const [column, members] of columns) {
    const sorted = [...members].sort((a, b) => a.group.localeCompare(b.group) || naturalCompare(a.id, b.id));
    const own = sorted.length * NODE_HEIGHT + (sorted.length - 1) * ROW_GAP;
    sorted.forEach((n, row) =>
      placed.push({
        ...n,
        x: column * (NODE_WIDTH + COLUMN_GAP),
        y: (height - own) / 2 + row * (NODE_HEIGHT + ROW_GAP),
      }),
    );
  }
  const width = (Math.max(0, ...columns.keys()) + 1) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP;
  return { nodes: placed, width, height };
}

/** "map-2" before "map-10". */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

/** "1.2 KB" for edge labels and lists. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
