import type { StateCreator } from 'zustand';
import type { BuildSlice } from './build-slice.ts';
import type { JobSlice } from './job-slice.ts';
import type { LessonSlice } from './lesson-slice.ts';
import type { ProjectMetaSlice } from './project-meta-slice.ts';
import type { ProjectSlice } from './project-slice.ts';
import type { RunSlice } from './run-slice.ts';
import type { UiSlice } from './ui-slice.ts';

/** The whole store: one object built from the slices. */
export type AppState = ProjectSlice &
  RunSlice &
  UiSlice &
  BuildSlice &
  ProjectMetaSlice &
  JobSlice &
  LessonSlice;

/** How each slice is written (zustand's slices pattern; middlewares go only in index.ts). */
export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
