import { describe, expect, it } from 'vitest';
import { markersOf } from './build-slice.ts';

describe('markersOf', () => {
  it('turns located compiler messages into markers by file; notes show as warnings that say so', () => {
    expect(
      markersOf([
        { file: 'main.c', line: 4, column: 34, severity: 'error', message: "expected ';'" },
        { file: 'main.c', line: 2, column: 0, severity: 'note', message: 'declared here' },
        { line: 0, column: 0, severity: 'error', message: 'undefined symbol: twice' },
      ]),
    ).toEqual({
      'main.c': [
        { line: 4, column: 34, endColumn: 35, severity: 'error', message: "expected ';'" },
        { line: 2, column: 1, endColumn: 2, severity: 'warning', message: 'note: declared here' },
      ],
    });
  });
});
