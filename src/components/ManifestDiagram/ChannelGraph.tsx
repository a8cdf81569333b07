import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent, RefObject } from 'react';
import { ReactFlow, ReactFlowProvider, useReactFlow, useStore } from '@xyflow/react';
import type { NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Manifest } from '../../engine/manifest/types.ts';
import { PALETTES, layoutDiagram } from './diagram-model.ts';
import type { ChannelEdge, DiagramLayout, DiagramNode } from './diagram-model.ts';
import { HostNode } from './HostNode.tsx';
import { SandboxNode } from './SandboxNode.tsx';

/** Props of the drawn diagram (loaded lazily: @xyflow/react stays off the first screen). */
export interface ChannelGraphProps {
  manifest: Manifest;
  selectedChannel: string | null;
  quotaHits: Readonly<Record<string, number>>;
  theme: 'light' | 'dark';
  /** Tallest the drawing may get, in px; more channels than fit are drawn smaller. */
  maxHeight: number;
  onSelectChannel(alias: string | null): void;
}

const NODE_TYPES: NodeTypes = { host: HostNode, sandbox: SandboxNode };
/** From this width on, writes are drawn right of the sandbox (stdin -> [sandbox] -> stdout). */
const WIDE_FROM = 560;
const FIT = { padding: 0.04, maxZoom: 1.15, minZoom: 0.3 } as const;
/** Vertical room around the diagram, in px. */
const MARGIN = 12;

/**
 * The sandbox and its channels drawn with xyflow: fixed layout, fitted to the panel, click to select.
 * Hidden from assistive technology: the channel list beside it carries the same content, accessibly.
 */
export default function ChannelGraph(props: ChannelGraphProps) {
  return (
    <ReactFlowProvider>
      <Graph {...props} />
    </ReactFlowProvider>
  );
}

function Graph({
  manifest,
  selectedChannel,
  quotaHits,
  theme,
  maxHeight,
  onSelectChannel,
}: ChannelGraphProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const layout: DiagramLayout = width >= WIDE_FROM ? 'wide' : 'compact';
  const model = useMemo(
    () => layoutDiagram(manifest, { layout, selectedChannel, quotaHits, palette: PALETTES[theme] }),
    [manifest, layout, selectedChannel, quotaHits, theme],
  );
  // Tall enough to show the layout at about 1:1 when the panel is wide enough, up to maxHeight.
  const scale = width > 0 ? Math.min(1, (width - 8) / model.width) : 1;
  const height = Math.round(Math.min(maxHeight, Math.max(96, model.height * scale + MARGIN)));
  const toggle = useCallback(
    (alias: string | undefined) => {
      if (alias !== undefined) onSelectChannel(alias === selectedChannel ? null : alias);
    },
    [onSelectChannel, selectedChannel],
  );
  const onNodeClick = useCallback(
    (event: ReactMouseEvent, node: DiagramNode) => {
      if (node.type === 'host') toggle(node.data.alias);
      // A click on a guest alias in the sandbox selects that channel.
      else toggle((event.target as Element).closest<HTMLElement>('[data-alias]')?.dataset.alias);
    },
    [toggle],
  );
  const onEdgeClick = useCallback(
    (_: ReactMouseEvent, edge: ChannelEdge) => toggle(edge.data?.alias),
    [toggle],
  );
  useUnfocusable(box);
  const shape = `${layout}:${model.width}x${model.height}`;
  return (
    <div ref={box} className="md-graph" style={{ height }} aria-hidden="true">
      <ReactFlow<DiagramNode, ChannelEdge>
        nodes={model.nodes}
        edges={model.edges}
        nodeTypes={NODE_TYPES}
        colorMode={theme}
        fitView
        fitViewOptions={FIT}
        minZoom={FIT.minZoom}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        disableKeyboardA11y
        zoomOnScroll={false}
        zoomOnDoubleClick={false}
        panOnScroll={false}
        preventScrolling={false}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
      >
        <FitOnChange shape={shape} />
      </ReactFlow>
    </div>
  );
}

/** Re-fits the view when the layout or the flow's measured size changes (the fitView prop fits once). */
function FitOnChange({ shape }: { shape: string }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    void fitView(FIT);
  }, [fitView, shape, width, height]);
  return null;
}

function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The graph is aria-hidden, so nothing in it may take focus (xyflow's attribution link would). */
function useUnfocusable(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const strip = () => {
      for (const el of element.querySelectorAll<HTMLElement>('a[href], button, [tabindex]')) {
        if (el.tabIndex !== -1) el.tabIndex = -1;
      }
    };
    strip();
    const observer = new MutationObserver(strip);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref]);
}
