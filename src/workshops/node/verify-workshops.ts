import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkLesson, lessonVariants, runSetupFor } from '../check-lesson.ts';
import { loadWorkshop } from '../load-workshop.ts';
import type { Lesson, LessonFiles, LessonRunner } from '../types.ts';
import { readFolder } from './read-folder.ts';

/** What checking one lesson found: no problems means its solution passes and its start fails, in every variant. */
export interface LessonVerdict {
  /** `zerovm-101/03-quotas`. */
  name: string;
  variants: string[];
  problems: string[];
  ms: number;
}

/** Every workshop folder (one holding workshop.json) directly in `dir`, or `dir` itself if it is one. */
export function workshopFolders(dir: string): Array<{ id: string; path: string }> {
  if (existsSync(join(dir, 'workshop.json')))
    return [{ id: dir.replace(/\/+$/, '').split(/[\\/]/).pop() ?? dir, path: dir }];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'workshop.json')))
    .map((e) => ({ id: e.name, path: join(dir, e.name) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Loads and checks every lesson of every workshop in `dir`, telling `onVerdict` about each as it is done. */
export async function verifyWorkshops(
  dir: string,
  runner: LessonRunner,
  onVerdict: (verdict: LessonVerdict) => void = () => {},
): Promise<LessonVerdict[]> {
  const verdicts: LessonVerdict[] = [];
  const report = (verdict: LessonVerdict): void => {
    verdicts.push(verdict);
    onVerdict(verdict);
  };
  for (const folder of workshopFolders(dir)) {
    const { workshop, errors } = loadWorkshop(
      folder.id,
      readFolder(folder.path),
      folder.path.replace(/\/+$/, ''),
    );
    const byLesson = new Map<string, string[]>();
    for (const error of errors) {
      const lesson = /\/(\d\d-[^/:]+)[/:]/.exec(error)?.[1] ?? '';
      byLesson.set(lesson, [...(byLesson.get(lesson) ?? []), error]);
    }
    const whole = byLesson.get('');
    if (whole) report({ name: folder.id, variants: [], problems: whole, ms: 0 });
    for (const id of workshop?.json.lessons ?? []) {
      const lesson = workshop?.lessons.find((l) => l.id === id);
      const name = `${folder.id}/${id}`;
      if (!lesson) report({ name, variants: [], problems: byLesson.get(id) ?? ['did not load'], ms: 0 });
      else report(await verifyLesson(name, lesson, runner));
    }
  }
  return verdicts;
}

/** Checks one lesson: in every variant the solution must pass and the start must fail (and still build). */
export async function verifyLesson(
  name: string,
  lesson: Lesson,
  runner: LessonRunner,
): Promise<LessonVerdict> {
  const started = performance.now();
  const problems: string[] = [];
  const variants = lessonVariants(lesson);
  for (const variant of variants) {
    const label = variant === undefined ? '' : `${variant}: `;
    try {
      const solution = await checkLesson(lesson, lesson.solution, runner, variant);
      if (!solution.passed) {
        const failed = solution.results.filter((r) => !r.ok).map((r) => r.text);
        problems.push(`${label}the solution fails the check: ${failed.join('; ')}`);
      }
      const start = await checkLesson(lesson, lesson.start, runner, variant);
      if (start.passed) problems.push(`${label}start passes the check (it must fail)`);
      else if (await startDoesNotBuild(lesson.start, lesson, runner, variant))
        problems.push(`${label}the start does not build: ${start.results[0]?.text ?? ''}`);
    } catch (error) {
      problems.push(`${label}${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const names = variants.filter((v): v is string => v !== undefined);
  return { name, variants: names, problems, ms: performance.now() - started };
}

/** A start that fails only because its program does not compile teaches nothing: that is a broken lesson. */
async function startDoesNotBuild(
  files: LessonFiles,
  lesson: Lesson,
  runner: LessonRunner,
  variant: string | undefined,
): Promise<boolean> {
  const result = await runner.run(files, runSetupFor(lesson, variant), { trace: false });
  return 'blocked' in result && result.stage === 'build';
}
