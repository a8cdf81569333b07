import { MAX_FILES, MAX_FOLDERS, MAX_INFLATED_BYTES, MAX_TABS } from './share-schema.ts';
import { sharePathProblem } from './share-path.ts';

/** A whole project as a share link or a .zapp carries it: files and folders plus the editor and run inputs. */
export interface ShareProject {
  /** File contents by relative `/`-separated path. */
  files: Record<string, Uint8Array>;
  /** Folders to create (empty ones included); files' ancestors need not be listed. */
  folders: string[];
  /** The file shown in the editor, always one of `files` after decoding. */
  openFile: string | null;
  /** The editor tabs in order, each one of `files`; holds `openFile`. */
  tabs: string[];
  stdin: string;
  args: string;
  env: string;
}

/** A project as read from outside (a link, a .zapp), before any of it is trusted. */
export interface UntrustedProject {
  files: ReadonlyArray<{ path: string; data: Uint8Array }>;
  folders: readonly string[];
  openFile: string | null;
  /** Missing in links made before tabs were shared: then the open file is the only tab. */
  tabs?: readonly string[];
  stdin: string;
  args: string;
  env: string;
}

/** How messages name what is being opened, e.g. "The link" and "The shared project". */
export interface SourceWording {
  /** Starts "… has an unsafe file path": "The link", "The .zapp file". */
  source: string;
  /** Starts "… has more than N files": "The shared project", "The .zapp's project". */
  project: string;
}

/** validateProject's answer: a project safe to load, or a plain sentence for the user. */
export type ValidatedProject = { ok: true; project: ShareProject } | { ok: false; error: string };

/**
 * Checks a project from outside as share links and .zapp imports both need: bounded file, folder and tab
 * counts and total size, safe paths (see sharePathProblem), no duplicates, no path both file and folder.
 */
export function validateProject(input: UntrustedProject, words: SourceWording): ValidatedProject {
  const fail = (error: string): ValidatedProject => ({ ok: false, error });
  if (input.files.length > MAX_FILES)
    return fail(`${words.project} has more than ${MAX_FILES} files, so it was not opened.`);
  if (input.folders.length > MAX_FOLDERS)
    return fail(`${words.project} has more than ${MAX_FOLDERS} folders, so it was not opened.`);
  if ((input.tabs?.length ?? 0) > MAX_TABS)
    return fail(`${words.project} has more than ${MAX_TABS} open tabs, so it was not opened.`);

  // A null prototype keeps a file named "__proto__" an ordinary entry.
  const files = Object.create(null) as Record<string, Uint8Array>;
  const fileSet = new Set<string>();
  let total = 0;
  for (const { path, data } of input.files) {
    const problem = sharePathProblem(path);
    if (problem !== null)
      return fail(`${words.source} has an unsafe file path ${quote(path)}: it ${problem}.`);
    if (fileSet.has(path)) return fail(`${words.source} lists the file ${quote(path)} twice.`);
    total += data.length;
    if (total > MAX_INFLATED_BYTES)
      return fail(`${words.project}'s files add up to more than ${MAX_INFLATED_BYTES / (1024 * 1024)} MB.`);
    fileSet.add(path);
    files[path] = data;
  }
  for (const path of fileSet) {
    const clash = ancestors(path).find((dir) => fileSet.has(dir));
    if (clash !== undefined)
      return fail(`${words.source} uses ${quote(clash)} both as a file and as a folder.`);
  }
  const folders: string[] = [];
  const folderSet = new Set<string>();
  for (const folder of input.folders) {
    const problem = sharePathProblem(folder);
    if (problem !== null)
      return fail(`${words.source} has an unsafe folder path ${quote(folder)}: it ${problem}.`);
    const clash = [folder, ...ancestors(folder)].find((dir) => fileSet.has(dir));
    if (clash !== undefined)
      return fail(`${words.source} uses ${quote(clash)} both as a file and as a folder.`);
    if (folderSet.has(folder)) continue;
    folderSet.add(folder);
    folders.push(folder);
  }
  const openFile = input.openFile !== null && fileSet.has(input.openFile) ? input.openFile : null;
  const tabs = [...new Set(input.tabs ?? [])].filter((tab) => fileSet.has(tab));
  if (openFile !== null && !tabs.includes(openFile)) tabs.push(openFile);
  const { stdin, args, env } = input;
  return { ok: true, project: { files, folders, openFile, tabs, stdin, args, env } };
}

function ancestors(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/** JSON quoting makes control characters visible; very long names are cut. */
export function quote(path: string): string {
  const shown = path.length > 80 ? `${path.slice(0, 77)}...` : path;
  return JSON.stringify(shown);
}
