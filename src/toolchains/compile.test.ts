import { beforeAll, describe, expect, it } from 'vitest';
import { changedFile, text } from '../engine/test-support/sandbox-run.ts';
import { buildWantedPreludes, compile, preloadToolchain } from './compile.ts';
import { PreludeHeaders } from './clang/prelude-pch.ts';
import { compileUnitFor } from './language.ts';
import { moduleOf, runModule } from './test-support/run-module.ts';
import type { CompileRequest, ToolchainProgress } from './types.ts';

// Clang takes seconds to load in Node and C++ compiles take seconds more: one load for the whole file.
const progress: ToolchainProgress[] = [];
beforeAll(() => preloadToolchain('c', (p) => progress.push(p)), 120_000);

const SLOW = 120_000;

const c = (files: Record<string, string>, sources = Object.keys(files), more: Partial<CompileRequest> = {}) =>
  compile({ language: 'c', files, sources, ...more });

describe('compile (clang)', () => {
  it('reported download progress while clang loaded', () => {
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.toolchain).toBe('clang');
    expect(last.totalBytes).toBeGreaterThan(0);
    expect(last.doneBytes).toBe(last.totalBytes);
  });

  it(
    'compiles C that reads stdin and a file channel and writes a file channel',
    { timeout: SLOW },
    async () => {
      const source = `#include <stdio.h>
int main(void) {
  char line[64], data[64];
  FILE *in = fopen("/dev/input", "r"), *out = fopen("/dev/output", "w");
  if (!in || !out || !fgets(line, sizeof line, stdin) || !fgets(data, sizeof data, in)) return 2;
  fprintf(out, "stdin=%s", line);
  printf("file=%s", data);
  return 0;
}
`;
      const result = await c({ 'prog.c': source });
      expect(result).toMatchObject({ ok: true, diagnostics: [], log: '' });
      const report = runModule(moduleOf(result), {
        stdin: 'from stdin\n',
        channels: [
          'Channel = data.txt, /dev/input, 0, 0, 10, 1024, 0, 0',
          'Channel = out.txt, /dev/output, 0, 0, 0, 0, 10, 1024',
        ],
        files: { 'data.txt': 'from a file\n' },
      });
      expect(text(report.stdout)).toBe('file=from a file\n');
      expect(text(changedFile(report, 'out.txt'))).toBe('stdin=from stdin\n');
    },
  );

  it('builds a two-file project whose sources share a header', { timeout: SLOW }, async () => {
    const files = {
      'src/main.c':
        '#include <stdio.h>\n#include "util.h"\nint main(void) { printf("%d\\n", twice(21)); return 0; }\n',
      'src/util.c': '#include "util.h"\nint twice(int x) { return 2 * x; }\n',
      'src/util.h': 'int twice(int x);\n',
      'other/skip.c': 'this is not C and is not compiled',
    };
    const unit = compileUnitFor(files, 'src/main.c')!;
    const result = await compile({ language: unit.language, files, sources: unit.sources });
    expect(text(runModule(moduleOf(result)).stdout)).toBe('42\n');
  });

  it('finds headers by project path from the root, also through ../', { timeout: SLOW }, async () => {
    const files = {
      'src/main.c': '#include "inc/a.h"\n#include "../inc/b.h"\nint main(void) { return A + B - 3; }\n',
      'inc/a.h': '#define A 1\n',
      'inc/b.h': '#define B 2\n',
    };
    const result = await c(files, ['src/main.c']);
    expect(result.diagnostics).toEqual([]);
    expect(runModule(moduleOf(result)).exitCode).toBe(0);
  });

  it('compiles C++ with std::map and std::cout', { timeout: SLOW }, async () => {
    const source = `#include <iostream>
#include <map>
#include <string>
int main() {
  std::map<std::string, int> counts;
  for (std::string word; std::cin >> word;) ++counts[word];
  for (const auto &[word, n] : counts) std::cout << word << ' ' << n << '\\n';
}
`;
    const result = await compile({ language: 'cpp', files: { 'wc.cpp': source }, sources: ['wc.cpp'] });
    const report = runModule(moduleOf(result), { stdin: 'b a b c b a' });
    expect(text(report.stdout)).toBe('a 2\nb 3\nc 1\n');
  });

  it(
    'compiles C++ again with <iostream> precompiled, to a module that behaves the same',
    { timeout: SLOW * 2 },
    async () => {
      const preludes = new PreludeHeaders();
      const files = {
        'app/main.cpp':
          '#include <iostream>\n#include "greet.h"\nint main() { std::cout << greeting() << std::endl; }\n',
        'app/greet.h': 'inline const char *greeting() { return "hi from C++"; }\n',
      };
      const request: CompileRequest = { language: 'cpp', files, sources: ['app/main.cpp'] };
      const first = await compile(request, { preludes });
      expect(preludes.pending).toBe(true);
      await buildWantedPreludes(preludes);
      expect(preludes.pending).toBe(false);
      expect(
        preludes.use(['--target=wasm32-wasip1', '-Wall', '-fno-color-diagnostics', '-O2', '-fno-exceptions']),
      ).toBeDefined();
      const second = await compile(request, { preludes });
      for (const result of [first, second])
        expect(text(runModule(moduleOf(result)).stdout)).toBe('hi from C++\n');
      // An error is still reported at its own line with the prelude in use.
      const broken = await compile(
        {
          ...request,
          files: { ...files, 'app/main.cpp': '#include <iostream>\nint main() { std::cout << nope; }\n' },
        },
        { preludes },
      );
      expect(broken.ok).toBe(false);
      expect(broken.diagnostics[0]).toMatchObject({ file: 'app/main.cpp', line: 2, severity: 'error' });
    },
  );

  it('compiles at -O0 and -O2 to different modules that behave the same', { timeout: SLOW }, async () => {
    const files = {
      'sum.c':
        '#include <stdio.h>\nint main(void) { long s = 0; for (int i = 1; i <= 100; i++) s += i; printf("%ld\\n", s); }\n',
    };
    const o0 = moduleOf(await c(files, ['sum.c'], { optimize: 'O0' }));
    const o2 = moduleOf(await c(files, ['sum.c'], { optimize: 'O2' }));
    expect(o0).not.toEqual(o2);
    expect(text(runModule(o0).stdout)).toBe('5050\n');
    expect(text(runModule(o2).stdout)).toBe('5050\n');
  });

  it('passes extra flags to clang', { timeout: SLOW }, async () => {
    const files = { 'm.c': '#include <stdio.h>\nint main(void) { int unused; puts(WORD); }\n' };
    const defined = await c(files, ['m.c'], { extraFlags: ['-DWORD="hi"'] });
    expect(text(runModule(moduleOf(defined)).stdout)).toBe('hi\n');
    const strict = await c(files, ['m.c'], { extraFlags: ['-DWORD="hi"', '-Werror'] });
    expect(strict.ok).toBe(false);
    expect(strict.diagnostics[0]).toMatchObject({ file: 'm.c', line: 2, severity: 'error' });
  });
});

