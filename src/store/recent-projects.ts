import { del, get, keys, set } from 'idb-keyval';
import { appDatabase } from './project-storage.ts';
import type { ProjectContent } from './project-content.ts';

/** One entry of the recent projects list (the project itself is stored apart, loaded on demand). */
export interface RecentProject {
  id: string;
  name: string;
  /** When it was last kept, ms since the epoch. */
  savedAt: number;
  fileCount: number;
  /** Total size of its files. */
  bytes: number;
}

/** The few IndexedDB calls the list needs (injectable, so tests run in memory). */
export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Every key stored. */
  keys(): Promise<string[]>;
}

/** Recent projects: an index of summaries, newest first, and each project's content under its own key. */
export interface RecentProjects {
  list(): Promise<RecentProject[]>;
  load(id: string): Promise<ProjectContent | undefined>;
  /** Adds or replaces the entry `id` (now the newest); resolves to the new list. */
  keep(id: string, name: string, content: ProjectContent): Promise<RecentProject[]>;
  rename(id: string, name: string): Promise<RecentProject[]>;
  remove(id: string): Promise<RecentProject[]>;
}

const INDEX = 'recent-projects';
const entryKey = (id: string) => `recent-project:${id}`;

/** The IndexedDB key-value store the app keeps its data in; in memory where there is no IndexedDB. */
export function appKeyValue(): KeyValue {
  if (typeof indexedDB === 'undefined') return memoryKeyValue();
  return {
    get: (key) => get(key, appDatabase()),
    set: (key, value) => set(key, value, appDatabase()),
    del: (key) => del(key, appDatabase()),
    keys: async () => (await keys(appDatabase())).map(String),
  };
}

/** A KeyValue in memory (tests, and browsers without IndexedDB). */
export function memoryKeyValue(): KeyValue {
  const items = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => items.get(key) as T | undefined,
    set: async (key, value) => void items.set(key, structuredClone(value)),
    del: async (key) => void items.delete(key),
    keys: async () => [...items.keys()],
  };
}

/** The recent projects kept in `kv`. */
export function recentProjects(kv: KeyValue = appKeyValue()): RecentProjects {
  const list = async (): Promise<RecentProject[]> => {
    const stored = await kv.get<RecentProject[]>(INDEX);
    return Array.isArray(stored) ? stored : [];
  };
  const update = async (change: (entries: RecentProject[]) => RecentProject[]): Promise<RecentProject[]> => {
    const next = change(await list());
    await kv.set(INDEX, next);
    return next;
  };
  return {
    list,
    load: (id) => kv.get<ProjectContent>(entryKey(id)),
    keep: async (id, name, content) => {
      // The content first: an index entry must never point at nothing.
      await kv.set(entryKey(id), content);
      const bytes = Object.values(content.files).reduce((sum, data) => sum + data.length, 0);
      const entry = { id, name, savedAt: Date.now(), fileCount: Object.keys(content.files).length, bytes };
      return update((entries) => [entry, ...entries.filter((e) => e.id !== id)]);
    },
    rename: (id, name) => update((entries) => entries.map((e) => (e.id === id ? { ...e, name } : e))),
    remove: async (id) => {
      const next = await update((entries) => entries.filter((e) => e.id !== id));
      await kv.del(entryKey(id));
      return next;
    },
  };
}
