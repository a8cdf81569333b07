import type { CheckJudge } from '../workshops/check-lesson.ts';
import type { CheckLine } from '../workshops/types.ts';
import type { CheckRequest, CheckResponse } from './check-protocol.ts';

/** How long a check's judging may take before it is stopped (a run's own time is not counted). */
export const CHECK_TIME_LIMIT_MS = 5000;

/** The part of a Worker the judge uses. */
export interface CheckWorker {
  postMessage(message: CheckRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<CheckResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A module Web Worker running check.worker.ts (bundled by Vite). */
export const createCheckWorker = (): CheckWorker =>
  new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' }) as CheckWorker;

/**
 * A judge that works in a fresh worker and stops it after `limitMs`: a lesson's regex that backtracks for
 * minutes costs the learner a sentence, not a frozen page.
 */
export function workerJudge(
  createWorker: () => CheckWorker = createCheckWorker,
  limitMs = CHECK_TIME_LIMIT_MS,
): CheckJudge {
  return (expect, context) =>
    new Promise<CheckLine[]>((resolve) => {
      const worker = createWorker();
      const finish = (lines: CheckLine[]): void => {
        clearTimeout(timer);
        worker.terminate();
        resolve(lines);
      };
      const timer = setTimeout(
        () =>
          finish([
            {
              ok: false,
              text: `the check took longer than ${limitMs / 1000} s and was stopped (a regular expression in the lesson's check.json that backtracks?)`,
            },
          ]),
        limitMs,
      );
      worker.onmessage = (event) => finish(event.data.lines);
      worker.onerror = (event) => {
        event.preventDefault();
        finish([
          { ok: false, text: `the check could not be judged: ${event.message || 'the worker failed'}` },
        ]);
      };
      worker.postMessage({ expect, context });
    });
}
