import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { normalizeProjectPath } from '../engine/run/project-files.ts';
import type { FileChange } from '../engine/run/report.ts';
import { firstLink, isInsideOrSame } from './host-files.ts';

// O_NOFOLLOW: the last part of the path is not followed even if it became a link after the checks;
// O_NONBLOCK: opening a FIFO does not wait for a reader. Neither exists on Windows.
const OPEN_FOR_WRITE =
  constants.O_WRONLY | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Writes a run's file changes back under `root` (deleting files the run removed). A change is not written
 * when its path passes through a symbolic link, holds `\` or `:` (a separator or drive on some hosts),
 * resolves outside the real path of `root`, or names something other than a regular file with one link
 * (writing a hard-linked file would change it under its other names too). Such changes, and ones that
 * fail, come back as one-line warnings.
 */
export function applyChanges(root: string, changes: FileChange[]): string[] {
  const warnings: string[] = [];
  for (const change of changes) {
    const target = resolve(root, change.path);
    try {
      const problem =
        refusal(root, change.path) ?? (change.data === null ? remove(target) : write(target, change.data));
      if (problem !== undefined) warnings.push(`${target} was not written: ${problem}`);
    } catch (error) {
      warnings.push(`${target} was not written: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  }
  return warnings;
}

/** Why the change at project path `path` must not touch the host, if it must not. */
function refusal(root: string, path: string): string | undefined {
  if (/[\\:]/.test(path))
    return 'its path holds \\ or :, which a host path could read as a separator or drive';
  if (normalizeProjectPath(path) !== path || path === '')
    return 'its path is not a plain path inside the folder';
  const link = firstLink(root, path);
  if (link !== undefined) return `${resolve(root, link)} is a symbolic link`;
  const existing = deepestExisting(resolve(root, path));
  if (!isInsideOrSame(realpathSync(root), realpathSync(existing)))
    return `${existing} resolves outside ${root}`;
  return undefined;
}

function remove(target: string): string | undefined {
  const stat = lstatSync(target, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isFile()) return 'it is not a regular file';
  // Removing one name of a hard-linked file leaves the others as they are.
  rmSync(target, { force: true });
  return undefined;
}

function write(target: string, data: Uint8Array): string | undefined {
  const before = lstatSync(target, { throwIfNoEntry: false });
  if (before !== undefined) {
    const problem = notWritable(before);
    if (problem !== undefined) return problem;
  } else {
    mkdirSync(dirname(target), { recursive: true });
  }
  const fd = openSync(target, OPEN_FOR_WRITE, 0o666);
  try {
    // Checked again on what was opened: the file could have changed since the lstat.
    const problem = notWritable(fstatSync(fd));
    if (problem !== undefined) return problem;
    ftruncateSync(fd, 0);
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
  return undefined;
}

function notWritable(stat: { isFile(): boolean; nlink: number }): string | undefined {
  if (!stat.isFile()) return 'it is not a regular file';
  if (stat.nlink > 1)
    return `it has ${stat.nlink} hard links, so writing it would change the same file under its other names`;
  return undefined;
}

/** `path` or its nearest parent that exists. */
function deepestExisting(path: string): string {
  let at = path;
  while (lstatSync(at, { throwIfNoEntry: false }) === undefined && dirname(at) !== at) at = dirname(at);
  return at;
}
