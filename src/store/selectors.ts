import type { AppState } from './app-state.ts';

// One field per selector, so a component re-renders only when its field changes.

/** Project files by path. */
export const selectFiles = (s: AppState) => s.files;
/** Explicit folders. */
export const selectFolders = (s: AppState) => s.folders;
/** Open editor tabs, in order. */
export const selectOpenFiles = (s: AppState) => s.openFiles;
/** The active tab's path. */
export const selectActiveFile = (s: AppState) => s.activeFile;
/** The active file's bytes (undefined when none). */
export const selectActiveFileBytes = (s: AppState) =>
  s.activeFile !== null && Object.hasOwn(s.files, s.activeFile) ? s.files[s.activeFile] : undefined;
/** Run badges by path: 'added' | 'modified' | 'deleted'. */
export const selectBadges = (s: AppState) => s.badges;
/** The last run's changes by path: badge, bytes before the run, partial flag. */
export const selectRunChanges = (s: AppState) => s.runChanges;
/** The path shown in the file preview (null: none). */
export const selectPreviewPath = (s: AppState) => s.previewPath;
/** 'idle' or 'running'. */
export const selectRunStatus = (s: AppState) => s.run.status;
/** Summary of the last run. */
export const selectRunResult = (s: AppState) => s.run.result;
/** Full report of the last run. */
export const selectRunReport = (s: AppState) => s.run.report;
/** Why Run did not start. */
export const selectRunBlocked = (s: AppState) => s.run.blocked;
/** Quick run's generated manifest and nvram. */
export const selectGenerated = (s: AppState) => s.run.generated;
/** What is or was run. */
export const selectRunLabel = (s: AppState) => s.run.label;
/** Colour scheme. */
export const selectTheme = (s: AppState) => s.theme;
/** Stdin text. */
export const selectStdin = (s: AppState) => s.stdin;
/** Quick-run arguments. */
export const selectArgs = (s: AppState) => s.args;
/** Quick-run environment lines. */
export const selectEnv = (s: AppState) => s.env;
/** Determinism switch. */
export const selectDeterministic = (s: AppState) => s.deterministic;
/** Trace switch. */
export const selectTrace = (s: AppState) => s.trace;
