import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createProjectMetaSlice } from './project-meta-slice.ts';
import { projectStorage, resumeAutosave } from './project-storage.ts';
import type { AppState } from './app-state.ts';
import { createBuildSlice } from './build-slice.ts';
import { createJobSlice } from './job-slice.ts';
import { createLessonSlice } from './lesson-slice.ts';
import { createProjectSlice } from './project-slice.ts';
import { createRunSlice } from './run-slice.ts';
import { createUiSlice } from './ui-slice.ts';

export type { AppState } from './app-state.ts';
export type { ProjectError, ProjectSlice } from './project-slice.ts';
export type { UploadedFile } from './project-ops.ts';
export type { FileBadge, RunChange } from './run-changes.ts';
export type { GeneratedConfig, RunBlocked, RunStart, RunState, RunSlice, RunSummary } from './run-slice.ts';
export type { Theme, UiSlice } from './ui-slice.ts';
export type { BuildSlice, BuildState, BuiltRecord } from './build-slice.ts';
export type { JobNodeView, JobSlice, JobViewState } from './job-slice.ts';
export type { LessonCheckState, LessonProgress, LessonSlice, OpenLesson } from './lesson-slice.ts';
export { lessonKey } from './lesson-slice.ts';
export type { FileMap } from './paths.ts';
export type { ProjectContent } from './project-content.ts';
export { contentKey, contentOf, isEmptyContent } from './project-content.ts';
export type { ProjectMeta, ProjectMetaSlice, ProjectOrigin } from './project-meta-slice.ts';
export { MAX_PROJECT_NAME, cleanProjectName, newProjectId } from './project-meta-slice.ts';
export type { RecentProject, RecentProjects } from './recent-projects.ts';
export { recentProjects } from './recent-projects.ts';
export { pathError } from './paths.ts';
export * from './selectors.ts';

/** What survives a reload: the project and the run inputs and switches, never run results. */
export type PersistedState = Pick<
  AppState,
  | 'files'
  | 'folders'
  | 'openFiles'
  | 'activeFile'
  | 'stdin'
  | 'args'
  | 'env'
  | 'theme'
  | 'deterministic'
  | 'trace'
  | 'optimize'
  | 'builtFrom'
  | 'projectMeta'
  | 'lessonProgress'
  | 'openLesson'
>;

/**
 * The app's one store, built from slices; the project is autosaved to IndexedDB (here, and only here) once
 * startAutosave has read the saved one back.
 */
export const useAppStore = create<AppState>()(
  persist(
    (...a) => ({
      ...createProjectSlice(...a),
      ...createRunSlice(...a),
      ...createUiSlice(...a),
      ...createBuildSlice(...a),
      ...createProjectMetaSlice(...a),
      ...createJobSlice(...a),
      ...createLessonSlice(...a),
    }),
    {
      name: 'project',
      version: 1,
      storage: projectStorage<PersistedState>(),
      skipHydration: true,
      partialize: (s): PersistedState => ({
        files: s.files,
        folders: s.folders,
        openFiles: s.openFiles,
        activeFile: s.activeFile,
        stdin: s.stdin,
        args: s.args,
        env: s.env,
        theme: s.theme,
        deterministic: s.deterministic,
        trace: s.trace,
        optimize: s.optimize,
        builtFrom: s.builtFrom,
        projectMeta: s.projectMeta,
        lessonProgress: s.lessonProgress,
        // Reopened after a reload, without a stale check result.
        openLesson: s.openLesson && { ...s.openLesson, checking: false, check: null },
      }),
    },
  ),
);

/** Reads the autosaved project back into the store, then saves every change (embeds never call this). */
export async function startAutosave(): Promise<void> {
  await useAppStore.persist.rehydrate();
  resumeAutosave();
}
