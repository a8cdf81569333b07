import {
  MAX_PROJECT_NAME,
  contentKey,
  contentOf,
  newProjectId,
  recentProjects,
  useAppStore,
  workingCopies,
} from '../store/index.ts';
import type { ProjectContent, RecentProjects, WorkingCopy } from '../store/index.ts';
import type { AppNotice } from './startup.ts';

// Each tab works on its own project: the tab holds a Web Lock named after the project's id for as long as it
// works on it. A tab that finds its project's lock held (a second tab of the app, a duplicated tab, a recent
// project open elsewhere) works on a copy under a new id and says so, so two tabs never write one project.

const LOCK_PREFIX = 'zerovm-playground.project:';
/** How long a starting tab waits for its project's lock: a reloaded tab's old page may not have let go yet. */
export const START_CLAIM_MS = 1000;
/** How long after start working copies no tab holds are moved to Recent projects (reloading tabs are back). */
const SWEEP_DELAY_MS = 5000;

const held = new Map<string, () => void>();

/**
 * Takes project `id`'s lock for this tab: at once if free, or after up to `waitMs`; false when another
 * tab holds it. True where there are no Web Locks (one tab cannot know of another then).
 */
export function claimProject(id: string, waitMs = 0): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks || held.has(id)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const options: LockOptions = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
    locks
      .request(`${LOCK_PREFIX}${id}`, options, (lock) => {
        if (lock === null) return resolve(false);
        resolve(true);
        // Held until released, or until the page goes away.
        return new Promise<void>((release) => held.set(id, release));
      })
      .catch(() => resolve(false));
  });
}

function releaseProject(id: string): void {
  held.get(id)?.();
  held.delete(id);
}

/** Whether another tab works on project `id`: its lock stays held for `waitMs` (this tab's is let go). */
export async function heldByAnotherTab(id: string, waitMs: number): Promise<boolean> {
  if (held.has(id)) return false;
  if (!(await claimProject(id, waitMs))) return true;
  releaseProject(id);
  return false;
}

/** Ids of the projects some tab of this browser works on now. */
async function projectsHeldByTabs(): Promise<Set<string>> {
  const snapshot = await globalThis.navigator?.locks?.query();
  const names = (snapshot?.held ?? []).map((lock) => lock.name ?? '');
  return new Set(names.filter((n) => n.startsWith(LOCK_PREFIX)).map((n) => n.slice(LOCK_PREFIX.length)));
}

/** A copy's name: "NAME (copy)", within the longest name allowed. */
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return name.endsWith(suffix) ? name : `${name.slice(0, MAX_PROJECT_NAME - suffix.length)}${suffix}`;
}

/** Makes the working project this tab's own copy of it (a new id); returns what to tell the user. */
function takeCopy(): AppNotice {
  const state = useAppStore.getState();
  const { name } = state.projectMeta;
  const copy = copyName(name);
  state.setProjectMeta({
    id: newProjectId(),
    name: copy,
    origin: 'recent',
    openedKey: contentKey(contentOf(state)),
  });
  return {
    tone: 'info',
    text: `“${name}” is open in another tab. This tab works on its own copy, “${copy}”, so neither tab overwrites the other.`,
  };
}

/** Claims the working project for this tab, or makes it a copy when another tab has it (null: claimed). */
export async function claimOrCopy(waitMs = 0): Promise<AppNotice | null> {
  const id = useAppStore.getState().projectMeta.id;
  if (await claimProject(id, waitMs)) return null;
  // The user may have switched meanwhile; the new project is claimed by watchTabProject.
  if (useAppStore.getState().projectMeta.id !== id) return null;
  const notice = takeCopy();
  // A new id: free, unless this tab switched again meanwhile (then that switch claims).
  await claimProject(useAppStore.getState().projectMeta.id);
  return notice;
}

/**
 * From now on, claims each project this tab switches to (a copy if another tab has it, with a notice), and
 * lets go of the one it leaves, deleting that one's working copy: switching kept it in Recent projects when
 * it was worth keeping.
 */
export function watchTabProject(onNotice: (notice: AppNotice) => void): () => void {
  let current = useAppStore.getState().projectMeta.id;
  return useAppStore.subscribe((state) => {
    const id = state.projectMeta.id;
    if (id === current) return;
    const left = current;
    current = id;
    if (held.has(left)) {
      releaseProject(left);
      void workingCopies()
        .remove(left)
        .catch(() => undefined);
    }
    void claimOrCopy().then((notice) => notice && onNotice(notice));
  });
}

/**
 * The newest content of project `id` this browser has: its working copy (a tab works or worked on it) or
 * its entry in `recents`; undefined when neither exists.
 */
export async function newestContent(
  id: string,
  recents: RecentProjects,
): Promise<ProjectContent | undefined> {
  const [copy, kept, list] = await Promise.all([workingCopies().load(id), recents.load(id), recents.list()]);
  const keptAt = list.find((e) => e.id === id)?.savedAt ?? 0;
  if (copy && (!kept || copy.savedAt >= keptAt)) return copy.content;
  return kept;
}

/**
 * Moves working copies no tab holds (their tabs were closed) into Recent projects, except the one the shared
 * slot holds (a new tab opens that one); an untouched example or new project is just deleted.
 */
export function sweepWorkingCopies(worthKeeping: (copy: WorkingCopy) => boolean): void {
  setTimeout(() => {
    void (async () => {
      const copies = workingCopies();
      const busy = await projectsHeldByTabs();
      const slot = await copies.slotProjectId();
      for (const id of await copies.ids()) {
        if (busy.has(id) || id === slot) continue;
        const copy = await copies.load(id);
        if (copy && worthKeeping(copy)) await recentProjects().keep(id, copy.meta.name, copy.content);
        await copies.remove(id);
      }
    })().catch(() => undefined);
  }, SWEEP_DELAY_MS);
}
