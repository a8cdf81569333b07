import type { JobReport } from '../engine/job/job-report.ts';
import type { RunReport } from '../engine/run/report.ts';
import { evaluate, isJobReport } from './expectations.ts';
import type { CheckContext } from './expectations.ts';
import type { Expectation } from './schema.ts';
import type { CheckLine, CheckResult, Lesson, LessonFiles, LessonRunner, RunSetup } from './types.ts';

/** The names of a lesson's variants (`c`, `python`), or `[undefined]` when it has none. */
export function lessonVariants(lesson: Lesson): Array<string | undefined> {
  const names = Object.keys(lesson.meta.variants ?? {});
  return names.length > 0 ? names : [undefined];
}

/** What Run and Check run for a lesson, or for one of its variants. */
export function runSetupFor(lesson: Lesson, variant?: string): RunSetup {
  const chosen = variant === undefined ? undefined : lesson.meta.variants?.[variant];
  if (variant !== undefined && !chosen) throw new Error(`lesson ${lesson.id} has no variant "${variant}"`);
  return {
    run: lesson.meta.run,
    runFile: chosen?.['run-file'] ?? lesson.meta['run-file'],
    stdin: lesson.meta.stdin,
    args: lesson.meta.args,
  };
}

/** The files a lesson (variant) opens in tabs, the first one active. */
export function filesOpenFor(lesson: Lesson, variant?: string): string[] {
  const chosen = variant === undefined ? undefined : lesson.meta.variants?.[variant];
  return chosen?.['files-open'] ?? lesson.meta['files-open'];
}

/** Runs the project (twice when determinism is required) and judges every requirement of the lesson's check. */
export async function checkLesson(
  lesson: Lesson,
  files: LessonFiles,
  runner: LessonRunner,
  variant?: string,
  judge: CheckJudge = judgeHere,
): Promise<CheckResult> {
  const setup = runSetupFor(lesson, variant);
  const expect = lesson.check.expect;
  const trace = expect.some((e) => 'trace' in e);
  const result = await runner.run(files, setup, { trace });
  if ('blocked' in result)
    return { passed: false, results: [{ ok: false, text: `the run did not start: ${result.blocked}` }] };
  let second: RunReport | JobReport | undefined;
  if (expect.some((e) => 'deterministic' in e)) {
    const again = await runner.run(files, setup, { trace });
    if ('blocked' in again)
      return {
        passed: false,
        results: [{ ok: false, text: `the second run did not start: ${again.blocked}` }],
      };
    second = again;
  }
  const after = applyChanges(files, result);
  const results = await judge(expect, { result, second, before: files, after, setup });
  return { passed: results.every((r) => r.ok), results };
}

/**
 * Judges a check's requirements against a run. The browser passes one that works in a worker with a time
 * limit (a lesson's regex could backtrack for minutes); Node judges in its own thread.
 */
export type CheckJudge = (expect: Expectation[], context: CheckContext) => Promise<CheckLine[]>;

/** Judges in this thread. */
export const judgeHere: CheckJudge = async (expect, context) => expect.map((e) => evaluate(e, context));

/** The project after a run: its file changes applied (a removed file is gone). */
export function applyChanges(files: LessonFiles, result: RunReport | JobReport): LessonFiles {
  const out = { ...files };
  const changes = isJobReport(result) ? result.changes : result.changes;
  for (const change of changes) {
    if (change.data) out[change.path] = change.data;
    else delete out[change.path];
  }
  return out;
}
