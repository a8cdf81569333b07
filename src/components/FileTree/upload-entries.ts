/** One uploaded file: its path relative to the drop or pick target, and its bytes. */
export interface UploadEntry {
  path: string;
  data: Uint8Array;
}

/** How much one upload may bring in before it is refused (read nothing rather than freeze the tab). */
export interface UploadLimits {
  /** @default 2000 */
  maxFiles?: number;
  /** @default 64 MiB */
  maxBytes?: number;
}

/** The parts of `File` an upload needs. */
export interface FileLike {
  name: string;
  size: number;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The parts of the File and Directory Entries API (`webkitGetAsEntry()`) a drop needs. */
export interface EntryLike {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}
interface FileEntryLike extends EntryLike {
  file(success: (file: FileLike) => void, failure?: (error: unknown) => void): void;
}
interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void;
  };
}

/** Thrown when an upload breaks its limits or cannot be read; the message is for the user. */
export class UploadError extends Error {
  override name = 'UploadError';
}

// Operating-system litter and version-control folders are left out of folder uploads.
const SKIPPED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.git', '.svn', '.hg']);

/** A safe relative path (`..`, `.`, empty and backslash-only segments dropped), or undefined. */
export function cleanUploadPath(raw: string): string | undefined {
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.some((s) => s === '..' || SKIPPED_NAMES.has(s))) return undefined;
  // eslint-disable-next-line no-control-regex
  if (segments.some((s) => /[\x00-\x1f\x7f]/.test(s))) return undefined;
  return segments.join('/');
}

/** Reads files from an `<input type=file>` (folder picks keep `webkitRelativePath`). */
export function readPickedFiles(files: Iterable<FileLike>, limits?: UploadLimits): Promise<UploadEntry[]> {
  return readAll(
    [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file })),
    limits,
  );
}

/** Reads dropped entries, walking folders recursively; call webkitGetAsEntry() during the drop event. */
export async function readDroppedEntries(
  entries: readonly EntryLike[],
  limits?: UploadLimits,
): Promise<UploadEntry[]> {
  const found: Array<{ path: string; file: FileLike }> = [];
  const maxFiles = limits?.maxFiles ?? DEFAULT_MAX_FILES;
  const walk = async (entry: EntryLike, prefix: string): Promise<void> => {
    if (SKIPPED_NAMES.has(entry.name)) return;
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile) {
      found.push({ path, file: await fileOf(entry as FileEntryLike) });
      if (found.length > maxFiles) throw tooMany(maxFiles);
    } else if (entry.isDirectory) {
      for (const child of await childrenOf(entry as DirectoryEntryLike)) await walk(child, path);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return readAll(found, limits);
}

const DEFAULT_MAX_FILES = 2000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

async function readAll(
  found: Array<{ path: string; file: FileLike }>,
  limits?: UploadLimits,
): Promise<UploadEntry[]> {
  const maxFiles = limits?.maxFiles ?? DEFAULT_MAX_FILES;
  const maxBytes = limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const safe = found.flatMap(({ path, file }) => {
    const clean = cleanUploadPath(path);
    return clean === undefined ? [] : [{ path: clean, file }];
  });
  if (safe.length > maxFiles) throw tooMany(maxFiles);
  const total = safe.reduce((sum, { file }) => sum + file.size, 0);
  if (total > maxBytes) {
    throw new UploadError(`That upload is ${mebibytes(total)}; the limit is ${mebibytes(maxBytes)}.`);
  }
  return Promise.all(
    safe.map(async ({ path, file }) => {
      try {
        return { path, data: new Uint8Array(await file.arrayBuffer()) };
      } catch (error) {
        throw new UploadError(`Could not read ${path}: ${String(error)}`);
      }
    }),
  );
}

function fileOf(entry: FileEntryLike): Promise<FileLike> {
  return new Promise((resolve, reject) =>
    entry.file(resolve, (error) => reject(new UploadError(`Could not read ${entry.name}: ${String(error)}`))),
  );
}

/** All children: readEntries() returns them in batches (100 in Chromium) until an empty one. */
async function childrenOf(entry: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = entry.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) =>
      reader.readEntries(resolve, (error) =>
        reject(new UploadError(`Could not read folder ${entry.name}: ${String(error)}`)),
      ),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function tooMany(maxFiles: number): UploadError {
  return new UploadError(`That upload has more than ${maxFiles} files; upload fewer at a time.`);
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
