import { useEffect, useMemo, useState } from 'react';
import type { RefObject } from 'react';
import type { ConsoleHandle } from '../../components/Console/Console.tsx';
import type { LessonPanelProps } from '../../components/Lesson/LessonPanel.tsx';
import type { SolutionDialogProps } from '../../components/Lesson/SolutionDialog.tsx';
import { lessonKey, useAppStore } from '../../store/index.ts';
import type { Workshop } from '../../workshops/types.ts';
import { downloadBytes } from '../../components/download-bytes.ts';
import { bundledWorkshops } from './bundled-workshops.ts';
import { progressFromFile, progressToFile } from './progress-file.ts';
import {
  applySolution,
  checkOpenLesson,
  openLesson,
  resetLesson,
  takeNewStart,
  saveOpenLessonWork,
  solutionDiff,
} from './lesson-actions.ts';

/** The first workshop's id, opened by "Learn". */
const FIRST_WORKSHOP = 'zerovm-101';

/** The Lesson region's props (null when no lesson is open), the solution dialog's, and how to start. */
export function useLessonView(consoleRef: RefObject<ConsoleHandle | null>) {
  const open = useAppStore((s) => s.openLesson);
  const progress = useAppStore((s) => s.lessonProgress);
  const [workshop, setWorkshop] = useState<Workshop | null>(null);
  const [solution, setSolution] = useState<SolutionDialogProps['diffs'] | null>(null);
  const workshopId = open?.workshop ?? null;

  useEffect(() => {
    if (workshopId === null) return;
    let live = true;
    void bundledWorkshops().then((all) => {
      if (live) setWorkshop(all.find((w) => w.id === workshopId) ?? null);
    });
    return () => {
      live = false;
    };
  }, [workshopId]);

  return useMemo(() => {
    const lesson = open && workshop?.lessons.find((l) => l.id === open.lesson);
    const start = async () => {
      const last = Object.keys(useAppStore.getState().lessonProgress)
        .filter((k) => k.startsWith(`${FIRST_WORKSHOP}/`))
        .sort()
        .at(-1);
      const ws = (await bundledWorkshops()).find((w) => w.id === FIRST_WORKSHOP);
      const first = ws?.lessons[0]?.id;
      const lessonId = last?.split('/')[1] ?? first;
      if (lessonId) await openLesson(FIRST_WORKSHOP, lessonId);
    };
    if (!open || !workshop || !lesson) return { panel: null, solution: null, start };
    const variants = Object.keys(lesson.meta.variants ?? {});
    const panel: LessonPanelProps = {
      workshopTitle: workshop.title,
      lessons: workshop.lessons.map((l) => ({
        id: l.id,
        title: l.meta.title,
        done: progress[lessonKey(workshop.id, l.id)]?.done === true,
      })),
      current: {
        id: lesson.id,
        title: lesson.meta.title,
        goal: lesson.meta.goal,
        body: lesson.body,
        minutes: lesson.meta.minutes,
      },
      variants,
      variant: open.variant,
      onVariant: (variant) => void openLesson(workshop.id, lesson.id, variant),
      checking: open.checking,
      check: open.check,
      onOpen: (id) => {
        setSolution(null);
        void openLesson(workshop.id, id);
      },
      onCheck: () => void checkOpenLesson(consoleRef.current),
      onShowSolution: () => setSolution(solutionDiff(lesson, useAppStore.getState().files)),
      startChanged: open.startChanged === true,
      onTakeNewStart: () =>
        void takeNewStart(lesson, workshop.id).then((name) =>
          consoleRef.current?.notice(
            `The lesson's new start is open; your version is in Recent projects as “${name}”.`,
            'ok',
          ),
        ),
      onReset: () => {
        if (window.confirm('Reset this lesson? Your changes to its files are lost.'))
          resetLesson(lesson, workshop.id);
      },
      onExportProgress: () => {
        saveOpenLessonWork();
        downloadBytes(
          `${workshop.id}-progress.json`,
          progressToFile(useAppStore.getState().lessonProgress),
          'application/json',
        );
      },
      onImportProgress: (file) =>
        void file.arrayBuffer().then((buffer) => {
          const read = progressFromFile(new Uint8Array(buffer));
          if (!read.ok) return consoleRef.current?.notice(read.error, 'error');
          const state = useAppStore.getState();
          state.replaceLessonProgress({ ...state.lessonProgress, ...read.progress });
          const mine = read.progress[lessonKey(workshop.id, lesson.id)]?.files;
          if (mine)
            state.loadProject(
              mine,
              [],
              state.openFiles.filter((p) => Object.hasOwn(mine, p)),
            );
          consoleRef.current?.notice(`Progress imported: ${Object.keys(read.progress).length} lessons`, 'ok');
        }),
      onClose: () => {
        saveOpenLessonWork();
        useAppStore.getState().setOpenLesson(null);
        history.replaceState(history.state, '', `${location.pathname}${location.search}`);
      },
    };
    const dialog: SolutionDialogProps | null = solution && {
      diffs: solution,
      onApply: () => {
        applySolution(lesson);
        setSolution(null);
      },
      onClose: () => setSolution(null),
    };
    return { panel, solution: dialog, start };
  }, [open, workshop, progress, solution, consoleRef]);
}
