import { describe, expect, it } from 'vitest';
import type { JobReport } from '../engine/job/job-report.ts';
import type { RunReport } from '../engine/run/report.ts';
import { checkLesson, runSetupFor } from './check-lesson.ts';
import type { Expectation } from './schema.ts';
import { fakeReport, textFiles } from './test-support.ts';
import type { Lesson, LessonRunResult, LessonRunner, RunSetup } from './types.ts';

const encoder = new TextEncoder();

function lesson(expect: Expectation[], run: RunSetup['run'] = 'manifest'): Lesson {
  return {
    id: '01-test',
    meta: {
      title: 'T',
      goal: 'G',
      minutes: 1,
      run,
      'run-file': 'a.manifest',
      'files-open': ['a.manifest'],
      variants: { c: { 'run-file': 'c.manifest', 'files-open': ['c.c'] } },
    },
    body: '',
    start: {},
    solution: {},
    solutionChanges: {},
    check: { expect },
  };
}

/** A runner that answers each run with the next of `results` (the last one repeated). */
function runner(
  ...results: LessonRunResult[]
): LessonRunner & { calls: Array<{ setup: RunSetup; trace: boolean }> } {
  const calls: Array<{ setup: RunSetup; trace: boolean }> = [];
  return {
    calls,
    run: async (_files, setup, options) => {
      calls.push({ setup, trace: options.trace });
      return results[Math.min(calls.length - 1, results.length - 1)]!;
    },
  };
}

async function judge(
  expectation: Expectation,
  ...results: LessonRunResult[]
): Promise<{ ok: boolean; text: string; hint?: string }> {
  const files = textFiles({ 'a.manifest': MANIFEST });
  const result = await checkLesson(lesson([expectation]), files, runner(...results));
  return result.results[0]!;
}

const MANIFEST = `Version = 20130611
Program = a.wasm
Memory = 16777216, 0
Timeout = 5
Channel = /dev/stdin, /dev/stdin, 0, 0, 1, 1, 0, 0
Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 10, 1024
Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 10, 1024
`;

const quota = fakeReport({
  state: 'quota',
  stdout: encoder.encode('1\n2\n3\n'),
  channels: [
    {
      ...fakeReport().channels[0]!,
      limits: { gets: 0, getSize: 0, puts: 3, putSize: 1024 },
      writes: 10,
      quotaHits: 7,
    },
  ],
});

function job(overrides: Partial<JobReport> = {}): JobReport {
  const node = (name: string, text: string) => ({
    name,
    group: name,
    status: 'done' as const,
    results: [],
    report: fakeReport({ stdout: encoder.encode(text) }),
  });
  return {
    name: 'j',
    state: 'done',
    nodes: [node('map', 'm\n'), node('reduce', 'total 5\n')],
    edges: [],
    changes: [{ path: 'out/total.txt', data: encoder.encode('5\n') }],
    totalMs: 3,
    criticalPath: { nodes: ['map', 'reduce'], ms: 3 },
    summary: 'j: 2 nodes done in 3 ms',
    ...overrides,
  };
}

