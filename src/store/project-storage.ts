import { createStore, del, get, set } from 'idb-keyval';
import type { PersistStorage, StorageValue } from 'zustand/middleware';

/** How long typing may go on before the project is written to IndexedDB. */
export const AUTOSAVE_DELAY_MS = 400;

/**
 * Where the store persists the project: IndexedDB (structured clone keeps file bytes as they are),
 * written at most every AUTOSAVE_DELAY_MS and at once when the page is hidden; in memory where there
 * is no IndexedDB (unit tests in Node).
 */
export function projectStorage<S>(): PersistStorage<S> {
  if (typeof indexedDB === 'undefined') return memoryStorage<S>();
  const db = createStore('zerovm-playground', 'state');
  let pending: { name: string; value: StorageValue<S> } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    if (!pending) return;
    const { name, value } = pending;
    pending = null;
    void set(name, value, db);
  };
  addEventListener('pagehide', flush);
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  return {
    getItem: async (name) => (await get<StorageValue<S>>(name, db)) ?? null,
    setItem: (name, value) => {
      pending = { name, value };
      clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    removeItem: (name) => del(name, db),
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
