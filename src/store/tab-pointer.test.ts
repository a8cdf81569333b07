import { describe, expect, it } from 'vitest';
import { MAX_TAB_ENTRIES, renewTabId, tabPointer } from './tab-pointer.ts';

const webStorage = (from?: { items: Map<string, string> }) => {
  const items = new Map(from?.items);
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, text: string) => void items.set(key, text),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
};

describe('which project a tab works on', () => {
  it('is null in a new tab, then the project it last pointed at, across pages of the tab', () => {
    const shared = webStorage();
    const tab = webStorage();
    expect(tabPointer(tab, shared).project()).toBeNull();
    const page = tabPointer(tab, shared);
    page.point('a', 1);
    page.point('b', 2);
    expect(tabPointer(tab, shared).project()).toBe('b');
    expect(tabPointer(webStorage(), shared).project()).toBeNull();
  });

  it('survives the tab getting back a sessionStorage older than its last page wrote', () => {
    const shared = webStorage();
    const tab = webStorage();
    tabPointer(tab, shared).point('a', 1);
    const before = webStorage(tab);
    tabPointer(tab, shared).point('b', 2);
    expect(tabPointer(before, shared).project()).toBe('b');
  });

  it('keeps apart a tab and its copy once the copy has a new id', () => {
    const shared = webStorage();
    const original = webStorage();
    tabPointer(original, shared).point('a', 1);
    const copy = webStorage(original);
    renewTabId(copy);
    tabPointer(copy, shared).point('b', 2);
    expect(tabPointer(original, shared).project()).toBe('a');
    expect(tabPointer(copy, shared).project()).toBe('b');
  });

  it(`keeps the ${MAX_TAB_ENTRIES} tabs written last; an older tab falls back on its own sessionStorage`, () => {
    const shared = webStorage();
    const old = webStorage();
    tabPointer(old, shared).point('old', 1);
    const before = webStorage(old);
    tabPointer(old, shared).point('newer', 2);
    for (let i = 0; i < MAX_TAB_ENTRIES; i++) tabPointer(webStorage(), shared).point(`p${i}`, 10 + i);
    const entries = JSON.parse(shared.getItem('zerovm-playground.tab-projects') ?? '{}') as object;
    expect(Object.keys(entries)).toHaveLength(MAX_TAB_ENTRIES);
    expect(tabPointer(old, shared).project()).toBe('newer');
    expect(tabPointer(before, shared).project()).toBe('old');
  });

  it('does without Web Storage, blocked or absent', () => {
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {},
    };
    const pointer = tabPointer(blocked, blocked);
    pointer.point('a', 1);
    expect(pointer.project()).toBeNull();
    const none = tabPointer(null, null);
    none.point('a', 1);
    expect(none.project()).toBeNull();
    const shared = webStorage();
    shared.setItem('zerovm-playground.tab-projects', 'not json');
    const tab = webStorage();
    tabPointer(tab, shared).point('a', 1);
    expect(tabPointer(tab, shared).project()).toBe('a');
  });
});
