import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../store/index.ts';
import { claimOrCopy, copyName, heldByAnotherTab, watchTabProject } from './tab-projects.ts';

/** Web Locks as another tab sees them: `others` are held elsewhere; this tab's locks go into `mine`. */
function fakeLocks(others: string[]) {
  const mine = new Set<string>();
  const taken = (name: string) => others.includes(name) || mine.has(name);
  return {
    mine,
    request(name: string, options: LockOptions, callback: (lock: { name: string } | null) => unknown) {
      if (taken(name)) {
        if (options.ifAvailable) return Promise.resolve(callback(null));
        return new Promise((_resolve, reject) =>
          options.signal?.addEventListener('abort', () => reject(options.signal?.reason)),
        );
      }
      mine.add(name);
      return Promise.resolve(callback({ name })).finally(() => mine.delete(name));
    },
    query: async () => ({ held: [...others, ...mine].map((name) => ({ name })) }),
  };
}

const lock = (id: string) => `zerovm-playground.project:${id}`;
const meta = (id: string, name = 'Word count') =>
  useAppStore.getState().setProjectMeta({ id, name, origin: 'example', openedKey: null });

describe('one project per tab', () => {
  beforeEach(() => useAppStore.setState(useAppStore.getInitialState(), true));
  afterEach(() => vi.unstubAllGlobals());

  it('names a copy "NAME (copy)" within the longest name, once', () => {
    expect(copyName('Word count')).toBe('Word count (copy)');
    expect(copyName('Word count (copy)')).toBe('Word count (copy)');
    expect(copyName('x'.repeat(80))).toHaveLength(80);
  });

  it('claims a project no other tab has, and makes a copy of one another tab has, saying so', async () => {
    const locks = fakeLocks([lock('theirs')]);
    vi.stubGlobal('navigator', { locks });
    meta('free');
    expect(await claimOrCopy()).toBeNull();
    expect(useAppStore.getState().projectMeta.id).toBe('free');
    expect(locks.mine.has(lock('free'))).toBe(true);

    meta('theirs');
    const notice = await claimOrCopy(50);
    const now = useAppStore.getState().projectMeta;
    expect(now.id).not.toBe('theirs');
    expect(now).toMatchObject({ name: 'Word count (copy)', origin: 'recent' });
    expect(locks.mine.has(lock(now.id))).toBe(true);
    expect(notice?.text).toBe(
      '“Word count” is open in another tab. This tab works on its own copy, “Word count (copy)”, so neither tab overwrites the other.',
    );
  });

  it("tells whether another tab works on a project, without keeping that project's lock", async () => {
    const locks = fakeLocks([lock('theirs')]);
    vi.stubGlobal('navigator', { locks });
    expect(await heldByAnotherTab('theirs', 50)).toBe(true);
    expect(await heldByAnotherTab('free', 50)).toBe(false);
    await vi.waitFor(() => expect(locks.mine.size).toBe(0));
    meta('mine');
    await claimOrCopy();
    expect(await heldByAnotherTab('mine', 0)).toBe(false);
    expect(locks.mine.has(lock('mine'))).toBe(true);
  });

  it('after start, lets go of the project it leaves and claims the next, or copies it', async () => {
    const locks = fakeLocks([lock('elsewhere')]);
    vi.stubGlobal('navigator', { locks });
    meta('first');
    await claimOrCopy();
    const notices: string[] = [];
    const stop = watchTabProject((n) => notices.push(n.text));
    meta('second');
    await vi.waitFor(() => expect(locks.mine.has(lock('second'))).toBe(true));
    expect(locks.mine.has(lock('first'))).toBe(false);
    meta('elsewhere', 'Shared');
    await vi.waitFor(() => expect(notices).toHaveLength(1));
    expect(useAppStore.getState().projectMeta.name).toBe('Shared (copy)');
    stop();
  });
});
