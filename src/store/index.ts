import { create } from 'zustand';
import type { AppState } from './app-state.ts';
import { createProjectSlice } from './project-slice.ts';
import { createRunSlice } from './run-slice.ts';
import { createUiSlice } from './ui-slice.ts';

export type { AppState } from './app-state.ts';
export type { ProjectError, ProjectSlice } from './project-slice.ts';
export type { UploadedFile } from './project-ops.ts';
export type { FileBadge, RunChange } from './run-changes.ts';
export type { GeneratedConfig, RunBlocked, RunStart, RunState, RunSlice, RunSummary } from './run-slice.ts';
export type { Theme, UiSlice } from './ui-slice.ts';
export type { FileMap } from './paths.ts';
export { pathError } from './paths.ts';
export * from './selectors.ts';

/** The app's one store, built from slices (persistence will be added here, and only here). */
export const useAppStore = create<AppState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createRunSlice(...a),
  ...createUiSlice(...a),
}));
