import type { Manifest } from '../manifest/types.ts';
import type { Nvram } from '../nvram/types.ts';
import { normalizeProjectPath } from './project-files.ts';
import type { ProjectFiles } from './project-files.ts';

/** The channel aliased /dev/nvram and the project bytes behind it (data undefined when missing). */
export function nvramFile(
  manifest: Manifest,
  files: ProjectFiles,
): { uri: string; data: Uint8Array | undefined } | undefined {
  const channel = manifest.channels.find((c) => c.alias === '/dev/nvram');
  if (!channel) return undefined;
  const path = normalizeProjectPath(channel.uri);
  return { uri: channel.uri, data: path === undefined ? undefined : files.get(path) };
}

/** Aliases of channels mounted as folders (ro/rw): not files, their changes come from the mount. */
export function folderMountAliases(nvram: Nvram | undefined): Set<string> {
  return new Set(nvram?.fstab.filter((f) => f.access !== 'wo').map((f) => f.channel));
}
