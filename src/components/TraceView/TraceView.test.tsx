import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TraceEntry } from '../../engine/wasi/trace.ts';
import { TraceView } from './TraceView.tsx';
import type { TraceViewProps } from './TraceView.tsx';

const trace: TraceEntry[] = [
  {
    seq: 0,
    call: 'fd_write',
    args: [1, 1024, 1, 2048],
    errno: 0,
    channel: '/dev/stdout',
    bytes: 6,
    time: 1.5,
  },
  { seq: 1, call: 'fd_write', args: [1, 1024, 1, 2048], errno: 19, channel: '/dev/stdout', time: 2 },
  { seq: 2, call: 'proc_exit', args: [0], errno: -1, time: 2.25 },
];

const render = (props: Partial<TraceViewProps>) =>
  renderToStaticMarkup(
    <TraceView
      trace={trace}
      traceEnabled
      onToggleTrace={() => {}}
      channelFilter={null}
      onChannelFilter={() => {}}
      hasRun
      {...props}
    />,
  );

describe('TraceView', () => {
  it('asks for a run before there is one', () => {
    const html = render({ hasRun: false, trace: undefined });
    expect(html).toContain('Run the project to see its system calls.');
    expect(html).toContain('Record trace');
  });

  it('says when the last run was not traced', () => {
    expect(render({ trace: undefined, traceEnabled: false })).toContain(
      'This run was not traced: switch on Record trace and run again.',
    );
  });

  it('shows the summary, chips with counts and the rows', () => {
    const html = render({});
    expect(html).toContain('3 calls, 1 error; showing 3');
    expect(html).toMatch(/fd_write <span class="trace-chip-count">2<\/span>/);
    expect(html).toContain('aria-label="Filter trace"');
    expect(html).toContain('role="table"');
    for (const c of ['#', 'time', 'call', 'arguments', 'result', 'channel', 'bytes'])
      expect(html).toContain(`<span role="columnheader">${c}</span>`);
    expect(html).toContain('fd=1, iovs=1024, iovs_len=1, nwritten_ptr=2048');
    expect(html).toContain('1.500 ms');
    expect(html).toMatch(/class="trace-row trace-row-quota[^"]*"/);
    expect(html).toContain('EDQUOT');
  });

  it('filters to the channel the diagram chose, and keeps it in the list', () => {
    const html = render({ channelFilter: '/dev/stdin' });
    expect(html).toContain('showing 0');
    expect(html).toContain('<option value="/dev/stdin" selected="">/dev/stdin</option>');
    expect(html).toContain('No calls match the filters.');
  });

  it('notes calls beyond the cap', () => {
    expect(render({ dropped: 1234 })).toContain(
      '… 1,234 more calls were not recorded (the trace keeps the first 1,000,000)',
    );
  });
});
