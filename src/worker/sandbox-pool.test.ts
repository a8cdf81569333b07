import { describe, expect, it } from 'vitest';
import { loadFixture } from '../engine/test-support/fixture-cache.ts';
import {
  STDIO_CHANNELS,
  manifestText,
  parseValidManifest,
  text,
} from '../engine/test-support/sandbox-run.ts';
import { FakeWorkers, inProcess } from './fake-worker.ts';
import type { FakeBehaviour } from './fake-worker.ts';
import { SandboxClient } from './sandbox-client.ts';
import type { SandboxRequest } from './run-session.ts';
import { SandboxPool } from './sandbox-pool.ts';

const request: SandboxRequest = {
  manifest: parseValidManifest(manifestText(STDIO_CHANNELS, { program: 'hello.wasm' })),
  program: loadFixture('hello'),
  files: new Map(),
};
const noOutput = { onOutput: () => {} };

function pool(size: number, behaviour: FakeBehaviour) {
  const workers = new FakeWorkers(behaviour);
  const clients: SandboxClient[] = [];
  const made = new SandboxPool(size, () => {
    clients.push(new SandboxClient({ createWorker: workers.factory, sharedMemory: true, warm: false }));
    return clients.at(-1)!;
  });
  return { pool: made, clients, workers };
}

describe('SandboxPool', () => {
  it('runs up to `size` programs at once on separate clients and reuses them afterwards', async () => {
    const { pool: p, clients } = pool(2, inProcess);
    const reports = await Promise.all([1, 2, 3, 4].map(() => p.run(request, noOutput)));
    expect(reports.map((r) => text(r.stdout))).toEqual(Array(4).fill('hello, sandbox\n'));
    expect(clients).toHaveLength(2);
    await p.run(request, noOutput);
    expect(clients).toHaveLength(2);
  });

  it('stopAll kills the runs in progress; they resolve as stopped', async () => {
    const { pool: p } = pool(2, () => {});
    const runs = [p.run(request, noOutput), p.run(request, noOutput)];
    await new Promise((resolve) => setTimeout(resolve, 0));
    p.stopAll();
    const reports = await Promise.all(runs);
    expect(reports.map((r) => r.state)).toEqual(['killed', 'killed']);
  });

  it('an aborted signal kills just that run', async () => {
    const { pool: p } = pool(2, () => {});
    const controller = new AbortController();
    const run = p.run(request, noOutput, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    expect((await run).state).toBe('killed');
  });
});
