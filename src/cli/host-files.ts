import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { channelHost } from '../engine/run/build-sandbox.ts';
import { normalizeProjectPath } from '../engine/run/project-files.ts';
import type { ProjectFiles } from '../engine/run/project-files.ts';
import type { FileChange } from '../engine/run/report.ts';
import type { Manifest } from '../engine/manifest/types.ts';

/** Adds a host file or folder (recursively; symlinks skipped) to `files` under `projectPath`. */
export function loadHostPath(files: ProjectFiles, hostPath: string, projectPath: string): void {
  if (!existsSync(hostPath)) return;
  const stat = statSync(hostPath);
  if (stat.isFile()) {
    files.set(projectPath, readFileSync(hostPath));
    return;
  }
  if (!stat.isDirectory()) return;
  for (const entry of readdirSync(hostPath, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    loadHostPath(
      files,
      join(hostPath, entry.name),
      projectPath === '' ? entry.name : `${projectPath}/${entry.name}`,
    );
  }
}

/** Loads what a manifest's channels name (files and folders), relative to `workdir`. */
export function loadManifestFiles(workdir: string, manifest: Manifest): ProjectFiles {
  const files: ProjectFiles = new Map();
  for (const channel of manifest.channels) {
    if (channelHost(channel.uri) !== 'file') continue;
    const path = normalizeProjectPath(channel.uri);
    if (path !== undefined) loadHostPath(files, resolve(workdir, path), path);
  }
  return files;
}

/**
 * Writes a run's file changes back under `root` (deleting files the run removed). A change whose path
 * passes through a symbolic link is not written, so a guest cannot reach outside `root` through a link
 * that was already there; such changes, and ones that fail, come back as one-line warnings.
 */
export function applyChanges(root: string, changes: FileChange[]): string[] {
  const warnings: string[] = [];
  for (const change of changes) {
    const target = resolve(root, change.path);
    try {
      const link = symlinkOnPath(root, change.path);
      if (link !== undefined) {
        warnings.push(`${target} was not written: ${link} is a symbolic link`);
      } else if (change.data === null) {
        rmSync(target, { force: true });
      } else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, change.data);
      }
    } catch (error) {
      warnings.push(`${target} was not written: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  }
  return warnings;
}

/** The first existing path below `root` on the way to `path` that is a symbolic link, if any. */
function symlinkOnPath(root: string, path: string): string | undefined {
  let at = resolve(root);
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    at = join(at, part);
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (stat === undefined) return undefined;
    if (stat.isSymbolicLink()) return at;
  }
  return undefined;
}
