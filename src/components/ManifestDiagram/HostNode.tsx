import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import type { HostNode as HostNodeType } from './diagram-model.ts';
import { HostIcon } from './HostIcon.tsx';

/** A channel's host side: icon and name, its limit lines, and EDQUOT when its quota stopped a call. */
export function HostNode({ data }: NodeProps<HostNodeType>) {
  const classes = ['md-host', `md-host--${data.side}`];
  if (data.selected) classes.push('md-host--selected');
  if (data.quotaHits > 0) classes.push('md-host--quota');
  return (
    <div className={classes.join(' ')} title={data.description}>
      <div className="md-host-title">
        <HostIcon kind={data.kind} />
        <span className="md-host-label">{data.label}</span>
        {data.detail && <span className="md-host-detail">{data.detail}</span>}
      </div>
      {data.lines.map((line) => (
        <div key={line} className="md-host-line">
          {line}
        </div>
      ))}
      {data.quotaHits > 0 && <span className="md-edquot">EDQUOT ×{data.quotaHits}</span>}
      <Handle
        id="host"
        type="source"
        position={data.side === 'left' ? Position.Right : Position.Left}
        isConnectable={false}
        className="md-handle"
      />
    </div>
  );
}
