/** Project file contents by relative `/`-separated path. */
export type FileMap = Record<string, Uint8Array>;

const MAX_SEGMENT_BYTES = 255;
const encoder = new TextEncoder();

/** Why `path` is not a usable project path (relative, `/`-separated, no `.`/`..`/empty parts), or null when it is. */
export function pathError(path: string): string | null {
  if (path === '') return 'A path cannot be empty.';
  if (path.startsWith('/')) return `"${path}" starts with /: project paths are relative, like src/main.c.`;
  if (path.includes('\\')) return `"${path}" contains \\: use / between folder names.`;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(path)) return `"${path}" contains a control character.`;
  const segments = path.split('/');
  if (segments.some((s) => s === '')) return `"${path}" has an empty part: use / only between names.`;
  if (segments.some((s) => s === '.' || s === '..')) return `"${path}" uses . or ..: name the file directly.`;
  if (segments.some((s) => encoder.encode(s).length > MAX_SEGMENT_BYTES)) {
    return `"${path}" has a name longer than ${MAX_SEGMENT_BYTES} bytes.`;
  }
  return null;
}

/** True when the project has a file at `path` (own keys only: a file may be called `constructor`). */
export function hasFile(files: FileMap, path: string): boolean {
  return Object.hasOwn(files, path);
}

/** The folder holding `path` ('' for the root). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The project files beneath `dir` ('' for all), keyed relative to it: what a run in that folder sees. */
export function filesBeneath(files: FileMap, dir: string): Map<string, Uint8Array> {
  const prefix = dir === '' ? '' : `${dir}/`;
  const out = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(files))
    if (path.startsWith(prefix)) out.set(path.slice(prefix.length), data);
  return out;
}

/** Joins a folder ('' for the root) and a relative path. */
export function joinPath(folder: string, path: string): string {
  return folder === '' ? path : `${folder}/${path}`;
}

/** True when `path` is `dir` itself or lies beneath it. */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** `path` moved from beneath `from` to beneath `to` (unchanged when it is not within `from`). */
export function movePath(path: string, from: string, to: string): string {
  return isWithin(path, from) ? to + path.slice(from.length) : path;
}

/** True when a folder exists at `path`: listed explicitly or implied by a file beneath it. */
export function folderExists(files: FileMap, folders: readonly string[], path: string): boolean {
  if (folders.includes(path)) return true;
  const prefix = `${path}/`;
  return Object.keys(files).some((p) => p.startsWith(prefix));
}

/** Why a new file or folder cannot be placed at `path` (bad path, a file in the way, already there), or null. */
export function placeError(files: FileMap, folders: readonly string[], path: string): string | null {
  const problem = pathError(path) ?? fileInTheWay(files, path);
  if (problem) return problem;
  return hasFile(files, path) || folderExists(files, folders, path) ? `"${path}" already exists.` : null;
}

/** Why a file cannot be written at `path` (bad path, a file in the way, a folder there), or null; an existing file may be replaced. */
export function writeError(files: FileMap, folders: readonly string[], path: string): string | null {
  const problem = pathError(path) ?? fileInTheWay(files, path);
  if (problem) return problem;
  return folderExists(files, folders, path) ? `"${path}" is a folder.` : null;
}

/** Says which ancestor of `path` is a file (so nothing can go beneath it), or null. */
function fileInTheWay(files: FileMap, path: string): string | null {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const ancestor = parts.slice(0, i).join('/');
    if (hasFile(files, ancestor)) return `"${ancestor}" is a file, not a folder.`;
  }
  return null;
}
