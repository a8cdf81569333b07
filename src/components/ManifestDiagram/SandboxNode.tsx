import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import type { SandboxNode as SandboxNodeType } from './diagram-model.ts';

/** The sandbox: program and limits on top, each channel's guest alias on the side its host is. */
export function SandboxNode({ data }: NodeProps<SandboxNodeType>) {
  return (
    <div className="md-sandbox">
      <div className="md-sandbox-head" style={{ height: data.headerHeight }}>
        <div className="md-sandbox-program" title={data.program}>
          {data.program}
        </div>
        <div className="md-sandbox-limits">{data.limits}</div>
      </div>
      {data.ports.map((port) => {
        const classes = ['md-port', `md-port--${port.side}`];
        if (port.selected) classes.push('md-port--selected');
        if (port.quotaHits > 0) classes.push('md-port--quota');
        return (
          <div key={port.id} className={classes.join(' ')} style={{ top: port.y }} data-alias={port.alias}>
            <span className="md-port-alias">{port.alias}</span>
            <Handle
              id={port.id}
              type="target"
              position={port.side === 'left' ? Position.Left : Position.Right}
              isConnectable={false}
              className="md-handle"
            />
          </div>
        );
      })}
    </div>
  );
}
