import type { FileChange } from '../engine/run/report.ts';
import { folderExists, hasFile, pathError, writeError } from './paths.ts';
import type { FileMap } from './paths.ts';

/** How the file tree marks a file the last run added, changed or removed. */
export type FileBadge = 'added' | 'modified' | 'deleted';

/** What the last run did to one project path. */
export interface RunChange {
  badge: FileBadge;
  /** The bytes before the run; null when the file did not exist. */
  before: Uint8Array | null;
  /** The run was killed while writing, so the contents may be incomplete. */
  partial: boolean;
}

/** The last run's changes, and the badges the file tree draws from them (same paths). */
export interface RunChangesData {
  runChanges: Record<string, RunChange>;
  badges: Record<string, FileBadge>;
}

/** No run changes: after loading a project, starting a run, or clearing badges. */
export const noRunChanges: RunChangesData = { runChanges: {}, badges: {} };

/** The preview path once run changes are forgotten: kept on a project file, dropped for a deleted one. */
export function keptPreview(files: FileMap, previewPath: string | null): string | null {
  return previewPath !== null && hasFile(files, previewPath) ? previewPath : null;
}

/** The run changes and the badges derived from them. */
export function withRunChanges(runChanges: Record<string, RunChange>): RunChangesData {
  const badges = Object.fromEntries(Object.entries(runChanges).map(([p, c]) => [p, c.badge]));
  return { runChanges, badges };
}

/** The outcome of applying a run's changes: new files, run changes, and the paths the run removed. */
export interface AppliedChanges extends RunChangesData {
  files: FileMap;
  removed: Set<string>;
}

/**
 * Applies a run's writes and deletions to `files`, merging with `earlier` run changes (their `before`
 * wins, so a job's nodes add up); changes that do not fit are skipped, rewrites that change nothing unbadged.
 */
export function applyRunChangesTo(
  files: FileMap,
  folders: readonly string[],
  earlier: Record<string, RunChange>,
  changes: readonly FileChange[],
): AppliedChanges {
  const before = new Map<string, Uint8Array | null>();
  const partial = new Set<string>();
  const removed = new Set<string>();
  let next = files;
  for (const change of changes) {
    const { path, data } = change;
    if (pathError(path)) continue;
    if (data === null ? !hasFile(next, path) : writeError(next, folders, path)) continue;
    if (!before.has(path)) {
      const old = Object.hasOwn(earlier, path) ? earlier[path]?.before : undefined;
      before.set(path, old !== undefined ? old : hasFile(files, path) ? (files[path] ?? null) : null);
    }
    if (change.partial) partial.add(path);
    if (data === null) {
      next = Object.fromEntries(Object.entries(next).filter(([p]) => p !== path));
      removed.add(path);
    } else {
      next = { ...next, [path]: data };
      removed.delete(path);
    }
  }
  const runChanges: Record<string, RunChange> = { ...earlier };
  for (const [path, was] of before) {
    const now = hasFile(next, path) ? next[path] : undefined;
    const isPartial = partial.has(path) || (earlier[path]?.partial ?? false);
    const badge = badgeFor(was, now, isPartial);
    if (badge === null) delete runChanges[path];
    else runChanges[path] = { badge, before: was, partial: now !== undefined && isPartial };
  }
  return { files: next, removed, ...withRunChanges(runChanges) };
}

/**
 * Drops run changes the user has since overtaken: a file the run added or changed that the user
 * deleted, or a path the run deleted where the user made a file or folder. Same records when none.
 */
export function settleRunChanges(
  files: FileMap,
  folders: readonly string[],
  s: RunChangesData,
): RunChangesData {
  const stale = Object.entries(s.runChanges).filter(([path, change]) =>
    change.badge === 'deleted'
      ? hasFile(files, path) || folderExists(files, folders, path)
      : !hasFile(files, path),
  );
  if (stale.length === 0) return { runChanges: s.runChanges, badges: s.badges };
  const gone = new Set(stale.map(([p]) => p));
  return withRunChanges(Object.fromEntries(Object.entries(s.runChanges).filter(([p]) => !gone.has(p))));
}

/** Run changes with paths renamed by `move`; a moved entry wins over one already at its new path. */
export function moveRunChanges(
  runChanges: Record<string, RunChange>,
  move: (path: string) => string,
): RunChangesData {
  const stay = Object.entries(runChanges).filter(([p]) => move(p) === p);
  const moved = Object.entries(runChanges)
    .filter(([p]) => move(p) !== p)
    .map(([p, c]) => [move(p), c] as const);
  return withRunChanges(Object.fromEntries([...stay, ...moved]));
}

function badgeFor(was: Uint8Array | null, now: Uint8Array | undefined, partial: boolean): FileBadge | null {
  if (now === undefined) return was === null ? null : 'deleted';
  if (was === null) return 'added';
  return partial || !sameBytes(was, now) ? 'modified' : null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
