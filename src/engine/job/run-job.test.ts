import { describe, expect, it } from 'vitest';
import type { RunReport } from '../run/report.ts';
import type { JobEvent } from './job-report.ts';
import { inUri, jobPath, outUri, resultUri } from './job-paths.ts';
import { planJob } from './plan-job.ts';
import { runJob } from './run-job.ts';
import type { RunNode } from './run-job.ts';
import { brief, fakeReport, project } from './test-helpers.ts';
import type { JobNode, JobPlan } from './types.ts';

function plan(text: string): JobPlan {
  const planned = planJob(text, project(['p.wasm']));
  if (!planned.plan) throw new Error(brief(planned.diagnostics).join('\n'));
  return planned.plan;
}

const group = (name: string, extra = ''): string =>
  `{ "name": "${name}", "exec": { "path": "p.wasm" }${extra} }`;
const DIAMOND = plan(
  `[${group('a', ', "connect": ["b", "c"]')}, ${group('b', ', "connect": ["d"]')}, ${group('c', ', "connect": ["d"]')}, ${group('d')}]`,
);

/** A fake runner whose nodes finish when the test says so, recording what it saw. */
class Controlled {
  readonly started: string[] = [];
  readonly files = new Map<string, Map<string, Uint8Array>>();
  readonly signals = new Map<string, AbortSignal>();
  private readonly finishers = new Map<string, (report: RunReport) => void>();
  private waiters: Array<() => void> = [];

  readonly run: RunNode = (node, files, signal) => {
    this.started.push(node.name);
    this.files.set(node.name, files);
    this.signals.set(node.name, signal);
    for (const wake of this.waiters.splice(0)) wake();
    return new Promise((resolve) => this.finishers.set(node.name, resolve));
  };

  /** Running (started, not finished) nodes. */
  get running(): string[] {
    return [...this.finishers.keys()];
  }

