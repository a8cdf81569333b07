import { describe, expect, it } from 'vitest';
import { EAGER_WRITES, createOutputSender } from './output-sender.ts';
import type { WorkerToHost } from './protocol.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

function sender() {
  const sent: Array<{ stream: string; text: string }> = [];
  let clock = 0;
  const out = createOutputSender(
    'r',
    (m: WorkerToHost) => {
      if (m.type === 'output') sent.push({ stream: m.stream, text: new TextDecoder().decode(m.chunk) });
    },
    () => clock,
  );
  return { out, sent, tick: (ms: number) => (clock += ms) };
}

describe('createOutputSender', () => {
  it('posts early writes one by one, copying the bytes', () => {
    const { out, sent } = sender();
    const buffer = bytes('a');
    out.write('stdout', buffer);
    buffer[0] = 0x7a;
    out.write('stderr', bytes('b'));
    expect(sent).toEqual([
      { stream: 'stdout', text: 'a' },
      { stream: 'stderr', text: 'b' },
    ]);
  });

  it('batches a flood in order, flushing on a stream switch, on age, and at the end', () => {
    const { out, sent, tick } = sender();
    for (let i = 0; i < EAGER_WRITES; i++) out.write('stdout', bytes('.'));
    sent.length = 0;
    out.write('stdout', bytes('x'));
    out.write('stdout', bytes('y'));
    expect(sent).toEqual([]);
    out.write('stderr', bytes('!'));
    expect(sent).toEqual([{ stream: 'stdout', text: 'xy' }]);
    tick(100);
    out.write('stderr', bytes('?'));
    expect(sent.at(-1)).toEqual({ stream: 'stderr', text: '!?' });
    out.write('stdout', bytes('z'));
    out.flush();
    expect(sent.at(-1)).toEqual({ stream: 'stdout', text: 'z' });
  });
});
