import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../workshops/expectations.ts';
import type { Expectation } from '../workshops/schema.ts';
import { judgeHere } from '../workshops/check-lesson.ts';
import { workerJudge } from './check-judge.ts';
import type { CheckWorker } from './check-judge.ts';
import type { CheckResponse } from './check-protocol.ts';

/** A worker that judges in this thread after `delayMs`, or never answers (Infinity). */
function fakeWorker(delayMs: number): CheckWorker & { terminated: boolean } {
  const worker: CheckWorker & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(message) {
      if (delayMs === Infinity) return;
      setTimeout(async () => {
        const lines = await judgeHere(message.expect, message.context);
        if (!worker.terminated) worker.onmessage?.({ data: { lines } } as MessageEvent<CheckResponse>);
      }, delayMs);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

const stdout = (text: string): CheckContext =>
  ({
    result: { stdout: new TextEncoder().encode(text), stderr: new Uint8Array(0) },
    before: {},
    after: {},
    setup: { run: 'quick', runFile: 'a.c' },
  }) as unknown as CheckContext;

const EXPECT = [{ stdout: { regex: '^hello$' } }] as Expectation[];

describe('workerJudge', () => {
  it('answers with the worker’s lines and ends the worker', async () => {
    const worker = fakeWorker(1);
    const lines = await workerJudge(() => worker, 1000)(EXPECT, stdout('hello\n'));
    expect(lines).toEqual([{ ok: true, text: 'stdout matches /^hello$/' }]);
    expect(worker.terminated).toBe(true);
  });

  it('stops a worker that takes too long and says why, instead of waiting', async () => {
    const worker = fakeWorker(Infinity);
    const lines = await workerJudge(() => worker, 50)(EXPECT, stdout('hello\n'));
    expect(lines).toEqual([
      {
        ok: false,
        text: "the check took longer than 0.05 s and was stopped (a regular expression in the lesson's check.json that backtracks?)",
      },
    ]);
    expect(worker.terminated).toBe(true);
  });
});