  /** Resolves once `count` nodes have started. */
  async startedCount(count: number): Promise<void> {
    while (this.started.length < count) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  finish(name: string, report: Partial<RunReport> = {}): void {
    const resolve = this.finishers.get(name);
    if (!resolve) throw new Error(`${name} is not running (running: ${this.running})`);
    this.finishers.delete(name);
    resolve(fakeReport(report));
  }
}

/** A report whose /dev/out/<to> channels wrote `text`. */
function sent(node: JobNode, text: string): Partial<RunReport> {
  const data = new TextEncoder().encode(text);
  return { changes: node.outputs.map((to) => ({ path: jobPath(outUri(node.name, to)), data })) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('runJob: order and parallelism', () => {
  it('runs a diamond in dependency order, the middle nodes in parallel, and hands bytes along links', async () => {
    const runner = new Controlled();
    const events: string[] = [];
    const job = runJob(DIAMOND, runner.run, {
      concurrency: 4,
      name: 'diamond',
      onEvent: (e: JobEvent) => events.push(`${e.type} ${e.node}`),
    });
    await runner.startedCount(1);
    expect(runner.running).toEqual(['a']);
    runner.finish('a', sent(DIAMOND.nodes[0]!, 'from a'));
    await runner.startedCount(3);
    expect(runner.running).toEqual(['b', 'c']);
    const bInput = runner.files.get('b')!.get(jobPath(inUri('a', 'b')));
    expect(new TextDecoder().decode(bInput)).toBe('from a');
    runner.finish(
      'c',
      sent(
        DIAMOND.nodes.find((n) => n.name === 'c')!,
        'from c',
      ),
    );
    await tick();
    expect(runner.running).toEqual(['b']);
    runner.finish(
      'b',
      sent(
        DIAMOND.nodes.find((n) => n.name === 'b')!,
        'b!',
      ),
    );
    await runner.startedCount(4);
    const dFiles = runner.files.get('d')!;
    expect(
      [dFiles.get(jobPath(inUri('b', 'd'))), dFiles.get(jobPath(inUri('c', 'd')))].map(
        (b) => b && new TextDecoder().decode(b),
      ),
    ).toEqual(['b!', 'from c']);
    runner.finish('d');
    const report = await job;
    expect(report.state).toBe('done');
    expect(report.nodes.map((n) => [n.name, n.status])).toEqual([
      ['a', 'done'],
      ['b', 'done'],
      ['c', 'done'],
      ['d', 'done'],
    ]);
    expect(report.edges).toEqual([
      { from: 'a', to: 'b', bytes: 6, delivered: true },
      { from: 'a', to: 'c', bytes: 6, delivered: true },
      { from: 'b', to: 'd', bytes: 2, delivered: true },
      { from: 'c', to: 'd', bytes: 6, delivered: true },
    ]);
    expect(report.summary).toMatch(/^diamond: 4 nodes done in \d+ ms$/);
    expect(events).toEqual([
      'node-started a',
      'node-finished a',
      'node-started b',
      'node-started c',
      'node-finished c',
      'node-finished b',
      'node-started d',
      'node-finished d',
    ]);
    // Links are plumbing: they are not project changes.
    expect(report.changes).toEqual([]);
    expect(report.nodes[0]!.report!.changes).toEqual([]);
  });

  it('never runs more than `concurrency` nodes at once', async () => {
    const five = plan(`[${group('w', ', "count": 5')}]`);
    let running = 0;
    let most = 0;
    const report = await runJob(
      five,
      async () => {
        most = Math.max(most, ++running);
        await tick();
        running--;
        return fakeReport();
      },
      { concurrency: 2 },
    );
    expect(most).toBe(2);
    expect(report.nodes.every((n) => n.status === 'done')).toBe(true);
    most = 0;
    const one = await runJob(five, async () => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      return fakeReport();
    });
    expect(one.state).toBe('done');
    expect(most).toBe(1);
  });

  it('measures node times and the critical path with the given clock', async () => {
    let clock = 0;
    const report = await runJob(
      DIAMOND,
      async (node) => {
        clock += node.name === 'b' ? 50 : 10;
        return fakeReport();
      },
      { concurrency: 1, now: () => clock },
    );
    expect(report.nodes.map((n) => [n.name, n.startMs, n.endMs])).toEqual([
      ['a', 0, 10],
      ['b', 10, 60],
      ['c', 60, 70],
      ['d', 70, 80],
    ]);
    expect(report.totalMs).toBe(80);
    expect(report.criticalPath).toEqual({ nodes: ['a', 'b', 'd'], ms: 70 });
  });
});

describe('runJob: failures', () => {
  it('a failing node stops its dependants, which are skipped; other nodes still run', async () => {
    const job = plan(
      `[${group('map', ', "count": 3, "connect": ["reduce"]')}, ${group('reduce', ', "connect": ["print"]')}, ${group('print')}, ${group('other')}]`,
    );
    const events: JobEvent[] = [];
    const report = await runJob(
      job,
      async (node) =>
        node.name === 'map-2'
          ? fakeReport({
              state: 'quota',
              exitCode: 0,
              message: 'finished with code 0, but /dev/out/reduce quota of 1 writes used up',
            })
          : fakeReport(),
      { concurrency: 2, onEvent: (e) => events.push(e) },
    );
    expect(report.state).toBe('failed');
    expect(report.nodes.map((n) => [n.name, n.status, n.reason])).toEqual([
      ['map-1', 'done', undefined],
      ['map-2', 'failed', 'finished with code 0, but /dev/out/reduce quota of 1 writes used up'],
      ['map-3', 'done', undefined],
      ['other', 'done', undefined],
      ['reduce', 'skipped', 'map-2 failed'],
      ['print', 'skipped', 'map-2 failed'],
    ]);
    expect(report.summary).toBe(
      'map-2 failed: finished with code 0, but /dev/out/reduce quota of 1 writes used up; reduce, print skipped',
    );
    expect(events.filter((e) => e.type === 'node-skipped')).toEqual([
      { type: 'node-skipped', node: 'reduce', reason: 'map-2 failed' },
      { type: 'node-skipped', node: 'print', reason: 'map-2 failed' },
    ]);
    expect(report.edges.find((e) => e.from === 'map-2')).toEqual({
      from: 'map-2',
      to: 'reduce',
      bytes: 0,
      delivered: false,
    });
  });

  it('counts a nonzero exit, a timeout and a runner error as failures', async () => {
    const three = plan(`[${group('n', ', "count": 3')}]`);
    const report = await runJob(three, async (node) => {
      if (node.name === 'n-1')
        return fakeReport({ state: 'exit', exitCode: 3, message: 'finished with code 3' });
      if (node.name === 'n-2') return fakeReport({ state: 'timeout', message: 'killed: timeout after 10 s' });
      throw new Error('the sandbox thread stopped unexpectedly (exit code 1)');
    });
    expect(report.nodes.map((n) => [n.name, n.status, n.reason])).toEqual([
      ['n-1', 'failed', 'finished with code 3'],
      ['n-2', 'failed', 'killed: timeout after 10 s'],
      ['n-3', 'failed', 'the runner failed: the sandbox thread stopped unexpectedly (exit code 1)'],
    ]);
    expect(report.summary).toBe(
      'n-1 failed: finished with code 3; n-2 failed: killed: timeout after 10 s; n-3 failed: the runner failed: the sandbox thread stopped unexpectedly (exit code 1)',
    );
  });

  it('returns path-less output devices as results and keeps real file changes', async () => {
    const job = plan(
      `[${group('w', ', "devices": [{ "name": "output" }, { "name": "stdout", "path": "log.txt" }]')}]`,
    );
    const report = await runJob(job, async () =>
      fakeReport({
        changes: [
          { path: jobPath(resultUri('w', 'output')), data: new TextEncoder().encode('result') },
          { path: 'log.txt', data: new TextEncoder().encode('log') },
        ],
      }),
    );
    expect(report.nodes[0]!.results).toEqual([
      { device: 'output', data: new TextEncoder().encode('result') },
    ]);
    expect(report.changes.map((c) => c.path)).toEqual(['log.txt']);
  });
});

describe('runJob: stop', () => {
  it('aborts running nodes through their signal and skips the waiting ones', async () => {
    const runner = new Controlled();
    const stop = new AbortController();
    const job = runJob(DIAMOND, runner.run, { concurrency: 2, signal: stop.signal });
    await runner.startedCount(1);
    runner.finish('a');
    await runner.startedCount(3);
    runner.signals
      .get('b')!
      .addEventListener('abort', () =>
        runner.finish('b', { state: 'killed', message: 'stopped: killed by the user after 0.1 s' }),
      );
    runner.signals
      .get('c')!
      .addEventListener('abort', () =>
        runner.finish('c', { state: 'killed', message: 'stopped: killed by the user after 0.1 s' }),
      );
    stop.abort();
    const report = await job;
    expect(runner.started).toEqual(['a', 'b', 'c']);
    expect(report.state).toBe('stopped');
    expect(report.nodes.map((n) => [n.name, n.status, n.reason])).toEqual([
      ['a', 'done', undefined],
      ['b', 'failed', 'stopped: killed by the user after 0.1 s'],
      ['c', 'failed', 'stopped: killed by the user after 0.1 s'],
      ['d', 'skipped', 'the job was stopped'],
    ]);
    expect(report.summary).toMatch(/^job: stopped after \d+ ms; 1 done, 2 killed, 1 skipped$/);
  });

  it('starts nothing when stopped before it begins', async () => {
    const stop = new AbortController();
    stop.abort();
    const report = await runJob(DIAMOND, async () => fakeReport(), { signal: stop.signal });
    expect(report.state).toBe('stopped');
    expect(report.nodes.every((n) => n.status === 'skipped')).toBe(true);
  });
});
