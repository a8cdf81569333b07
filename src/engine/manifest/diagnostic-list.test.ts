import { describe, it, expect } from 'vitest';
import { DiagnosticList } from './diagnostic-list.ts';
import { hasErrors } from '../diagnostics.ts';

const AT = { text: '', column: 1, endColumn: 2 };

describe('DiagnosticList', () => {
  it('sorts by line and column, keeping insertion order for ties', () => {
    const list = new DiagnosticList();
    list.warn(3, AT, 'c');
    list.error(1, { text: '', column: 5, endColumn: 6 }, 'b');
    list.error(1, AT, 'a');
    list.warn(3, AT, 'd');
    expect(list.finish().map((d) => d.message)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('caps the list and summarises the rest with the worst severity', () => {
    const list = new DiagnosticList(5);
    for (let line = 1; line <= 10; line++) list.warn(line, AT, `w${line}`);
    list.error(11, AT, 'hidden error');
    const shown = list.finish();
    expect(shown).toHaveLength(5);
    expect(shown.slice(0, 4).map((d) => d.message)).toEqual(['w1', 'w2', 'w3', 'w4']);
    expect(shown[4]).toEqual({
      line: 5,
      column: 1,
      endColumn: 2,
      severity: 'error',
      message:
        '7 more problems not shown (1 error, 6 warnings) from this line on; fix the ones above and check again',
    });
    expect(hasErrors(shown)).toBe(true);
  });

  it('keeps pinned diagnostics even after the cap is reached', () => {
    const list = new DiagnosticList(3);
    for (let line = 2; line <= 9; line++) list.warn(line, AT, 'w');
    list.add('error', 1, AT, 'pinned', true);
    const shown = list.finish();
    expect(shown[0]?.message).toBe('pinned');
    expect(shown).toHaveLength(3);
    expect(shown[2]?.message).toMatch(/^7 more problems not shown \(0 errors, 7 warnings\)/);
    expect(shown[2]?.severity).toBe('warning');
  });
});
