import { describe, expect, it } from 'vitest';
import { parseClangDiagnostics } from './diagnostics.ts';

// Logs captured from @yowasp/clang 22 (`--target=wasm32-wasip1 -Wall -fno-color-diagnostics`).
const paths = (...projectPaths: string[]): Map<string, string> => new Map(projectPaths.map((p) => [p, p]));

describe('parseClangDiagnostics', () => {
  it('reads errors and warnings of several files, with their positions', () => {
    const log = [
      "src/main.c:3:21: warning: unused variable 'x' [-Wunused-variable]",
      '    3 | int main(void){ int x; printf("%d\\n", twice(3)); return 0; }',
      '      |                     ^',
      '1 warning generated.',
      "src/util.c:2:29: error: expected ';' after return statement",
      '    2 | int twice(int a){ return a*2 }',
      '      |                             ^',
      '      |                             ;',
      '1 error generated.',
      '',
    ].join('\n');
    expect(parseClangDiagnostics(log, paths('src/main.c', 'src/util.c', 'src/util.h'))).toEqual([
      {
        file: 'src/main.c',
        line: 3,
        column: 21,
        severity: 'warning',
        message: "unused variable 'x' [-Wunused-variable]",
      },
      {
        file: 'src/util.c',
        line: 2,
        column: 29,
        severity: 'error',
        message: "expected ';' after return statement",
      },
    ]);
  });

  it('counts a fatal error as an error', () => {
    const log = [
      "src/main.c:1:10: fatal error: 'missing.h' file not found",
      '    1 | #include "missing.h"',
      '      |          ^~~~~~~~~~~',
      '1 error generated.',
    ].join('\n');
    expect(parseClangDiagnostics(log, paths('src/main.c'))).toEqual([
      { file: 'src/main.c', line: 1, column: 10, severity: 'error', message: "'missing.h' file not found" },
    ]);
  });

  it('maps the paths clang opened (./x, a/../x) back to project paths', () => {
    const log = [
      'In file included from src/b.c:1:',
      "./inc/util.h:1:31: warning: unused variable 'unused' [-Wunused-variable]",
      'In file included from main.c:1:',
      "./../inc/util.h:1:31: warning: unused variable 'unused' [-Wunused-variable]",
    ].join('\n');
    const files = new Map([
      ['inc/util.h', './inc/util.h'],
      ['src/b.c', 'src/b.c'],
    ]);
    expect(parseClangDiagnostics(log, files).map((d) => [d.file, d.line, d.column])).toEqual([
      ['./inc/util.h', 1, 31],
      ['./inc/util.h', 1, 31],
    ]);
  });

  it('keeps positions in system headers as the origin, not as a project file', () => {
    const log = [
      "main.c:2:43: error: incompatible integer to pointer conversion passing 'int' to parameter of type 'const char *' [-Wint-conversion]",
      '    2 | int main(void){ printf("%d\\n", "x"); puts(1); return 0; }',
      '      |                                           ^',
      '/usr/include/wasm32-wasip1/stdio.h:124:22: note: passing argument to parameter here',
      '  124 | int puts(const char *);',
      '      |                      ^',
    ].join('\n');
    const [error, note] = parseClangDiagnostics(log, paths('main.c'));
    expect(error).toMatchObject({ file: 'main.c', line: 2, column: 43, severity: 'error' });
    expect(note).toEqual({
      line: 0,
      column: 0,
      severity: 'note',
      message: 'passing argument to parameter here',
      origin: '/usr/include/wasm32-wasip1/stdio.h:124:22',
    });
  });

  it('reports linker errors without a file, naming the object after its source', () => {
    const log = 'wasm-ld: error: /tmp/main-62bf3f.o: undefined symbol: undefined_fn\n';
    expect(parseClangDiagnostics(log, paths('src/main.c'))).toEqual([
      {
        line: 0,
        column: 0,
        severity: 'error',
        message: 'main.o: undefined symbol: undefined_fn',
        origin: 'wasm-ld',
      },
    ]);
    const duplicate = [
      'wasm-ld: error: duplicate symbol: main',
      '>>> defined in /tmp/main-62bf3f.o',
      '>>> defined in /tmp/other-a6b4e4.o',
      '',
    ].join('\n');
    expect(parseClangDiagnostics(duplicate, paths())).toEqual([
      { line: 0, column: 0, severity: 'error', message: 'duplicate symbol: main', origin: 'wasm-ld' },
    ]);
  });

  it("reports the driver's own errors, and ignores its version banner", () => {
    const log = [
      "clang: error: unknown argument: '-foo'",
      'clang version 22.1.0 (https://codeberg.org/YoWASP/llvm-project 9560ae0f2cc440e4fc891fddbc119da6f56daa59)',
      'Target: wasm32-unknown-wasip1',
      'Thread model: posix',
      'InstalledDir: ',
      'Build config: +assertions',
    ].join('\n');
    expect(parseClangDiagnostics(log, paths())).toEqual([
      { line: 0, column: 0, severity: 'error', message: "unknown argument: '-foo'", origin: 'clang' },
    ]);
  });
});
