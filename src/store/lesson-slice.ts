import type { SliceCreator } from './app-state.ts';
import type { FileMap } from './paths.ts';

/** What Check said, in plain words. */
export interface LessonCheckState {
  passed: boolean;
  results: Array<{ ok: boolean; text: string }>;
}

/** The lesson open in the Lesson region, if any. */
export interface OpenLesson {
  workshop: string;
  lesson: string;
  variant: string | null;
  checking: boolean;
  check: LessonCheckState | null;
  /** lessonStartKey of the start files the learner's copy began from (saved with their files). */
  startKey?: string;
  /** The learner's saved copy began from start files that have changed since (a newer workshop). */
  startChanged?: boolean;
}

/** A learner's state in one lesson: passed or not, and their files when they leave it. */
export interface LessonProgress {
  done: boolean;
  files?: FileMap;
  /** lessonStartKey of the start files `files` began from (absent in progress saved before it existed). */
  startKey?: string;
}

/** Lessons: the open one, and progress and work per lesson (autosaved). */
export interface LessonSlice {
  openLesson: OpenLesson | null;
  /** By "workshop/lesson". */
  lessonProgress: Record<string, LessonProgress>;
  setOpenLesson(open: OpenLesson | null): void;
  setLessonChecking(checking: boolean): void;
  setLessonCheck(check: LessonCheckState | null): void;
  /** Records a lesson's files (when the learner leaves it) and whether it passed. */
  saveLessonProgress(key: string, progress: Partial<LessonProgress>): void;
  /** Replaces all progress (an imported progress file). */
  replaceLessonProgress(progress: Record<string, LessonProgress>): void;
}

/** The key of a lesson in `lessonProgress`. */
export const lessonKey = (workshop: string, lesson: string): string => `${workshop}/${lesson}`;

/** The lesson slice of the store. */
export const createLessonSlice: SliceCreator<LessonSlice> = (set, get) => ({
  openLesson: null,
  lessonProgress: {},
  setOpenLesson: (openLesson) => set({ openLesson }),
  setLessonChecking: (checking) => {
    const open = get().openLesson;
    if (open) set({ openLesson: { ...open, checking } });
  },
  setLessonCheck: (check) => {
    const open = get().openLesson;
    if (open) set({ openLesson: { ...open, check, checking: false } });
  },
  saveLessonProgress: (key, progress) => {
    const before = get().lessonProgress[key] ?? { done: false };
    set({ lessonProgress: { ...get().lessonProgress, [key]: { ...before, ...progress } } });
  },
  replaceLessonProgress: (lessonProgress) => set({ lessonProgress }),
});
