import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createProjectMetaSlice } from './project-meta-slice.ts';
import { AUTOSAVE_SLOT, projectStorage } from './project-storage.ts';
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
export { separateTab, tabProjectId } from './project-storage.ts';
export type { WorkingCopies, WorkingCopy } from './working-copies.ts';
export { workingCopies } from './working-copies.ts';
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

const storage = projectStorage<PersistedState>();

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
      name: AUTOSAVE_SLOT,
      version: 1,
      storage,
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

/**
 * Reads the autosaved project back into the store: this tab's own project if it had one (a reload), else the
 * one saved last by any tab. Nothing is written until resumeAutosave (embeds never call either).
 */
export async function readAutosave(): Promise<void> {
  await useAppStore.persist.rehydrate();
}

/** Saves the store as it is now, then every change. */
export function resumeAutosave(): void {
  storage.resume();
  // Changes made before this were not handed to the storage: hand it the state now.
  useAppStore.setState({});
}
