import type { FileChange } from '../engine/run/report.ts';
import {
  folderExists,
  hasFile,
  isWithin,
  joinPath,
  movePath,
  parentOf,
  pathError,
  placeError,
  writeError,
} from './paths.ts';
import type { FileMap } from './paths.ts';
import { applyRunChangesTo, moveRunChanges, settleRunChanges, withRunChanges } from './run-changes.ts';
import type { RunChangesData } from './run-changes.ts';

/** The project part of the store, as plain data. */
export interface ProjectData extends RunChangesData {
  files: FileMap;
  /** Folders listed explicitly (also empty ones); folders holding files are implied. */
  folders: string[];
  openFiles: string[];
  activeFile: string | null;
  /** The file shown in the preview: a project file, or a path the last run deleted; null for none. */
  previewPath: string | null;
}

/** One uploaded file: its path relative to the upload target, and its bytes. */
export interface UploadedFile {
  path: string;
  data: Uint8Array;
}

/** The new project data, or why the operation cannot be done (a sentence for the user). */
export type OpResult = { ok: true; next: Partial<ProjectData> } | { ok: false; error: string };

const fail = (error: string): OpResult => ({ ok: false, error });
const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Renames a file or a folder (with everything beneath it), moving tabs, the active file, preview and run changes along. */
export function renameOp(s: ProjectData, from: string, to: string): OpResult {
  const bad = pathError(from) ?? pathError(to);
  if (bad) return fail(bad);
  if (from === to) return { ok: true, next: {} };
  const isFile = hasFile(s.files, from);
  if (!isFile && !folderExists(s.files, s.folders, from)) return fail(`"${from}" does not exist.`);
  if (!isFile && isWithin(to, from)) return fail(`A folder cannot be moved into itself.`);
  const taken = placeError(s.files, s.folders, to);
  if (taken) return fail(taken);
  const move = (p: string): string => (isFile ? (p === from ? to : p) : movePath(p, from, to));
  const files = Object.fromEntries(Object.entries(s.files).map(([p, data]) => [move(p), data]));
  const folders = isFile ? s.folders : s.folders.map(move);
  return {
    ok: true,
    next: {
      files,
      folders: keepParent(files, folders, from),
      openFiles: s.openFiles.map(move),
      activeFile: s.activeFile === null ? null : move(s.activeFile),
      previewPath: s.previewPath === null ? null : move(s.previewPath),
      ...settleRunChanges(files, folders, moveRunChanges(s.runChanges, move)),
    },
  };
}

/** Deletes a file, or a folder with everything beneath it; closes their tabs and drops their run changes. */
export function deleteOp(s: ProjectData, path: string): OpResult {
  const bad = pathError(path);
  if (bad) return fail(bad);
  const isFile = hasFile(s.files, path);
  if (!isFile && !folderExists(s.files, s.folders, path)) return fail(`"${path}" does not exist.`);
  const gone = (p: string): boolean => (isFile ? p === path : isWithin(p, path));
  const files = Object.fromEntries(Object.entries(s.files).filter(([p]) => !gone(p)));
  const folders = s.folders.filter((f) => !gone(f));
  return {
    ok: true,
    next: {
      files,
      folders: keepParent(files, folders, path),
      ...closeTabs(s, gone),
      previewPath: s.previewPath !== null && gone(s.previewPath) ? null : s.previewPath,
      ...withRunChanges(Object.fromEntries(Object.entries(s.runChanges).filter(([p]) => !gone(p)))),
    },
  };
}

/** Writes uploaded files beneath `target` ('' for the root), overwriting files of the same path; all or nothing. */
export function uploadOp(s: ProjectData, entries: readonly UploadedFile[], target: string): OpResult {
  if (target !== '') {
    const bad = pathError(target);
    if (bad) return fail(bad);
    if (hasFile(s.files, target)) return fail(`"${target}" is a file, not a folder.`);
  }
  const files: FileMap = { ...s.files };
  for (const entry of entries) {
    const path = joinPath(target, entry.path);
    const problem = writeError(files, s.folders, path);
    if (problem) return fail(`Cannot upload ${entry.path}: ${problem}`);
    Object.assign(files, { [path]: entry.data });
  }
  const folders =
    target === '' || folderExists(files, s.folders, target) ? s.folders : [...s.folders, target];
  return { ok: true, next: { files, folders: folders.sort(byPath), ...settleRunChanges(files, folders, s) } };
}

/** Applies what a run wrote or removed, recording each path's bytes before it; a change that does not fit is skipped. */
export function applyChangesOp(s: ProjectData, changes: readonly FileChange[]): Partial<ProjectData> {
  const { files, removed, runChanges, badges } = applyRunChangesTo(s.files, s.folders, s.runChanges, changes);
  return { files, runChanges, badges, ...closeTabs(s, (p) => removed.has(p)) };
}

/** Closes the tabs of paths for which `closing` is true; a closed active tab passes to its right neighbour, else its left. */
export function closeTabs(
  s: Pick<ProjectData, 'openFiles' | 'activeFile'>,
  closing: (path: string) => boolean,
): Pick<ProjectData, 'openFiles' | 'activeFile'> {
  const openFiles = s.openFiles.filter((p) => !closing(p));
  let activeFile = s.activeFile;
  if (activeFile !== null && closing(activeFile)) {
    const at = s.openFiles.indexOf(activeFile);
    const right = s.openFiles.slice(at + 1).find((p) => !closing(p));
    const left = s.openFiles
      .slice(0, Math.max(at, 0))
      .reverse()
      .find((p) => !closing(p));
    activeFile = right ?? left ?? null;
  }
  return { openFiles, activeFile };
}

/** Keeps the folder that held `path` in the tree after it was moved or deleted, even if it is now empty. */
function keepParent(files: FileMap, folders: string[], path: string): string[] {
  const parent = parentOf(path);
  const kept = parent === '' || folderExists(files, folders, parent) ? folders : [...folders, parent];
  return [...kept].sort(byPath);
}
