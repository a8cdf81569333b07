import {
  contentKey,
  contentOf,
  isEmptyContent,
  newProjectId,
  recentProjects,
  useAppStore,
} from '../store/index.ts';
import type { ProjectContent, ProjectMeta, ProjectOrigin, RecentProjects } from '../store/index.ts';
import { initialRun } from '../store/run-slice.ts';
import { trustShippedPrograms } from './build-runner.ts';
import { newestContent } from './tab-projects.ts';

/** A project about to become the working one. */
export interface NextProject {
  content: ProjectContent;
  name: string;
  origin: ProjectOrigin;
  /** Its id in Recent projects (a new one when left out). */
  id?: string;
}

/** switchProject's answer: whether it switched, and the name the previous project was kept under. */
export type SwitchResult = { switched: true; kept: string | null } | { switched: false };

/** Asks the user a yes/no question (window.confirm in the app; injectable for tests). */
export type Confirm = (question: string) => boolean;

let store: RecentProjects | undefined;
const recents = (): RecentProjects => (store ??= recentProjects());

/**
 * Whether switching away should keep a copy of the project in Recent projects: always, unless it is empty
 * or is an example, a new project or a recent project left exactly as it was opened (nothing would be lost).
 */
export function worthKeeping(meta: ProjectMeta, content: ProjectContent): boolean {
  if (isEmptyContent(content)) return false;
  const reopenable = meta.origin === 'example' || meta.origin === 'new' || meta.origin === 'recent';
  return !(reopenable && meta.openedKey !== null && meta.openedKey === contentKey(content));
}

/** Keeps a copy of `content` in Recent projects under a new id (e.g. a learner's version of a lesson). */
export async function keepInRecentProjects(name: string, content: ProjectContent): Promise<void> {
  useAppStore.getState().setRecentProjects(await recents().keep(newProjectId(), name, content));
}

/** Loads the recent projects list into the store. */
export async function refreshRecentProjects(): Promise<void> {
  useAppStore.getState().setRecentProjects(await recents().list());
}

/**
 * Makes `next` the working project, first keeping the current one in Recent projects when worthKeeping
 * says so. If it cannot be kept (storage full), the user is asked before it is replaced.
 */
export async function switchProject(
  next: NextProject,
  confirm: Confirm = window.confirm,
): Promise<SwitchResult> {
  const state = useAppStore.getState();
  const meta = state.projectMeta;
  const current = contentOf(state);
  let kept: string | null = null;
  if (worthKeeping(meta, current)) {
    try {
      state.setRecentProjects(await recents().keep(meta.id, meta.name, current));
      kept = meta.name;
    } catch {
      if (
        !confirm(`“${meta.name}” could not be kept in Recent projects (is storage full?). Replace it anyway?`)
      )
        return { switched: false };
    }
  }
  loadContent(next.content, {
    id: next.id ?? newProjectId(),
    name: next.name,
    origin: next.origin,
    openedKey: contentKey(next.content),
  });
  // Another project replaces the lesson's files: the lesson is left (openLesson reopens it after this).
  useAppStore.getState().setOpenLesson(null);
  return { switched: true, kept };
}

/** Puts a project into the store as the working one, with nothing run and no build records. */
export function loadContent(content: ProjectContent, meta: ProjectMeta): void {
  const s = useAppStore.getState();
  s.loadProject(content.files, content.folders, content.openFiles);
  if (content.activeFile !== null) s.setActiveFile(content.activeFile);
  s.setStdin(content.stdin);
  s.setArgs(content.args);
  s.setEnv(content.env);
  s.forgetBuilds();
  if (s.run.status !== 'running') useAppStore.setState({ run: initialRun });
  s.setProjectMeta(meta);
  trustShippedPrograms();
}

/** Opens a recent project (keeping the current one); false when it is gone from storage. */
export async function openRecentProject(id: string, confirm?: Confirm): Promise<SwitchResult | null> {
  const entry = useAppStore.getState().recentProjects.find((e) => e.id === id);
  // Another tab may be working on it: its working copy is newer than the entry (this tab gets a copy).
  const content = await newestContent(id, recents());
  if (entry === undefined || content === undefined) {
    await refreshRecentProjects();
    return null;
  }
  return switchProject({ content, name: entry.name, origin: 'recent', id }, confirm);
}

/** Renames a recent project (and the working one, when it is the same project). */
export async function renameRecentProject(id: string, name: string): Promise<void> {
  const state = useAppStore.getState();
  if (state.projectMeta.id === id) state.renameProject(name);
  state.setRecentProjects(await recents().rename(id, name));
}

/** Deletes a recent project for good. */
export async function deleteRecentProject(id: string): Promise<void> {
  useAppStore.getState().setRecentProjects(await recents().remove(id));
}
