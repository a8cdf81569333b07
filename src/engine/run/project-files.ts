/**
 * The host side: the project's virtual filesystem, path (relative, `/`-separated) -> bytes. A key ending
 * in `/` (empty bytes) marks a folder, so that an empty one exists too; folders holding files need none.
 */
export type ProjectFiles = Map<string, Uint8Array>;

/** True for a folder mark (`dir/`), or `''` (the folder itself) among {@link filesUnder}'s relative paths. */
export function isFolderMark(path: string): boolean {
  return path === '' || path.endsWith('/');
}

/** Normalises a project path: no leading `./` or `/`, no empty or `.` segments; undefined if it escapes with `..`. */
export function normalizeProjectPath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

/** True when the project holds files beneath `dir` (so a channel URI names a directory). */
export function isProjectDirectory(files: ProjectFiles, dir: string): boolean {
  if (dir === '') return true;
  const prefix = `${dir}/`;
  for (const path of files.keys()) if (path.startsWith(prefix)) return true;
  return false;
}

/** The files beneath `dir`, with paths relative to it. */
export function filesUnder(files: ProjectFiles, dir: string): Array<[string, Uint8Array]> {
  const prefix = dir === '' ? '' : `${dir}/`;
  const result: Array<[string, Uint8Array]> = [];
  for (const [path, data] of files)
    if (path.startsWith(prefix)) result.push([path.slice(prefix.length), data]);
  return result;
}