describe('compile errors (clang)', () => {
  it('puts a syntax error on the right file and line', { timeout: SLOW }, async () => {
    const files = {
      'src/main.c': '#include "util.h"\nint main(void) { return twice(1) - 2; }\n',
      'src/util.c': '#include "util.h"\n\nint twice(int x) {\n  return 2 * x\n}\n',
      'src/util.h': 'int twice(int x);\n',
    };
    const result = await c(files, ['src/main.c', 'src/util.c']);
    expect(result.ok).toBe(false);
    expect(result.wasm).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        file: 'src/util.c',
        line: 4,
        column: 15,
        severity: 'error',
        message: "expected ';' after return statement",
      },
    ]);
    expect(result.log).toContain("src/util.c:4:15: error: expected ';' after return statement");
  });

  it('reports a warning as a warning and still produces the module', { timeout: SLOW }, async () => {
    const result = await c({ 'w.c': 'int main(void) {\n  int unused;\n  return 0;\n}\n' });
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        file: 'w.c',
        line: 2,
        column: 7,
        severity: 'warning',
        message: "unused variable 'unused' [-Wunused-variable]",
      },
    ]);
    expect(runModule(moduleOf(result)).exitCode).toBe(0);
  });

  it('reports a link error (undefined function) without a file', { timeout: SLOW }, async () => {
    const result = await c({ 'app/main.c': 'int missing(void);\nint main(void) { return missing(); }\n' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        line: 0,
        column: 0,
        severity: 'error',
        message: 'main.o: undefined symbol: missing',
        origin: 'wasm-ld',
      },
    ]);
  });

  it(
    'reports a missing header, an unknown flag and a missing source without throwing',
    { timeout: SLOW },
    async () => {
      const header = await c({ 'h.c': '#include "nope.h"\nint main(void) { return 0; }\n' });
      expect(header.diagnostics).toMatchObject([{ file: 'h.c', line: 1, column: 10, severity: 'error' }]);
      const flag = await c({ 'f.c': 'int main(void) { return 0; }\n' }, ['f.c'], {
        extraFlags: ['-fnot-a-flag'],
      });
      expect(flag).toMatchObject({ ok: false, diagnostics: [{ severity: 'error', origin: 'clang' }] });
      const missing = await c({}, ['gone.c']);
      expect(missing).toMatchObject({
        ok: false,
        diagnostics: [{ severity: 'error', message: 'not in the project: gone.c' }],
      });
    },
  );
});
