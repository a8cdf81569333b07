import type { FileChange } from '../engine/run/report.ts';
import type { SliceCreator } from './app-state.ts';
import { hasFile, placeError, writeError } from './paths.ts';
import type { FileMap } from './paths.ts';
import { applyChangesOp, closeTabs, deleteOp, renameOp, uploadOp } from './project-ops.ts';
import type { OpResult, ProjectData, UploadedFile } from './project-ops.ts';
import { keptPreview, noRunChanges, settleRunChanges } from './run-changes.ts';

/** null when an action was done, else a sentence for the user saying why not. */
export type ProjectError = string | null;

/** The project's files, folders and editor tabs, and what may be done to them. */
export interface ProjectSlice extends ProjectData {
  /** Writes a text file (the editor's onChange); creates it if needed. */
  setFileText(path: string, text: string): ProjectError;
  /** Writes a file, creating or replacing it. */
  writeFile(path: string, bytes: Uint8Array): ProjectError;
  /** Creates a new file (empty unless bytes are given), opens it and makes it active. */
  createFile(path: string, bytes?: Uint8Array): ProjectError;
  /** Creates a folder (kept even while empty). */
  createFolder(path: string): ProjectError;
  /** Renames or moves a file or a folder; open tabs and the active file follow. */
  renameEntry(from: string, to: string): ProjectError;
  /** Deletes a file, or a folder with everything in it; their tabs close. */
  deleteEntry(path: string): ProjectError;
  /** Opens a file in a tab (once) and makes it active. */
  openFile(path: string): void;
  /** Closes a tab; the active tab passes to a neighbour. */
  closeFile(path: string): void;
  /** Makes an open file the active tab (null: none). */
  setActiveFile(path: string | null): void;
  /** Writes uploaded files beneath `targetFolder` ('' = root), replacing same-named files; all or nothing. */
  uploadFiles(entries: readonly UploadedFile[], targetFolder: string): ProjectError;
  /** Applies what a run wrote or removed (project paths), keeping each file's bytes before it and badging it. */
  applyRunChanges(changes: readonly FileChange[]): void;
  /** Replaces the whole project (a share link, a lesson, an import); `open` become the tabs, the first active. */
  loadProject(files: FileMap, folders: readonly string[], open: readonly string[]): void;
  /** Forgets the last run's changes: badges, before-bytes and partial flags. */
  clearBadges(): void;
  /** Shows a file in the preview: a project file or a path the last run deleted; null (or any other path) hides it. */
  previewFile(path: string | null): void;
}

/** The project a fresh store starts with: empty. */
export const initialProject: ProjectData = {
  files: {},
  folders: [],
  openFiles: [],
  activeFile: null,
  previewPath: null,
  ...noRunChanges,
};

const encoder = new TextEncoder();

/** The project slice of the store. */
export const createProjectSlice: SliceCreator<ProjectSlice> = (set, get) => {
  const apply = (result: OpResult): ProjectError => {
    if (!result.ok) return result.error;
    set(result.next);
    return null;
  };
  const writeFile = (path: string, bytes: Uint8Array): ProjectError => {
    const s = get();
    const problem = writeError(s.files, s.folders, path);
    if (problem) return problem;
    const files = { ...s.files, [path]: bytes };
    set({ files, ...settleRunChanges(files, s.folders, s) });
    return null;
  };
  return {
    ...initialProject,
    setFileText: (path, text) => writeFile(path, encoder.encode(text)),
    writeFile,
    createFile: (path, bytes = new Uint8Array(0)) => {
      const s = get();
      const problem = placeError(s.files, s.folders, path);
      if (problem) return problem;
      const files = { ...s.files, [path]: bytes };
      set({
        files,
        ...settleRunChanges(files, s.folders, s),
        openFiles: s.openFiles.includes(path) ? s.openFiles : [...s.openFiles, path],
        activeFile: path,
      });
      return null;
    },
    createFolder: (path) => {
      const s = get();
      const problem = placeError(s.files, s.folders, path);
      if (problem) return problem;
      const folders = [...s.folders, path].sort();
      set({ folders, ...settleRunChanges(s.files, folders, s) });
      return null;
    },
    renameEntry: (from, to) => apply(renameOp(get(), from, to)),
    deleteEntry: (path) => apply(deleteOp(get(), path)),
    openFile: (path) => {
      const s = get();
      if (!hasFile(s.files, path)) return;
      set({ openFiles: s.openFiles.includes(path) ? s.openFiles : [...s.openFiles, path], activeFile: path });
    },
    closeFile: (path) => set(closeTabs(get(), (p) => p === path)),
    setActiveFile: (path) => {
      if (path === null || get().openFiles.includes(path)) set({ activeFile: path });
    },
    uploadFiles: (entries, targetFolder) => apply(uploadOp(get(), entries, targetFolder)),
    applyRunChanges: (changes) => set(applyChangesOp(get(), changes)),
    loadProject: (files, folders, open) => {
      const openFiles = [...new Set(open)].filter((p) => hasFile(files, p));
      set({
        files,
        folders: [...folders].sort(),
        openFiles,
        activeFile: openFiles[0] ?? null,
        previewPath: null,
        ...noRunChanges,
      });
    },
    clearBadges: () => set({ ...noRunChanges, previewPath: keptPreview(get().files, get().previewPath) }),
    previewFile: (path) => {
      const s = get();
      const known = path !== null && (hasFile(s.files, path) || Object.hasOwn(s.runChanges, path));
      set({ previewPath: known ? path : null });
    },
  };
};
