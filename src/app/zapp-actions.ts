import { downloadBytes } from '../components/download-bytes.ts';
import { contentOf, useAppStore } from '../store/index.ts';
import { switchProject } from './project-switch.ts';
import { contentOfShare, shareOf } from './share-content.ts';
import type { AppNotice } from './startup.ts';

// The .zapp code and the yaml library are only needed when a .zapp is made or opened.
const zapp = () => import('../share/zapp/index.ts');

/** Downloads the working project as `<name>.zapp`. */
export async function exportZapp(): Promise<void> {
  const { projectToZapp, zappFileName } = await zapp();
  const state = useAppStore.getState();
  const name = state.projectMeta.name;
  downloadBytes(zappFileName(name), projectToZapp(shareOf(contentOf(state)), name), 'application/gzip');
}

/**
 * Opens a .zapp as the working project (checked like a share link; the current project is kept in Recent
 * projects); nothing runs. Resolves to what to tell the user.
 */
export async function importZapp(file: File): Promise<AppNotice> {
  const { MAX_ZAPP_BYTES, zappToProject } = await zapp();
  const refuse = (why: string): AppNotice => ({ tone: 'error', text: `${why} Nothing was changed.` });
  // Checked before reading, so a huge file is never loaded into memory.
  if (file.size > MAX_ZAPP_BYTES)
    return refuse(`This .zapp file is too large to open (over ${MAX_ZAPP_BYTES / (1024 * 1024)} MB).`);
  const result = zappToProject(new Uint8Array(await file.arrayBuffer()), file.name);
  if (!result.ok) return refuse(result.error);
  const switched = await switchProject({
    content: contentOfShare(result.project),
    name: result.name,
    origin: 'zapp',
  });
  if (!switched.switched)
    return { tone: 'info', text: 'The .zapp was not opened; your project is unchanged.' };
  const count = Object.keys(result.project.files).length;
  const kept =
    switched.kept === null ? '' : ` Your previous project “${switched.kept}” is kept in Recent projects.`;
  return {
    tone: 'info',
    text: `Opened “${result.name}” from ${file.name} (${count} file${count === 1 ? '' : 's'}). Nothing has run.${kept}`,
  };
}
