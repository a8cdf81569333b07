import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './index.ts';
import type { PersistedState } from './index.ts';
import { AUTOSAVE_DELAY_MS, createProjectStorage, separateTab, workingCopyKey } from './project-storage.ts';

const saved = async (): Promise<PersistedState | undefined> => {
  const value = await useAppStore.persist.getOptions().storage?.getItem('project');
  return value?.state as PersistedState | undefined;
};

describe('store persistence', () => {
  beforeEach(async () => {
    useAppStore.setState(useAppStore.getInitialState(), true);
    await useAppStore.persist.clearStorage();
  });

  it('saves the project and run inputs as they change, never run results', async () => {
    const store = useAppStore.getState();
    store.loadProject({ 'a.txt': new TextEncoder().encode('kept') }, ['empty'], ['a.txt']);
    store.setStdin('in');
    store.blockRun('not this');
    const state = await saved();
    expect(Object.keys(state ?? {}).sort()).toEqual(
      [
        'activeFile',
        'args',
        'builtFrom',
        'deterministic',
        'env',
        'files',
        'folders',
        'lessonProgress',
        'openFiles',
        'openLesson',
        'optimize',
        'projectMeta',
        'stdin',
        'theme',
        'trace',
      ].sort(),
    );
    expect(new TextDecoder().decode(state?.files['a.txt'])).toBe('kept');
    expect(state?.folders).toEqual(['empty']);
    expect(state?.stdin).toBe('in');
  });

  it('brings a saved project back on rehydration', async () => {
    useAppStore.getState().loadProject({ 'b.txt': new TextEncoder().encode('back') }, [], ['b.txt']);
    const storage = useAppStore.persist.getOptions().storage!;
    const value = await storage.getItem('project');
    useAppStore.setState({ files: {}, openFiles: [], activeFile: null });
    await storage.setItem('project', value!);
    await useAppStore.persist.rehydrate();
    expect(new TextDecoder().decode(useAppStore.getState().files['b.txt'])).toBe('back');
    expect(useAppStore.getState().activeFile).toBe('b.txt');
  });
});

