import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, makeTempDir, removeTempDirs, zvm } from './cli-test-support.ts';

// `zvm compile`: every test spawns the real CLI, which loads clang (seconds) before compiling.
const SLOW = 120_000;
const compileIn = (cwd: string, args: string[], input = '') =>
  zvm(['compile', ...args], { cwd, input, timeout: SLOW });

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'src/main.c'),
    '#include <stdio.h>\n#include "util.h"\nint main(void) { printf("%d\\n", twice(21)); return 0; }\n',
  );
  writeFileSync(join(dir, 'src/util.c'), '#include "util.h"\nint twice(int x) { return 2 * x; }\n');
  writeFileSync(join(dir, 'src/util.h'), 'int twice(int x);\n');
});
afterAll(removeTempDirs);

describe('zvm compile (C and C++)', () => {
  it('compiles a two-file C program with its header, silently, into -o', { timeout: SLOW }, () => {
    expect(compileIn(dir, ['src/main.c', 'src/util.c', '-o', 'two.wasm'])).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    expect(zvm(['exec', 'two.wasm'], { cwd: dir })).toMatchObject({ status: 0, stdout: '42\n' });
  });

  it('writes SRC.wasm beside the source without -o, at -O0 too', { timeout: SLOW }, () => {
    const result = compileIn(join(dir, 'src'), ['-O0', 'main.c', 'util.c']);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'src/main.wasm'))).toBe(true);
    expect(zvm(['exec', 'src/main.wasm'], { cwd: dir }).stdout).toBe('42\n');
  });

  it('passes the flags after -- to clang', { timeout: SLOW }, () => {
    writeFileSync(join(dir, 'greet.c'), '#include <stdio.h>\nint main(void) { puts(GREETING); return 0; }\n');
    const result = compileIn(dir, ['greet.c', '-o', 'greet.wasm', '--', '-DGREETING="hi there"', '-O1']);
    expect(result.status).toBe(0);
    expect(zvm(['exec', 'greet.wasm'], { cwd: dir }).stdout).toBe('hi there\n');
  });

  it('compiles C++ with iostream and std::map', { timeout: SLOW }, () => {
    writeFileSync(
      join(dir, 'count.cpp'),
      '#include <iostream>\n#include <map>\n#include <string>\nint main() {\n' +
        '  std::map<std::string, int> n;\n  for (std::string w; std::cin >> w;) ++n[w];\n' +
        "  for (auto &[w, c] : n) std::cout << w << ':' << c << '\\n';\n}\n",
    );
    expect(compileIn(dir, ['count.cpp', '-o', 'count.wasm']).status).toBe(0);
    expect(zvm(['exec', 'count.wasm'], { cwd: dir, input: 'b a b' }).stdout).toBe('a:1\nb:2\n');
  });
});

describe('zvm compile diagnostics', () => {
  it('prints a syntax error as file:line:col: error: and exits 1 without writing', { timeout: SLOW }, () => {
    writeFileSync(join(dir, 'bad.c'), 'int main(void) {\n  return 0\n}\n');
    const result = compileIn(dir, ['bad.c', '-o', 'bad.wasm']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)[0]).toBe("bad.c:2:11: error: expected ';' after return statement");
    expect(existsSync(join(dir, 'bad.wasm'))).toBe(false);
  });

  it('names files outside the current folder by their path from it', { timeout: SLOW }, () => {
    const result = compileIn(join(dir, 'src'), ['../bad.c', '-o', 'x.wasm']);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)[0]).toBe("../bad.c:2:11: error: expected ';' after return statement");
  });

  it('shows warnings and still succeeds', { timeout: SLOW }, () => {
    writeFileSync(join(dir, 'warn.c'), 'int main(void) {\n  int unused;\n  return 0;\n}\n');
    const result = compileIn(dir, ['warn.c', '-o', 'warn.wasm']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("warn.c:2:7: warning: unused variable 'unused' [-Wunused-variable]\n");
  });

  it('reports a link error (an undefined function) with exit 1', { timeout: SLOW }, () => {
    const result = compileIn(join(dir, 'src'), ['main.c', '-o', 'alone.wasm']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^wasm-ld: error: .*undefined symbol: twice$/m);
  });
});

describe('zvm compile (WAT)', () => {
  it('assembles WAT, and reports its errors with line and column', () => {
    writeFileSync(
      join(dir, 'hi.wat'),
      '(module\n  (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))\n' +
        '  (memory (export "memory") 1)\n  (data (i32.const 16) "wat\\n")\n  (func (export "_start")\n' +
        '    (i32.store (i32.const 0) (i32.const 16))\n    (i32.store (i32.const 4) (i32.const 4))\n' +
        '    (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))\n',
    );
    expect(zvm(['compile', 'hi.wat', '-o', 'hi.wasm'], { cwd: dir })).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    expect(zvm(['exec', 'hi.wasm'], { cwd: dir }).stdout).toBe('wat\n');
    writeFileSync(join(dir, 'oops.wat'), '(module\n  (func\n    i32.nope))\n');
    const failed = zvm(['compile', 'oops.wat'], { cwd: dir });
    expect(failed.status).toBe(1);
    expect(lines(failed.stderr)[0]).toMatch(/^oops\.wat:3:5: error: /);
    expect(readFileSync(join(dir, 'hi.wasm')).subarray(0, 4)).toEqual(Buffer.from('\0asm'));
  });
});

describe('zvm compile usage', () => {
  const usage = (args: string[]) => zvm(['compile', ...args], { cwd: dir });
  it('exits 2 with one line for each kind of mistake', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /^zvm compile: usage: zvm compile SRC/],
      [['src/main.c', '-O3'], /unknown option -O3 \(clang flags go after --\)/],
      [['src/main.c', '-o'], /-o needs a file name/],
      [['src/util.h'], /src\/util\.h is not a C, C\+\+ or WAT source/],
      [['notes.txt'], /notes\.txt is not a C, C\+\+ or WAT source/],
      [['src/main.c', 'count.cpp'], /the sources must all be in one language/],
      [['hi.wat', 'oops.wat'], /WAT compiles one file at a time/],
      [['missing.c'], /cannot read missing\.c/],
    ];
    for (const [args, message] of cases) {
      const result = usage(args);
      expect([args, result.status, lines(result.stderr)]).toEqual([
        args,
        2,
        [expect.stringMatching(message)],
      ]);
    }
  });
});
