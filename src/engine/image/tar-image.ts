/** What a tar entry is; other tar types (devices, fifos) are skipped with a warning. */
export type TarEntryKind = 'file' | 'directory' | 'symlink';

/** One entry of a tar image. Files always carry `data` (maybe empty), symlinks always carry `target`. */
export interface TarEntry {
  /** Normalised: relative, no leading `./` or `/`, no `.`/`..` segments, no trailing `/`. */
  path: string;
  kind: TarEntryKind;
  /** File contents; when read, a view into the archive bytes (copy before mutating). */
  data?: Uint8Array;
  /** Symlink target, exactly as stored (may be absolute or contain `..`). */
  target?: string;
  /** Permission bits (0o7777 at most). */
  mode?: number;
}

/** The outcome of {@link readTarImage}: entries in archive order, plus what was skipped and why. */
export type ReadTarResult =
  { ok: true; entries: TarEntry[]; warnings: string[] } | { ok: false; reason: string };

export { readTarImage } from './read-tar.ts';
export { writeTarImage } from './write-tar.ts';
export { normalizeTarPath } from './tar-path.ts';
