import { useMemo } from 'react';
import { Handle, Position, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import type { Edge, Node, NodeProps, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { NODE_HEIGHT, NODE_WIDTH, formatBytes, layoutJob } from './job-graph-model.ts';
import type { JobGraphEdge, JobGraphNode } from './job-graph-model.ts';

/** Props of the drawn job graph (loaded lazily: @xyflow/react stays off the first screen). */
export interface JobGraphDrawingProps {
  nodes: readonly JobGraphNode[];
  edges: readonly JobGraphEdge[];
  selected: string | null;
  onSelect(id: string): void;
}

interface JobNodeData extends JobGraphNode, Record<string, unknown> {
  selected: boolean;
}

type JobNode = Node<JobNodeData, 'job'>;

const NODE_TYPES: NodeTypes = { job: JobNodeBox };

/** The job drawn with xyflow; hidden from assistive technology (the node list carries the same content). */
export default function JobGraphDrawing(props: JobGraphDrawingProps) {
  return (
    <ReactFlowProvider>
      <Drawing {...props} />
    </ReactFlowProvider>
  );
}

function Drawing({ nodes, edges, selected, onSelect }: JobGraphDrawingProps) {
  const layout = useMemo(() => layoutJob(nodes, edges), [nodes, edges]);
  const flowNodes = useMemo<JobNode[]>(
    () =>
      layout.nodes.map((n) => ({
        id: n.id,
        type: 'job',
        position: { x: n.x, y: n.y },
        data: { ...n, selected: n.id === selected },
        draggable: false,
        selectable: false,
        style: { width: NODE_WIDTH, height: NODE_HEIGHT },
      })),
    [layout, selected],
  );
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => ({
        id: `${e.from}->${e.to}`,
        source: e.from,
        target: e.to,
        label: e.bytes === undefined ? undefined : formatBytes(e.bytes),
        animated: nodes.find((n) => n.id === e.from)?.status === 'running',
      })),
    [edges, nodes],
  );
  const height = Math.min(320, Math.max(90, layout.height + 24));
  return (
    <div className="job-drawing" style={{ height }} aria-hidden="true">
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        onNodeClick={(_, node) => onSelect(node.id)}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1.1, minZoom: 0.2 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        panOnDrag={false}
        zoomOnScroll={false}
        zoomOnDoubleClick={false}
        preventScrolling={false}
        proOptions={{ hideAttribution: true }}
      />
    </div>
  );
}

function JobNodeBox({ data }: NodeProps<JobNode>) {
  const time = data.ms === undefined ? '' : ` · ${Math.round(data.ms)} ms`;
  return (
    <div className={`job-node job-node-${data.status}${data.selected ? ' job-node-selected' : ''}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <strong>{data.id}</strong>
      <span>
        {data.status}
        {time}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
