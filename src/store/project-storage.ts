import { createStore, del, get, setMany } from 'idb-keyval';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { applyJournal, decodeJournal, encodeJournal, makeJournal } from './unsaved-journal.ts';
import type { JournalState, UnsavedJournal } from './unsaved-journal.ts';
import { renewTabId, tabPointer } from './tab-pointer.ts';
import { browserStorage, tryStorage } from './web-storage.ts';
import type { WebStorage } from './web-storage.ts';

/** How long typing may go on before the project is written to IndexedDB. */
export const AUTOSAVE_DELAY_MS = 400;

type IdbStore = ReturnType<typeof createStore>;
let database: IdbStore | undefined;

/** The IndexedDB object store everything the app keeps lives in (the project, recent projects). */
export function appDatabase(): IdbStore {
  return (database ??= createStore('zerovm-playground', 'state'));
}

/** Key of the slot every tab shares: the project saved last, which a new tab opens (the persist name). */
export const AUTOSAVE_SLOT = 'project';
/** Key of a project's working copy: what the tab working on it saved last (one per open project). */
export const workingCopyKey = (id: string): string => `${WORKING_COPY_PREFIX}${id}`;
/** Start of every working copy's key. */
export const WORKING_COPY_PREFIX = 'working-project:';
/** Web Storage key of a project's unsaved changes (see unsaved-journal.ts). */
const journalKey = (id: string): string => `zerovm-playground.unsaved:${id}`;

/** What the autosave must know of the persisted state: whose project it is. */
export interface SavableState {
  projectMeta: { id: string };
}

/** A persisted value with the time it was saved (orders it against unsaved-changes journals). */
export type StampedValue<S> = StorageValue<S> & { stamp?: number };

/** What the autosave uses of the browser (injectable, so it is tested in Node). */
export interface AutosaveEnv {
  get<T>(key: string): Promise<T | undefined>;
  /** Writes all entries in one IndexedDB transaction. */
  setMany(entries: Array<[string, unknown]>): Promise<void>;
  del(key: string): Promise<void>;
  /** Where unsaved changes are written synchronously when the page goes away (localStorage). */
  journals: WebStorage | null;
  /** This tab's own storage (sessionStorage): which project the tab works on (see tab-pointer.ts). */
  tab: WebStorage | null;
  /** Calls `leave` whenever the page is hidden or goes away. */
  onLeave(leave: () => void): void;
  now(): number;
}

/** The store's persistence, plus the switch that lets it write and a way to write at once. */
export interface AutosaveStorage<S> extends PersistStorage<S> {
  /** Lets it write; called once the saved project is back in the store (never in an embed). */
  resume(): void;
  /** Writes what is waiting for the debounce now. */
  flush(): void;
  /** What the page does when it is hidden or goes away: journal the unconfirmed changes, then flush. */
  leave(): void;
}

/** The project id this tab worked on last (kept across reloads, not in a new tab); null if none. */
export function tabProjectId(
  tab: WebStorage | null = browserStorage('sessionStorage'),
  shared: WebStorage | null = browserStorage('localStorage'),
): string | null {
  return tabPointer(tab, shared).project();
}

/** Gives this tab an id of its own, when it turns out to be a copy of another tab (see tab-pointer.ts). */
export function separateTab(tab: WebStorage | null = browserStorage('sessionStorage')): void {
  renewTabId(tab);
}

/**
 * Where the store persists the project: IndexedDB (structured clone keeps file bytes as they are), in
 * memory where there is none (unit tests in Node).
 */
export function projectStorage<S extends SavableState>(): AutosaveStorage<S> {
  if (typeof indexedDB === 'undefined') return memoryStorage<S>();
  return createProjectStorage<S>({
    get: (key) => get(key, appDatabase()),
    setMany: (entries) => setMany(entries, appDatabase()),
    del: (key) => del(key, appDatabase()),
    journals: browserStorage('localStorage'),
    tab: browserStorage('sessionStorage'),
    onLeave: (leave) => {
      addEventListener('pagehide', leave);
      addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') leave();
      });
    },
    now: () => Date.now(),
  });
}

/**
 * The autosave. Nothing is written before resume() (an early write would replace the saved project with
 * the empty start state), nor ever in an embed. Each write, at most every AUTOSAVE_DELAY_MS, puts the state
 * both in the slot every tab shares (`name`: what a new tab opens) and in the project's working copy, so a
 * tab's project survives another tab writing the slot; a reloaded tab reads its own working copy back.
 * When the page is hidden or goes away, changes IndexedDB has not confirmed are also journalled to Web
 * Storage, and put back when that project is next read.
 */
