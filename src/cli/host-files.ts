import { lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { channelHost } from '../engine/run/build-sandbox.ts';
import { normalizeProjectPath } from '../engine/run/project-files.ts';
import type { ProjectFiles } from '../engine/run/project-files.ts';
import type { Manifest } from '../engine/manifest/types.ts';

// Every host read stays inside the real path of its folder (the work folder, a --dir). A path named on
// purpose (a channel URI, Program) may go through symbolic links that stay inside; one whose real path
// leaves the folder is refused, naming the link. Walking a folder never follows a link: links met there
// are left out. Everything loaded is held in memory, so a walk stops at a limit.

/** A host file or folder zvm will not load: outside its folder, past a limit, or unreadable. */
export class HostReadError extends Error {}

/** A load past its {@link LoadLimit}; the message says which ("more than 64 MiB"). */
export class HostLimitError extends HostReadError {}

/** The most files and folders, and bytes, one command loads from the host. */
export interface LoadLimit {
  entries: number;
  bytes: number;
}

/** What `zvm exec --dir`, `zvm run` and `zvm job` load at most. */
export const DIR_LIMIT: LoadLimit = { entries: 100_000, bytes: 1024 * 1024 * 1024 };

/** What the folder of a script run without --dir may hold (hidden entries aside). */
export const SCRIPT_FOLDER_LIMIT: LoadLimit = { entries: 10_000, bytes: 64 * 1024 * 1024 };

/** How a folder is walked. */
export interface LoadOptions {
  /** Names left out at every level (their whole subtree too). */
  skipName?: (name: string) => boolean;
  /** Marks folders with no file beneath them (`dir/`), so empty folders appear in the guest; @default true */
  folderMarks?: boolean;
  /** Collects the symbolic links left out, by project path: their target. */
  skippedLinks?: Map<string, string>;
}

/** Host files loaded into a project, within a {@link LoadLimit} shared by every {@link HostLoad.add}. */
export class HostLoad {
  /** The project files loaded so far. */
  readonly files: ProjectFiles;
  private _entries = 0;
  private _bytes = 0;

  constructor(
    private readonly _limit: LoadLimit,
    files: ProjectFiles = new Map(),
  ) {
    this.files = files;
  }

  /**
   * Adds the file or folder at `hostPath` (a symbolic link there is left out: resolve it first) as
   * `projectPath`, a folder with everything beneath it. Throws a HostReadError past the limit; the tree is
   * measured before any file is read, so a folder past it costs only its listing.
   */
  add(hostPath: string, projectPath: string, options: LoadOptions = {}): void {
    const found: Array<[project: string, host: string | undefined]> = [];
    this._walk(hostPath, projectPath, options, found);
    for (const [project, host] of found)
      this.files.set(project, host === undefined ? new Uint8Array(0) : readHostFile(host));
  }

  /**
   * Lists one entry into `found` (a folder mark with no host path), recursing into folders (depth is
   * bounded by the host's PATH_MAX); true when it listed something.
   */
  private _walk(
    host: string,
    project: string,
    options: LoadOptions,
    found: Array<[string, string | undefined]>,
  ): boolean {
    const stat = lstatSync(host, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) {
      options.skippedLinks?.set(project, readlinkSync(host));
    } else if (stat?.isFile()) {
      this._take(1, stat.size);
      found.push([project, host]);
      return true;
    } else if (stat?.isDirectory()) {
      this._take(1, 0);
      let listed = false;
      for (const name of readHostDir(host)) {
        if (options.skipName?.(name)) continue;
        const child = project === '' ? name : `${project}/${name}`;
        if (this._walk(join(host, name), child, options, found)) listed = true;
      }
      if (listed || project === '' || options.folderMarks === false) return listed;
      found.push([`${project}/`, undefined]);
      return true;
    }
    // Nothing there, or a FIFO, socket or device: left out, as reading one could block or never end.
    return false;
  }

  private _take(entries: number, bytes: number): void {
    this._entries += entries;
    this._bytes += bytes;
    if (this._entries > this._limit.entries)
      throw new HostLimitError(`more than ${this._limit.entries} files and folders`);
    if (this._bytes > this._limit.bytes)
      throw new HostLimitError(`more than ${formatBytes(this._limit.bytes)}`);
  }
}

/**
 * The real path of project path `path` inside the folder `root`, or undefined when nothing is there (nor
 * for a dangling link, or a missing `root`). Throws a HostReadError, naming the link, when the real path leaves `root`.
 */
export function realPathInside(root: string, path: string): string | undefined {
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(join(root, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new HostReadError(`${path}: ${code ?? error}`);
  }
  if (isInsideOrSame(realRoot, real)) return real;
  const link = firstLink(root, path);
  if (link === undefined) throw new HostReadError(`${path} is ${real}, outside the work folder`);
  const target = readlinkSync(join(root, link));
  const through = link === path ? `${path} is` : `${path} goes through ${link},`;
  throw new HostReadError(`${through} a symbolic link to ${target}, outside the work folder`);
}

/**
 * Loads what a manifest's channels name (files and folders) relative to `workdir`, refusing a channel
 * whose real path leaves it.
 */
export function loadManifestFiles(workdir: string, manifest: Manifest): ProjectFiles {
  const load = new HostLoad(DIR_LIMIT);
  for (const channel of manifest.channels) {
    if (channelHost(channel.uri) !== 'file') continue;
    const path = normalizeProjectPath(channel.uri);
    // A URI climbing out with .. is the engine's to refuse, with its own message.
    if (path === undefined) continue;
    try {
      const real = realPathInside(workdir, path);
      if (real !== undefined) load.add(real, path);
    } catch (error) {
      if (!(error instanceof HostReadError)) throw error;
      if (error instanceof HostLimitError)
        throw new HostLimitError(
          `the channels' files come to ${error.message} (at channel ${channel.alias})`,
        );
      throw new HostReadError(`channel ${channel.alias}: ${error.message}`);
    }
  }
  return load.files;
}

/** True when `path` is `folder` or beneath it (both real, absolute). */
export function isInsideOrSame(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
}

/** The first symbolic link on the way from `root` to project path `path`, relative to `root`. */
export function firstLink(root: string, path: string): string | undefined {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  for (let i = 1; i <= parts.length; i++) {
    const at = parts.slice(0, i).join('/');
    const stat = lstatSync(resolve(root, at), { throwIfNoEntry: false });
    if (stat === undefined) return undefined;
    if (stat.isSymbolicLink()) return at;
  }
  return undefined;
}

function readHostFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new HostReadError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

function readHostDir(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch (error) {
    throw new HostReadError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}

function formatBytes(bytes: number): string {
  if (bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  return bytes % 1024 ** 2 === 0 ? `${bytes / 1024 ** 2} MiB` : `${bytes} B`;
}