describe('autosave in the browser (IndexedDB, Web Storage and tabs faked)', () => {
  interface Saved {
    projectMeta: { id: string };
    files: Record<string, Uint8Array>;
    stdin: string;
  }
  const value = (id: string, stdin: string, text = 'main') => ({
    state: { projectMeta: { id }, files: { 'main.c': new TextEncoder().encode(text) }, stdin },
    version: 1,
  });
  const webStorage = (from?: { items: Map<string, string> }) => {
    const items = new Map(from?.items);
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, text: string) => void items.set(key, text),
      removeItem: (key: string) => void items.delete(key),
      items,
    };
  };
  /** One browser: IndexedDB and localStorage; `unloadDropsWrites` makes writes vanish as Chromium's do. */
  const browser = () => {
    const db = new Map<string, unknown>();
    const journals = webStorage();
    let clock = 1000;
    const world = { db, journals, unloadDropsWrites: false };
    const tab = (session = webStorage()) => {
      const leaves: Array<() => void> = [];
      const storage = createProjectStorage<Saved>({
        get: async <T>(key: string) => structuredClone(db.get(key)) as T | undefined,
        setMany: async (entries) => {
          if (world.unloadDropsWrites) return new Promise(() => {});
          for (const [key, v] of entries) db.set(key, structuredClone(v));
        },
        del: async (key) => void db.delete(key),
        journals,
        tab: session,
        onLeave: (leave) => leaves.push(leave),
        now: () => ++clock,
      });
      return { storage, session, leave: () => leaves.forEach((l) => l()) };
    };
    return { world, tab };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** How many unsaved-changes journals localStorage holds (it also says which project each tab works on). */
  const unsaved = (world: { journals: { items: Map<string, string> } }) =>
    [...world.journals.items.keys()].filter((key) => key.startsWith('zerovm-playground.unsaved:')).length;
  const stdinOf = async (storage: { getItem(name: string): unknown }) =>
    ((await storage.getItem('project')) as { state: Saved } | null)?.state.stdin;

  it('writes nothing before resume, then the slot and the working copy after the debounce', async () => {
    const { world, tab } = browser();
    const { storage } = tab();
    await storage.setItem('project', value('a', 'early'));
    storage.flush();
    expect(world.db.size).toBe(0);
    storage.resume();
    await storage.setItem('project', value('a', 'typed'));
    expect(world.db.size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, AUTOSAVE_DELAY_MS + 50));
    expect([...world.db.keys()].sort()).toEqual([workingCopyKey('a'), 'project'].sort());
  });

  it('brings back what was typed just before a reload although the write started then was lost', async () => {
    const { world, tab } = browser();
    const first = tab();
    first.storage.resume();
    await first.storage.setItem('project', value('a', 'saved'));
    first.storage.flush();
    await settle();
    await first.storage.setItem('project', value('a', 'typed just before the reload', 'edited'));
    world.unloadDropsWrites = true;
    first.leave();
    await settle();
    expect(unsaved(world)).toBe(1);
    world.unloadDropsWrites = false;

    const reloaded = tab(first.session);
    const back = (await reloaded.storage.getItem('project')) as { state: Saved };
    expect(back.state.stdin).toBe('typed just before the reload');
    expect(new TextDecoder().decode(back.state.files['main.c'])).toBe('edited');
    // Written back once writing resumes; the journal then goes.
    reloaded.storage.resume();
    reloaded.storage.flush();
    await settle();
    expect(unsaved(world)).toBe(0);
    expect(await stdinOf(tab().storage)).toBe('typed just before the reload');
  });

  it('gives each tab its own project back after another tab wrote the slot', async () => {
    const { tab } = browser();
    const a = tab();
    const b = tab();
    a.storage.resume();
    b.storage.resume();
    await a.storage.setItem('project', value('a', 'tab A'));
    a.storage.flush();
    await settle();
    await b.storage.setItem('project', value('b', 'tab B'));
    b.storage.flush();
    await settle();
    expect(await stdinOf(tab(a.session).storage)).toBe('tab A');
    expect(await stdinOf(tab(b.session).storage)).toBe('tab B');
    // A new tab opens what was saved last.
    expect(await stdinOf(tab().storage)).toBe('tab B');
  });

  it("brings a tab's project back when the browser hands the next page an older sessionStorage", async () => {
    const { tab } = browser();
    const first = tab();
    first.storage.resume();
    await first.storage.setItem('project', value('a', 'my project'));
    first.storage.flush();
    await settle();
    // The tab's sessionStorage as it was before the next page wrote it.
    const before = webStorage(first.session);

    // The next page of the tab opens a link in place of the tab's project.
    const next = tab(first.session);
    expect(await stdinOf(next.storage)).toBe('my project');
    next.storage.resume();
    await next.storage.setItem('project', value('b', 'the link'));
    next.storage.flush();
    await settle();

    // Chromium hands the page after that the older sessionStorage (see tab-pointer.ts).
    expect(await stdinOf(tab(before).storage)).toBe('the link');
  });

  it('keeps a duplicated tab, once it has its own id, from taking the project of the tab it copies', async () => {
    const { tab } = browser();
    const original = tab();
    original.storage.resume();
    await original.storage.setItem('project', value('a', 'original'));
    original.storage.flush();
    await settle();

    const duplicate = tab(webStorage(original.session));
    expect(await stdinOf(duplicate.storage)).toBe('original');
    // What startup does when the duplicate finds the original's project held by the original.
    separateTab(duplicate.session);
    duplicate.storage.resume();
    await duplicate.storage.setItem('project', value('b', 'duplicate'));
    duplicate.storage.flush();
    await settle();

    expect(await stdinOf(tab(original.session).storage)).toBe('original');
    expect(await stdinOf(tab(duplicate.session).storage)).toBe('duplicate');
  });

  it('drops a journal older than the saved project', async () => {
    const { world, tab } = browser();
    const first = tab();
    first.storage.resume();
    await first.storage.setItem('project', value('a', 'one'));
    world.unloadDropsWrites = true;
    first.leave();
    world.unloadDropsWrites = false;
    const second = tab(first.session);
    expect(await stdinOf(second.storage)).toBe('one');
    second.storage.resume();
    await second.storage.setItem('project', value('a', 'two'));
    second.storage.flush();
    await settle();
    expect(unsaved(world)).toBe(0);
    expect(await stdinOf(tab(first.session).storage)).toBe('two');
  });
});
