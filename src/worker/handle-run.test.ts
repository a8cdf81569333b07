import { describe, expect, it } from 'vitest';
import { loadFixture } from '../engine/test-support/fixture-cache.ts';
import {
  STDIO_CHANNELS,
  manifestText,
  parseValidManifest,
  text,
} from '../engine/test-support/sandbox-run.ts';
import { COUNTER_FIELDS, COUNTER_WRITES } from '../engine/wasi/channel.ts';
import { sharedLengthsBytes } from '../engine/run/shared-storage.ts';
import { createMessageHandler, reportBuffers } from './handle-run.ts';
import { PreparedCache } from './prepared-cache.ts';
import type { RunMessage, WorkerToHost } from './protocol.ts';

const manifest = parseValidManifest(manifestText(STDIO_CHANNELS, { program: 'hello.wasm' }));

function runMessage(shared: boolean, overrides: Partial<RunMessage> = {}): RunMessage {
  const count = manifest.channels.length;
  return {
    type: 'run',
    runId: 'r1',
    manifest,
    program: loadFixture('hello'),
    programKey: 'hello',
    files: [],
    stdin: new Uint8Array(0),
    deterministic: true,
    trace: false,
    counters: shared ? new SharedArrayBuffer(count * COUNTER_FIELDS * 8) : null,
    lengths: shared ? new SharedArrayBuffer(sharedLengthsBytes(count)) : null,
    stdinPipe: null,
    waits: null,
    ...overrides,
  };
}

function recorder() {
  const posted: Array<{ message: WorkerToHost; transfer?: Transferable[] }> = [];
  const cache = new PreparedCache();
  const handle = createMessageHandler((message, transfer) => posted.push({ message, transfer }), cache);
  return { posted, cache, handle, types: () => posted.map((p) => p.message.type) };
}

describe('the worker message handler', () => {
  it('with shared memory: posts started, grow for the console, then done with the report transferred', () => {
    const r = recorder();
    const message = runMessage(true);
    r.handle(message);
    expect(r.types()[0]).toBe('started');
    expect(r.types()).toContain('grow');
    expect(r.types()).not.toContain('output');
    const last = r.posted.at(-1)!;
    expect(last.message).toMatchObject({ type: 'done', runId: 'r1', report: { state: 'ok', exitCode: 0 } });
    if (last.message.type !== 'done') throw new Error('expected done');
    expect(text(last.message.report.stdout)).toBe('hello, sandbox\n');
    expect(last.transfer).toContain(last.message.report.stdout.buffer);
    const stdoutIndex = manifest.channels.findIndex((c) => c.alias === '/dev/stdout');
    expect(new Float64Array(message.counters!)[stdoutIndex * COUNTER_FIELDS + COUNTER_WRITES]).toBe(1);
  });

  it('shares only the channels the guest can write: stdin it reads stays out of shared memory', () => {
    const r = recorder();
    r.handle(runMessage(true, { stdin: new TextEncoder().encode('input the page never needs back') }));
    const grown = r.posted.flatMap((p) => (p.message.type === 'grow' ? [p.message.channel] : []));
    const stdoutIndex = manifest.channels.findIndex((c) => c.alias === '/dev/stdout');
    expect(grown).toEqual([stdoutIndex]);
  });

  it('without shared memory: streams console writes as output messages', () => {
    const r = recorder();
    r.handle(runMessage(false));
    expect(r.types()).toEqual(['started', 'output', 'done']);
    const output = r.posted[1]!.message;
    expect(output).toMatchObject({ type: 'output', runId: 'r1', stream: 'stdout' });
    if (output.type === 'output') expect(text(output.chunk)).toBe('hello, sandbox\n');
  });

  it('keeps the compiled program by key and Memory, so the next run skips compiling', () => {
    const r = recorder();
    r.handle(runMessage(false));
    r.handle(runMessage(false, { runId: 'r2' }));
    expect(r.cache.size).toBe(1);
    r.handle(runMessage(false, { runId: 'r3', manifest: { ...manifest, memory: 32 * 1024 * 1024 } }));
    expect(r.cache.size).toBe(2);
    expect(r.posted.filter((p) => p.message.type === 'done')).toHaveLength(3);
  });

  it('prepare warms the engine up and compiles programs ahead, posting nothing', () => {
    const r = recorder();
    r.handle({
      type: 'prepare',
      programs: [{ programKey: 'hello', program: loadFixture('hello'), memory: manifest.memory }],
    });
    expect(r.posted).toEqual([]);
    expect(r.cache.size).toBe(1);
    r.handle(runMessage(false));
    expect(r.cache.size).toBe(1);
  });

  it('reports a refused module as a done report, and caches nothing for it', () => {
    const r = recorder();
    r.handle(runMessage(false, { program: new Uint8Array([1, 2, 3]), programKey: 'junk' }));
    expect(r.posted.at(-1)!.message).toMatchObject({ type: 'done', report: { state: 'refused' } });
    expect(r.cache.size).toBe(0);
  });

  it('posts crash with a plain error when the engine throws', () => {
    const r = recorder();
    r.handle(runMessage(false, { files: 5 as unknown as RunMessage['files'] }));
    expect(r.posted.at(-1)!.message).toMatchObject({
      type: 'crash',
      runId: 'r1',
      error: { name: 'TypeError' },
    });
  });
});

describe('reportBuffers', () => {
  it('lists each plain buffer once and leaves shared ones out', () => {
    const out = new Uint8Array(4);
    const shared = new Uint8Array(new SharedArrayBuffer(4));
    const buffers = reportBuffers({
      stdout: out,
      stderr: out.subarray(1),
      changes: [
        { path: 'a', data: shared },
        { path: 'b', data: null },
      ],
    } as never);
    expect(buffers).toEqual([out.buffer]);
  });
});
