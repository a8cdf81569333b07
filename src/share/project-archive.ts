import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { normalizeTarPath, writeTarImage } from '../engine/image/tar-image.ts';
import type { TarEntry } from '../engine/image/tar-image.ts';

/** Project file contents by relative `/`-separated path. */
export type ProjectFiles = Record<string, Uint8Array>;

// DOS timestamps start in 1980; fflate reads the local fields, so this is the same in every time zone.
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** A deterministic .zip of the project: sorted, fixed mtime, every folder (also empty ones) as an entry. */
export function projectToZip(files: ProjectFiles, folders: readonly string[]): Uint8Array {
  const { fileList, folderList } = collect(files, folders);
  const zippable: Zippable = {};
  for (const folder of folderList)
    zippable[`${folder}/`] = [new Uint8Array(0), { level: 0, mtime: ZIP_MTIME }];
  for (const [path, data] of fileList) zippable[path] = [data, { level: 6, mtime: ZIP_MTIME }];
  return zipSync(zippable);
}

/** A deterministic ustar/pax .tar of the project (see writeTarImage), folders included. */
export function projectToTar(files: ProjectFiles, folders: readonly string[]): Uint8Array {
  const { fileList, folderList } = collect(files, folders);
  const entries: TarEntry[] = [
    ...folderList.map((path): TarEntry => ({ path, kind: 'directory' })),
    ...fileList.map(([path, data]): TarEntry => ({ path, kind: 'file', data })),
  ];
  return writeTarImage(entries);
}

/** Normalised, sorted files and folders (explicit ones plus every file's ancestors); unsafe paths dropped. */
function collect(
  files: ProjectFiles,
  folders: readonly string[],
): { fileList: Array<[string, Uint8Array]>; folderList: string[] } {
  const fileMap = new Map<string, Uint8Array>();
  const folderSet = new Set<string>();
  const addAncestors = (path: string) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folderSet.add(parts.slice(0, i).join('/'));
  };
  for (const [raw, data] of Object.entries(files)) {
    const path = normalizeTarPath(raw);
    if (path === undefined || path === '') continue;
    fileMap.set(path, data);
    addAncestors(path);
  }
  for (const raw of folders) {
    const path = normalizeTarPath(raw);
    if (path === undefined || path === '') continue;
    folderSet.add(path);
    addAncestors(path);
  }
  // A path cannot be both; the file wins (the folder entry would shadow it on extraction).
  for (const path of fileMap.keys()) folderSet.delete(path);
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    fileList: [...fileMap.entries()].sort(([a], [b]) => byPath(a, b)),
    folderList: [...folderSet].sort(byPath),
  };
}
