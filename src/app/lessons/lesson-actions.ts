import { createTwoFilesPatch } from 'diff';
import type { ITerminal } from '../../components/Console/Console.tsx';
import { contentKey, contentOf, lessonKey, useAppStore } from '../../store/index.ts';
import { workerJudge } from '../../worker/check-judge.ts';
import { checkLesson } from '../../workshops/check-lesson.ts';
import type { Lesson, Workshop } from '../../workshops/types.ts';
import { keepInRecentProjects, loadContent, switchProject } from '../project-switch.ts';
import { bundledWorkshops } from './bundled-workshops.ts';
import { createBrowserLessonRunner } from './browser-runner.ts';

/** The address of a lesson: `#/workshop/zerovm-101/03-quotas`. */
export const lessonHash = (workshop: string, lesson: string): string => `#/workshop/${workshop}/${lesson}`;

/** The lesson a `#/workshop/<id>/<lesson>` address names, if any. */
export function lessonFromHash(hash: string): { workshop: string; lesson: string } | null {
  const match = /^#\/workshop\/([\w-]+)\/([\w-]+)$/.exec(hash);
  return match ? { workshop: match[1]!, lesson: match[2]! } : null;
}

/** A workshop and lesson by id. */
export async function findLesson(
  workshopId: string,
  lessonId: string,
): Promise<{ workshop: Workshop; lesson: Lesson } | null> {
  const workshop = (await bundledWorkshops()).find((w) => w.id === workshopId);
  const lesson = workshop?.lessons.find((l) => l.id === lessonId);
  return workshop && lesson ? { workshop, lesson } : null;
}

/** The tabs to open and the file Run uses for a lesson (or one of its variants). */
export function lessonSetup(lesson: Lesson, variant: string | null) {
  const chosen = variant ? lesson.meta.variants?.[variant] : undefined;
  return {
    runFile: chosen?.['run-file'] ?? lesson.meta['run-file'],
    filesOpen: chosen?.['files-open'] ?? lesson.meta['files-open'],
  };
}

/**
 * Opens a lesson: the learner's saved files for it, or its start files. The lesson being left is saved
 * first; a project that was not a lesson is kept in Recent projects.
 */