describe('checkLesson', () => {
  it('runs the variant the learner chose, with the trace only when a requirement needs it', async () => {
    const r = runner(fakeReport({ trace: [] }));
    await checkLesson(lesson([{ exit: 'ok' }]), {}, r, 'c');
    await checkLesson(lesson([{ trace: { call: 'fd_write' } }]), {}, r);
    expect(r.calls.map((c) => [c.setup.runFile, c.trace])).toEqual([
      ['c.manifest', false],
      ['a.manifest', true],
    ]);
    expect(() => runSetupFor(lesson([]), 'rust')).toThrow(/no variant "rust"/);
  });

  it('fails with the reason when the run did not start', async () => {
    const result = await checkLesson(
      lesson([{ exit: 'ok' }]),
      {},
      runner({ blocked: 'a.manifest has 1 error' }),
    );
    expect(result).toEqual({
      passed: false,
      results: [{ ok: false, text: 'the run did not start: a.manifest has 1 error' }],
    });
  });

  it('judges the exit state and code', async () => {
    expect(await judge({ exit: 'ok', code: 0 }, fakeReport())).toEqual({
      ok: true,
      text: 'the run ended "ok" with code 0',
    });
    expect(await judge({ exit: 'ok', hint: 'Look at stderr.' }, quota)).toEqual({
      ok: false,
      text: 'the run ended "quota" (finished with code 0), expected "ok"',
      hint: 'Look at stderr.',
    });
    expect((await judge({ exit: 'exit', code: 2 }, fakeReport({ state: 'exit', exitCode: 1 }))).text).toBe(
      'the program exited with code 1, expected 2',
    );
  });

  it('judges stdout and stderr, explaining refused writes', async () => {
    expect(await judge({ stdout: { lines: 10 } }, quota)).toEqual({
      ok: false,
      text: 'stdout had 3 lines, expected 10 (the /dev/stdout channel allows 3 writes; 7 refused)',
    });
    expect(await judge({ stdout: { lines: 2 } }, fakeReport())).toEqual({
      ok: true,
      text: 'stdout has 2 lines',
    });
    expect(await judge({ stdout: { equals: 'one\ntwo\n' } }, fakeReport())).toMatchObject({ ok: true });
    expect(await judge({ stdout: { contains: 'three' } }, fakeReport())).toEqual({
      ok: false,
      text: 'stdout does not contain "three" (it was "one\\ntwo\\n")',
    });
    expect(await judge({ stdout: { regex: '^two$' } }, fakeReport())).toMatchObject({ ok: true });
    expect(
      await judge(
        { stderr: { equals: 'x' } },
        fakeReport({ state: 'exit', exitCode: 1, message: 'finished with code 1' }),
      ),
    ).toEqual({
      ok: false,
      text: 'stderr was "", expected "x" (the run ended "exit": finished with code 1)',
    });
  });

  it('judges project files after the run', async () => {
    const wrote = fakeReport({
      changes: [
        { path: 'out.txt', data: encoder.encode('43\n') },
        { path: 'a.manifest', data: null },
      ],
    });
    expect(await judge({ file: 'out.txt', equals: '43\n' }, wrote)).toEqual({
      ok: true,
      text: 'out.txt is "43\\n"',
    });
    expect(await judge({ file: 'out.txt', contains: '44' }, wrote)).toMatchObject({ ok: false });
    expect(await judge({ file: 'out.txt', regex: '^\\d+$' }, wrote)).toMatchObject({ ok: true });
    expect(
      await judge(
        { file: 'out.txt', sha256: 'ab97faaf7ef4da29fc4ec0a8a2e1f8c8c8ef0f87e0a6a8d5a9e2e8e3b3b9c1d2' },
        wrote,
      ),
    ).toMatchObject({
      ok: false,
      text: expect.stringMatching(/^out\.txt does not have the expected contents/),
    });
    expect(await judge({ file: 'a.manifest', exists: false }, wrote)).toEqual({
      ok: true,
      text: 'a.manifest is not in the project',
    });
    expect(await judge({ file: 'gone.txt', equals: '' }, wrote)).toEqual({
      ok: false,
      text: 'gone.txt is not in the project after the run',
    });
  });

  it('judges channel accounting and declared limits', async () => {
    expect(await judge({ channel: '/dev/stdout', writes: { min: 1, max: 2 } }, fakeReport())).toEqual({
      ok: true,
      text: 'the /dev/stdout channel had 2 writes',
    });
    expect(await judge({ channel: '/dev/stdout', bytesWritten: { max: 4 } }, fakeReport())).toEqual({
      ok: false,
      text: 'the /dev/stdout channel had 12 bytes written, expected at most 4',
    });
    expect(await judge({ channel: '/dev/stdout', quotaHit: false }, quota)).toEqual({
      ok: false,
      text: '7 calls to /dev/stdout hit the quota, expected none to',
    });
    expect(await judge({ channel: '/dev/stdout', limit: { puts: 10 } }, quota)).toEqual({
      ok: false,
      text: 'the /dev/stdout channel allows 3 writes, expected 10 writes',
    });
    expect(await judge({ channel: '/dev/stdout', limit: { type: 0, puts: 10 } }, fakeReport())).toEqual({
      ok: true,
      text: 'the /dev/stdout channel is of type 0 and allows 10 writes',
    });
    expect(await judge({ channel: '/dev/input', reads: { min: 1 } }, fakeReport())).toEqual({
      ok: false,
      text: 'the run has no /dev/input channel',
    });
  });

  it('judges the manifest, the report and the trace', async () => {
    expect(await judge({ manifest: { memory: { max: 1024 }, timeout: { min: 1 } } }, fakeReport())).toEqual({
      ok: false,
      text: 'Memory is 16777216 bytes, expected at most 1024',
    });
    expect(await judge({ manifest: { timeout: { min: 1, max: 5 } } }, fakeReport())).toEqual({
      ok: true,
      text: 'Timeout is 5 seconds',
    });
    expect(await judge({ report: { argv: ['greet', 'Ada'] } }, fakeReport({ argv: ['greet'] }))).toEqual({
      ok: false,
      text: 'argv was "greet", expected "greet Ada"',
    });
    const entry = (call: string, errno: number) => ({ seq: 0, call, args: [], errno, time: 0 });
    const traced = fakeReport({ trace: [entry('fd_seek', 70), entry('fd_write', 0), entry('fd_write', 0)] });
    expect(await judge({ trace: { call: 'fd_seek', errno: 'ESPIPE', count: 0 } }, traced)).toEqual({
      ok: false,
      text: 'the trace had 1 call of fd_seek failing with ESPIPE, expected exactly 0',
    });
    expect(await judge({ trace: { call: 'fd_write', count: 1 } }, traced)).toEqual({
      ok: false,
      text: 'the trace had 2 calls of fd_write, expected exactly 1',
    });
    expect(await judge({ trace: { call: 'fd_write' } }, fakeReport())).toEqual({
      ok: false,
      text: 'no trace was recorded',
    });
  });

  it('runs twice for determinism and names what differed', async () => {
    const other = fakeReport({
      stdout: encoder.encode('three\n'),
      changes: [{ path: 'out.txt', data: encoder.encode('x') }],
    });
    expect(await judge({ deterministic: true }, fakeReport(), fakeReport())).toEqual({
      ok: true,
      text: 'two runs gave identical output, files and etags',
    });
    expect(await judge({ deterministic: true }, fakeReport(), other)).toEqual({
      ok: false,
      text: 'two runs differed in stdout, out.txt',
    });
  });

  it("judges jobs: their state, node count, and a node's output", async () => {
    expect(await judge({ job: 'done' }, job())).toEqual({ ok: true, text: 'the job ended done' });
    expect(await judge({ nodes: { min: 4 } }, job())).toEqual({
      ok: false,
      text: 'the job had 2 nodes, expected at least 4',
    });
    expect(await judge({ stdout: { equals: 'total 5\n' } }, job())).toMatchObject({ ok: true });
    expect(await judge({ node: 'map', stdout: { equals: 'm\n' } }, job())).toEqual({
      ok: true,
      text: 'map\'s stdout is "m\\n"',
    });
    expect(await judge({ node: 'sort', stdout: { equals: '' } }, job())).toEqual({
      ok: false,
      text: 'the job has no node "sort" (it has map, reduce)',
    });
    expect(await judge({ file: 'out/total.txt', equals: '5\n' }, job())).toMatchObject({ ok: true });
    expect(await judge({ job: 'done' }, fakeReport())).toMatchObject({ ok: false });
  });

  it('passes only when every requirement holds', async () => {
    const files = textFiles({ 'a.manifest': MANIFEST });
    const check = lesson([{ exit: 'ok' }, { stdout: { lines: 2 } }]);
    expect((await checkLesson(check, files, runner(fakeReport()))).passed).toBe(true);
    expect((await checkLesson(check, files, runner(quota as RunReport))).passed).toBe(false);
  });
});
