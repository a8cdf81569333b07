import { describe, expect, it } from 'vitest';
import { scrollTargetFor } from './trace-keys.ts';

const box = { scrollTop: 0, viewport: 220, max: 22_000, row: 22 };

describe('scrollTargetFor', () => {
  it('moves one row with the arrows, aligned to rows', () => {
    expect(scrollTargetFor('ArrowDown', box)).toBe(22);
    expect(scrollTargetFor('ArrowDown', { ...box, scrollTop: 30 })).toBe(44);
    expect(scrollTargetFor('ArrowUp', { ...box, scrollTop: 30 })).toBe(22);
    expect(scrollTargetFor('ArrowUp', { ...box, scrollTop: 44 })).toBe(22);
    expect(scrollTargetFor('ArrowUp', box)).toBe(0);
  });

  it('moves a page less one row with PageUp/PageDown', () => {
    expect(scrollTargetFor('PageDown', box)).toBe(9 * 22);
    expect(scrollTargetFor('PageUp', { ...box, scrollTop: 9 * 22 })).toBe(0);
    expect(scrollTargetFor('PageDown', { ...box, viewport: 10 })).toBe(22);
  });

  it('stays within the scroll range and goes to the ends with Home/End', () => {
    expect(scrollTargetFor('ArrowDown', { ...box, scrollTop: 22_000 })).toBe(22_000);
    expect(scrollTargetFor('PageDown', { ...box, scrollTop: 21_990 })).toBe(22_000);
    expect(scrollTargetFor('Home', { ...box, scrollTop: 500 })).toBe(0);
    expect(scrollTargetFor('End', box)).toBe(22_000);
    expect(scrollTargetFor('End', { ...box, max: -5 })).toBe(0);
    expect(scrollTargetFor('a', box)).toBeNull();
  });
});
