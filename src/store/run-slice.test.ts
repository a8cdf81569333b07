import { beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../engine/run/report.ts';
import { selectRunResult, selectRunStatus, useAppStore } from './index.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const store = () => useAppStore.getState();

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    state: 'ok',
    exitCode: 0,
    message: 'finished with code 0',
    argv: ['p.wasm'],
    env: [],
    channels: [],
    stdout: new Uint8Array(0),
    stderr: new Uint8Array(0),
    changes: [],
    wallMs: 3,
    peakMemoryBytes: 65536,
    memoryLimitBytes: 65536,
    deterministic: true,
    ...overrides,
  };
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('run slice', () => {
  it('starts a run with a label and the generated config, clearing the last result and badges', () => {
    store().applyRunChanges([{ path: 'x', data: enc('1') }]);
    store().finishRun(report());
    store().startRun({ label: 'p.wasm (quick run)', generated: { manifestText: 'M', nvramText: 'N' } });
    expect(store().run).toMatchObject({
      status: 'running',
      label: 'p.wasm (quick run)',
      result: null,
      report: null,
      generated: { manifestText: 'M', nvramText: 'N' },
    });
    expect(store().badges).toEqual({});
    expect(store().runChanges).toEqual({});
    expect(selectRunStatus(store())).toBe('running');
  });

  it('finishes with a summary and the report, applying changes beneath the workdir', () => {
    store().startRun({ label: 'lesson/hello.manifest' });
    const r = report({
      state: 'timeout',
      exitCode: null,
      message: 'killed: timeout after 1 s',
      wallMs: 1000,
    });
    r.changes = [{ path: 'out.txt', data: enc('partial'), partial: true }];
    store().finishRun(r, 'lesson');
    expect(selectRunResult(store())).toEqual({
      state: 'timeout',
      exitCode: null,
      message: 'killed: timeout after 1 s',
      wallMs: 1000,
    });
    expect(store().run).toMatchObject({ status: 'idle', label: 'lesson/hello.manifest', report: r });
    expect(new TextDecoder().decode(store().files['lesson/out.txt'])).toBe('partial');
    expect(store().badges).toEqual({ 'lesson/out.txt': 'added' });
    expect(store().runChanges).toEqual({ 'lesson/out.txt': { badge: 'added', before: null, partial: true } });
  });

  it('a new run forgets the last run changes; the preview stays on a file, not on a deleted path', () => {
    store().loadProject({ 'a.txt': enc('a'), 'b.txt': enc('b') }, [], []);
    store().startRun();
    store().finishRun(
      report({
        changes: [
          { path: 'a.txt', data: enc('A') },
          { path: 'b.txt', data: null },
        ],
      }),
    );
    store().previewFile('b.txt');
    expect(store().previewPath).toBe('b.txt');
    store().startRun();
    expect(store()).toMatchObject({ badges: {}, runChanges: {}, previewPath: null });
    store().finishRun(report({ changes: [{ path: 'a.txt', data: enc('AA') }] }));
    store().previewFile('a.txt');
    store().startRun();
    expect(store()).toMatchObject({ badges: {}, runChanges: {}, previewPath: 'a.txt' });
  });

  it('tracks where a running program reads stdin and whether it waits for typing', () => {
    store().setRunInput('live');
    expect(store().run.input).toBe('batch');
    store().startRun({ label: 'p.wasm' });
    store().setRunInput('live');
    store().setInputWaiting(true);
    expect(store().run).toMatchObject({ input: 'live', waitingForInput: true });
    store().setRunInput('ended');
    expect(store().run).toMatchObject({ input: 'ended', waitingForInput: false });
    store().setInputWaiting(true);
    expect(store().run.waitingForInput).toBe(false);
    store().setRunInput('live');
    store().setInputWaiting(true);
    store().finishRun(report({ typedInput: enc('1\n'), inputWaitMs: 1500 }));
    expect(store().run).toMatchObject({ status: 'idle', input: 'batch', waitingForInput: false });
    expect(store().run.report?.inputWaitMs).toBe(1500);
    store().setInputWaiting(true);
    expect(store().run.waitingForInput).toBe(false);
  });

  it('records why a run was blocked', () => {
    const diagnostics = {
      'a.manifest': [{ line: 2, column: 1, endColumn: 2, severity: 'error' as const, message: 'bad' }],
    };
    store().blockRun('a.manifest has 1 error', diagnostics);
    expect(store().run).toMatchObject({
      status: 'idle',
      blocked: { reason: 'a.manifest has 1 error', diagnostics },
    });
    store().startRun();
    expect(store().run.blocked).toBeNull();
  });
});
