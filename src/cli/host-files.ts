import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Writes a run's file changes back under `workdir` (deleting files the run removed). */
export function applyChanges(workdir: string, changes: FileChange[]): void {
  for (const change of changes) {
    const target = resolve(workdir, change.path);
    if (change.data === null) {
      rmSync(target, { force: true });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, change.data);
    }
  }
}
