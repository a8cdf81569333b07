import type { SliceCreator } from './app-state.ts';
import type { RecentProject } from './recent-projects.ts';

/** Where the working project came from; decides whether switching away keeps a copy in Recent projects. */
export type ProjectOrigin = 'example' | 'new' | 'link' | 'zapp' | 'recent' | 'saved';

/** Who the working project is: its id in Recent projects, its name, and how it started. */
export interface ProjectMeta {
  id: string;
  name: string;
  origin: ProjectOrigin;
  /** contentKey of the project as it was opened (null: unknown); equal now means it was not changed. */
  openedKey: string | null;
}

/** The working project's identity and the recent projects list. */
export interface ProjectMetaSlice {
  projectMeta: ProjectMeta;
  /** Summaries of the kept projects, newest first (loaded from IndexedDB by the app). */
  recentProjects: RecentProject[];
  setProjectMeta(meta: ProjectMeta): void;
  renameProject(name: string): void;
  setRecentProjects(list: RecentProject[]): void;
}

/** Longest project name. */
export const MAX_PROJECT_NAME = 80;

/** A fresh id for a project. */
export function newProjectId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `p${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
  );
}

/** A project name as typed, made one trimmed line of at most MAX_PROJECT_NAME characters. */
export function cleanProjectName(name: string): string {
  // eslint-disable-next-line no-control-regex -- a name is one line of plain text
  const line = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/g, ' ').trim();
  return line.slice(0, MAX_PROJECT_NAME);
}

/** The project-meta slice of the store. */
export const createProjectMetaSlice: SliceCreator<ProjectMetaSlice> = (set, get) => ({
  // A project autosaved before projects had names keeps this one.
  projectMeta: { id: newProjectId(), name: 'My project', origin: 'saved', openedKey: null },
  recentProjects: [],
  setProjectMeta: (projectMeta) => set({ projectMeta }),
  renameProject: (name) => {
    const clean = cleanProjectName(name);
    if (clean !== '') set({ projectMeta: { ...get().projectMeta, name: clean } });
  },
  setRecentProjects: (recentProjects) => set({ recentProjects }),
});
