import {
  AUTOSAVE_SLOT,
  WORKING_COPY_PREFIX,
  dropJournal,
  withJournal,
  workingCopyKey,
} from './project-storage.ts';
import type { StampedValue } from './project-storage.ts';
import { browserStorage } from './web-storage.ts';
import type { WebStorage } from './web-storage.ts';
import type { ProjectContent } from './project-content.ts';
import type { ProjectMeta } from './project-meta-slice.ts';
import { appKeyValue } from './recent-projects.ts';
import type { KeyValue } from './recent-projects.ts';

/** A project as the tab working on it last saved it, unsaved changes included. */
export interface WorkingCopy {
  meta: ProjectMeta;
  content: ProjectContent;
  /** When it was saved, ms since the epoch. */
  savedAt: number;
}

/** The working copies the autosave keeps, one per project a tab works on (see project-storage.ts). */
export interface WorkingCopies {
  ids(): Promise<string[]>;
  load(id: string): Promise<WorkingCopy | undefined>;
  /** Deletes a working copy and its unsaved-changes journal. */
  remove(id: string): Promise<void>;
  /** The id of the project in the slot every tab shares (what a new tab opens); null if none. */
  slotProjectId(): Promise<string | null>;
}

type SavedState = ProjectContent & { projectMeta: ProjectMeta };

/** The working copies in `kv`, with journals from `journals`. */
export function workingCopies(
  kv: KeyValue = appKeyValue(),
  journals: WebStorage | null = browserStorage('localStorage'),
): WorkingCopies {
  return {
    ids: async () =>
      (await kv.keys())
        .filter((key) => key.startsWith(WORKING_COPY_PREFIX))
        .map((key) => key.slice(WORKING_COPY_PREFIX.length)),
    load: async (id) => {
      const stored = await kv.get<StampedValue<SavedState>>(workingCopyKey(id));
      if (stored?.state?.projectMeta === undefined) return undefined;
      const { state, stamp = 0 } = withJournal(journals, stored);
      const { files, folders, openFiles, activeFile, stdin, args, env } = state;
      return {
        meta: state.projectMeta,
        content: { files, folders, openFiles, activeFile, stdin, args, env },
        savedAt: stamp,
      };
    },
    remove: async (id) => {
      await kv.del(workingCopyKey(id));
      dropJournal(journals, id);
    },
    slotProjectId: async () =>
      (await kv.get<StampedValue<SavedState>>(AUTOSAVE_SLOT))?.state?.projectMeta?.id ?? null,
  };
}