export async function openLesson(
  workshopId: string,
  lessonId: string,
  variant: string | null = null,
): Promise<boolean> {
  const found = await findLesson(workshopId, lessonId);
  if (!found) return false;
  const { lesson } = found;
  saveOpenLessonWork();
  const state = useAppStore.getState();
  const key = lessonKey(workshopId, lessonId);
  const chosen = variant ?? (lesson.meta.variants ? Object.keys(lesson.meta.variants)[0]! : null);
  const saved = state.lessonProgress[key];
  const files = saved?.files ?? lesson.start;
  const currentStart = lessonStartKey(lesson);
  const startKey = saved?.files ? saved.startKey : currentStart;
  // Progress saved before start keys were recorded has none: whether its start changed is unknown.
  const startChanged = startKey !== undefined && startKey !== currentStart;
  const { filesOpen } = lessonSetup(lesson, chosen);
  const content = {
    files,
    folders: [],
    openFiles: filesOpen.filter((p) => Object.hasOwn(files, p)),
    activeFile: filesOpen.find((p) => Object.hasOwn(files, p)) ?? null,
    stdin: lesson.meta.stdin ?? '',
    args: lesson.meta.args ?? '',
    env: '',
  };
  const meta = { id: `lesson:${key}`, name: lesson.meta.title, origin: 'example' as const, openedKey: null };
  if (state.openLesson === null) {
    const result = await switchProject({ content, name: meta.name, origin: 'example', id: meta.id });
    if (!result.switched) return false;
  } else loadContent(content, meta);
  useAppStore.getState().setOpenLesson({
    workshop: workshopId,
    lesson: lessonId,
    variant: chosen,
    checking: false,
    check: null,
    startKey,
    startChanged,
  });
  if (location.hash !== lessonHash(workshopId, lessonId))
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${lessonHash(workshopId, lessonId)}`,
    );
  return true;
}

/** Saves the open lesson's files into its progress (called before leaving it). */
export function saveOpenLessonWork(): void {
  const state = useAppStore.getState();
  const open = state.openLesson;
  if (open)
    state.saveLessonProgress(lessonKey(open.workshop, open.lesson), {
      files: state.files,
      startKey: open.startKey,
    });
}

/** A fingerprint of a lesson's start files: when it changes, a learner's saved copy began from an older start. */
export function lessonStartKey(lesson: Pick<Lesson, 'start'>): string {
  return contentKey({
    files: lesson.start,
    folders: [],
    openFiles: [],
    activeFile: null,
    stdin: '',
    args: '',
    env: '',
  });
}

/**
 * Replaces the learner's copy (begun from an older start) with the lesson's new start files; their version
 * is kept in Recent projects first, so nothing is lost.
 */
export async function takeNewStart(lesson: Lesson, workshopId: string): Promise<string> {
  const state = useAppStore.getState();
  const name = `${lesson.meta.title} (your version)`;
  await keepInRecentProjects(name, contentOf(state));
  resetLesson(lesson, workshopId);
  return name;
}

/** Checks the learner's files against the open lesson's check, marking it done when it passes. */
export async function checkOpenLesson(output: ITerminal | null): Promise<void> {
  const state = useAppStore.getState();
  const open = state.openLesson;
  if (!open || open.checking) return;
  const found = await findLesson(open.workshop, open.lesson);
  if (!found) return;
  state.setLessonChecking(true);
  output?.clear();
  const runner = createBrowserLessonRunner(() => output);
  try {
    const result = await checkLesson(
      found.lesson,
      useAppStore.getState().files,
      runner,
      open.variant ?? undefined,
      workerJudge(),
    );
    const after = useAppStore.getState();
    if (runner.last) after.finishRun(runner.last);
    after.setLessonCheck({
      passed: result.passed,
      results: result.results.map((r) => ({
        ok: r.ok,
        text: !r.ok && r.hint ? `${r.text}. Hint: ${r.hint}` : r.text,
      })),
    });
    if (result.passed) after.saveLessonProgress(lessonKey(open.workshop, open.lesson), { done: true });
    output?.notice(
      result.passed ? '✓ Check passed' : '✗ Not yet: see the Lesson panel',
      result.passed ? 'ok' : 'error',
    );
  } catch (error) {
    useAppStore.getState().setLessonCheck({
      passed: false,
      results: [
        {
          ok: false,
          text: `The check could not run: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    });
  }
}

/** The solution against the learner's files, one unified diff per file that differs. */
export function solutionDiff(
  lesson: Lesson,
  files: Record<string, Uint8Array>,
): Array<{ path: string; patch: string }> {
  const decoder = new TextDecoder();
  const out: Array<{ path: string; patch: string }> = [];
  for (const [path, bytes] of Object.entries(lesson.solutionChanges)) {
    const mine = files[path] ? decoder.decode(files[path]) : '';
    const theirs = decoder.decode(bytes);
    if (mine !== theirs)
      out.push({ path, patch: createTwoFilesPatch(path, path, mine, theirs, 'yours', 'solution') });
  }
  return out;
}

/** Writes the solution's files into the project. */
export function applySolution(lesson: Lesson): void {
  const state = useAppStore.getState();
  for (const [path, bytes] of Object.entries(lesson.solutionChanges)) {
    if (Object.hasOwn(state.files, path)) state.writeFile(path, bytes);
    else state.createFile(path, bytes);
  }
}

/** Puts the lesson's start files back (the learner's work on it is dropped; done stays done). */
export function resetLesson(lesson: Lesson, workshopId: string): void {
  const state = useAppStore.getState();
  const open = state.openLesson;
  const { filesOpen } = lessonSetup(lesson, open?.variant ?? null);
  state.loadProject(
    lesson.start,
    [],
    filesOpen.filter((p) => Object.hasOwn(lesson.start, p)),
  );
  state.saveLessonProgress(lessonKey(workshopId, lesson.id), { files: undefined, startKey: undefined });
  if (open)
    state.setOpenLesson({ ...open, check: null, startKey: lessonStartKey(lesson), startChanged: false });
  state.setLessonCheck(null);
  state.forgetBuilds();
}
