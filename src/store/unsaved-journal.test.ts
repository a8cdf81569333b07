import { describe, expect, it } from 'vitest';
import { applyJournal, decodeJournal, encodeJournal, makeJournal } from './unsaved-journal.ts';
import type { JournalState } from './unsaved-journal.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('unsaved-changes journal', () => {
  const kept = bytes('unchanged');
  const saved: JournalState = {
    files: { 'a.c': kept, 'b.c': bytes('old'), 'gone.txt': bytes('x') },
    stdin: 'in',
    theme: 'dark',
  };
  const next: JournalState = {
    files: { 'a.c': kept, 'b.c': bytes('new'), 'c.bin': new Uint8Array([0, 255, 10]) },
    stdin: 'typed just now',
    theme: 'dark',
    lessonProgress: { 'w/l': { done: false, files: { 'x.c': bytes('lesson') } } },
  };

  it('holds only what changed since the saved state, and applying it gives the new state', () => {
    const journal = makeJournal({ state: saved, stamp: 5 }, { state: next, stamp: 9 });
    expect(journal.base).toBe(5);
    expect(journal.stamp).toBe(9);
    expect(Object.keys(journal.files).sort()).toEqual(['b.c', 'c.bin']);
    expect(journal.deleted).toEqual(['gone.txt']);
    expect(Object.keys(journal.fields).sort()).toEqual(['lessonProgress', 'stdin']);
    const applied = applyJournal(saved, journal);
    expect(applied).toEqual(next);
    expect(applyJournal(applied, journal)).toEqual(next);
  });

  it('with no saved state holds the whole state', () => {
    const journal = makeJournal(null, { state: next, stamp: 3 });
    expect(journal.base).toBeNull();
    expect(applyJournal({ files: {} }, journal)).toEqual(next);
  });

  it('goes through Web Storage text with its bytes intact, wherever they are', () => {
    const journal = makeJournal({ state: saved, stamp: 1 }, { state: next, stamp: 2 });
    const back = decodeJournal(encodeJournal(journal));
    expect(back).toEqual(journal);
    expect(back?.files['c.bin']).toBeInstanceOf(Uint8Array);
    expect(applyJournal(saved, back!)).toEqual(next);
  });

  it('reads anything else as no journal', () => {
    for (const text of ['', 'null', '{', '{"stamp":"1"}', '[]', '{"base":null,"stamp":1}'])
      expect(decodeJournal(text)).toBeNull();
  });
});
