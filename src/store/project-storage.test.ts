import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './index.ts';
import type { PersistedState } from './index.ts';

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
