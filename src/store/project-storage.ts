import { createStore, del, get, set } from 'idb-keyval';
import type { PersistStorage, StorageValue } from 'zustand/middleware';

/** How long typing may go on before the project is written to IndexedDB. */
export const AUTOSAVE_DELAY_MS = 400;

type IdbStore = ReturnType<typeof createStore>;
let database: IdbStore | undefined;

/** The IndexedDB object store everything the app keeps lives in (the project, recent projects). */
export function appDatabase(): IdbStore {
  return (database ??= createStore('zerovm-playground', 'state'));
}

// Nothing is written before the saved project has been read back (an early write would replace it with
// the empty start state), nor ever in an embed, which must not touch the visitor's own project.
let writing = false;

/** Lets the IndexedDB storage write; called once the saved project is back in the store. */
export function resumeAutosave(): void {
  writing = true;
}

/**
 * Where the store persists the project: IndexedDB (structured clone keeps file bytes as they are),
 * written at most every AUTOSAVE_DELAY_MS and at once when the page is hidden, once resumeAutosave has
 * been called; in memory where there is no IndexedDB (unit tests in Node).
 */
export function projectStorage<S>(): PersistStorage<S> {
  if (typeof indexedDB === 'undefined') return memoryStorage<S>();
  let pending: { name: string; value: StorageValue<S> } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    if (!pending) return;
    const { name, value } = pending;
    pending = null;
    void set(name, value, appDatabase());
  };
  addEventListener('pagehide', flush);
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  return {
    getItem: async (name) => (await get<StorageValue<S>>(name, appDatabase())) ?? null,
    setItem: (name, value) => {
      if (!writing) return;
      pending = { name, value };
      clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    removeItem: (name) => del(name, appDatabase()),
  };
}

function memoryStorage<S>(): PersistStorage<S> {
  const items = new Map<string, StorageValue<S>>();
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
  };
}