export function createProjectStorage<S extends SavableState>(env: AutosaveEnv): AutosaveStorage<S> {
  let writing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Waiting for the debounce; the newest value handed over (waiting or being written); the newest confirmed.
  let pending: { name: string; value: StampedValue<S> } | null = null;
  let latest: StampedValue<S> | null = null;
  let saved: StampedValue<S> | null = null;
  let lastStamp = 0;
  const stampNow = () => (lastStamp = Math.max(env.now(), lastStamp + 1));
  const idOf = (value: StorageValue<S>) => value.state.projectMeta.id;
  const pointer = tabPointer(env.tab, env.journals);

  const dropJournalUpTo = (id: string, stamp: number) => dropJournal(env.journals, id, stamp);

  const flush = (): void => {
    clearTimeout(timer);
    if (!pending) return;
    const { name, value } = pending;
    pending = null;
    const id = idOf(value);
    env
      .setMany([
        [name, value],
        [workingCopyKey(id), value],
      ])
      .then(
        () => {
          if (saved === null || (saved.stamp ?? 0) < (value.stamp ?? 0)) saved = value;
          dropJournalUpTo(id, value.stamp ?? 0);
        },
        () => undefined,
      );
  };

  const leave = (): void => {
    if (latest !== null && latest !== saved) {
      const base = saved !== null && idOf(saved) === idOf(latest) ? saved : null;
      const journal = makeJournal(
        base && { state: base.state as unknown as JournalState, stamp: base.stamp ?? 0 },
        { state: latest.state as unknown as JournalState, stamp: latest.stamp ?? 0 },
      );
      journal.version = latest.version;
      // Too big for Web Storage: the IndexedDB write below is all there is.
      tryStorage(() => env.journals?.setItem(journalKey(idOf(latest!)), encodeJournal(journal)));
    }
    flush();
  };
  env.onLeave(leave);

  return {
    getItem: async (name) => {
      const own = pointer.project();
      const ownCopy = own === null ? undefined : await env.get<StampedValue<S>>(workingCopyKey(own));
      // A project first saved less than a debounce before the page went away exists only as its journal.
      const unsaved = ownCopy === undefined && own !== null ? wholeJournal<S>(env.journals, own) : null;
      const stored = ownCopy ?? unsaved ?? (await env.get<StampedValue<S>>(name)) ?? null;
      if (stored === null) return null;
      saved = stored === unsaved ? null : stored;
      const restored = stored === unsaved ? unsaved : withJournal(env.journals, stored);
      lastStamp = Math.max(lastStamp, restored.stamp ?? 0);
      if (restored !== saved) {
        // Written as soon as writing resumes.
        pending = { name, value: restored };
        latest = restored;
      }
      return restored;
    },
    setItem: (name, value) => {
      if (!writing) return;
      const stamp = stampNow();
      const stamped: StampedValue<S> = { ...value, stamp };
      pending = { name, value: stamped };
      latest = stamped;
      pointer.point(idOf(value), stamp);
      clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    removeItem: (name) => env.del(name),
    resume: () => {
      writing = true;
      if (pending) {
        clearTimeout(timer);
        timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
      }
    },
    flush,
    leave,
  };
}

/** The unsaved-changes journal of project `id`, if there is one. */
function readJournal(journals: WebStorage | null, id: string): UnsavedJournal | null {
  const text = tryStorage(() => journals?.getItem(journalKey(id)) ?? null);
  return text ? decodeJournal(text) : null;
}

/** An empty value of project `id` that its journal makes whole, if the journal holds the whole state. */
function wholeJournal<S>(journals: WebStorage | null, id: string): StampedValue<S> | null {
  const journal = readJournal(journals, id);
  if (journal === null || journal.base !== null) return null;
  const state = applyJournal({ files: {} }, journal) as unknown as S;
  return { state, version: journal.version ?? 0, stamp: journal.stamp };
}

/** Forgets the journal of project `id` if it is no newer than `stamp` (all of it if left out). */
export function dropJournal(journals: WebStorage | null, id: string, stamp = Number.POSITIVE_INFINITY): void {
  const journal = readJournal(journals, id);
  if (journal && journal.stamp <= stamp) tryStorage(() => journals?.removeItem(journalKey(id)));
}

/** `value` with its project's journal applied when the journal is newer; a stale journal is dropped. */
export function withJournal<S extends SavableState>(
  journals: WebStorage | null,
  value: StampedValue<S>,
): StampedValue<S> {
  const id = value.state.projectMeta.id;
  const journal = readJournal(journals, id);
  if (journal === null) return value;
  if (journal.stamp <= (value.stamp ?? 0)) {
    dropJournal(journals, id, value.stamp ?? 0);
    return value;
  }
  const state = applyJournal(value.state as unknown as JournalState, journal) as unknown as S;
  return { ...value, state, stamp: journal.stamp };
}

function memoryStorage<S>(): AutosaveStorage<S> {
  const items = new Map<string, StorageValue<S>>();
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
    resume: () => {},
    flush: () => {},
    leave: () => {},
  };
}
