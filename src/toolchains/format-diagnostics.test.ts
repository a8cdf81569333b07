import { describe, expect, it } from 'vitest';
import { formatCompilerDiagnostic } from './format-diagnostics.ts';

describe('formatCompilerDiagnostic', () => {
  it('prints file:line:col: severity: message', () => {
    const d = { file: 'src/main.c', line: 3, column: 5, severity: 'error', message: "expected ';'" } as const;
    expect(formatCompilerDiagnostic(d)).toBe("src/main.c:3:5: error: expected ';'");
  });

  it('leaves out unknown positions, and uses the origin when there is no project file', () => {
    expect(
      formatCompilerDiagnostic({ file: 'a.c', line: 2, column: 0, severity: 'note', message: 'm' }),
    ).toBe('a.c:2: note: m');
    expect(
      formatCompilerDiagnostic({
        line: 0,
        column: 0,
        severity: 'error',
        message: 'main.o: undefined symbol: f',
        origin: 'wasm-ld',
      }),
    ).toBe('wasm-ld: error: main.o: undefined symbol: f');
    expect(formatCompilerDiagnostic({ line: 0, column: 0, severity: 'warning', message: 'w' })).toBe(
      'warning: w',
    );
  });
});
