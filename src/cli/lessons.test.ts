import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs, zvm } from './cli-test-support.ts';

// `zvm lessons DIR` on small WAT lessons (wabt compiles in milliseconds, unlike clang).
const SLOW = 120_000;

const HELLO_WAT = (text: string) => `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "${text}")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const ${text.replace(/\\n/g, '\n').length}))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
`;

const LESSON_MD = `---
title: Say hi
goal: Print hi on stdout.
minutes: 1
run: quick
run-file: hi.wat
files-open: [hi.wat]
---

Print it.
`;

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
  const lesson = (start: string, solution: string) => ({
    'lesson.md': LESSON_MD,
    'check.json': JSON.stringify({ expect: [{ exit: 'ok' }, { stdout: { equals: 'hi\n' } }] }),
    'start/hi.wat': HELLO_WAT(start),
    'solution/hi.wat': HELLO_WAT(solution),
  });
  const prefixed = (prefix: string, files: Record<string, string>) =>
    Object.fromEntries(Object.entries(files).map(([path, text]) => [`${prefix}/${path}`, text]));
  writeTree(join(dir, 'good'), {
    'w/workshop.json': JSON.stringify({ title: 'W', description: 'D', lessons: ['01-hi'] }),
    ...prefixed('w/01-hi', lesson('', 'hi\\n')),
  });
  writeTree(join(dir, 'bad'), {
    'w/workshop.json': JSON.stringify({
      title: 'W',
      description: 'D',
      lessons: ['01-hi', '02-same', '03-broken'],
    }),
    ...prefixed('w/01-hi', lesson('', 'hi\\n')),
    ...prefixed('w/02-same', lesson('hi\\n', 'hi\\n')),
    ...prefixed('w/03-broken', { ...lesson('', 'hi\\n'), 'check.json': '{"expect": [{"exit": "fine"}]}' }),
  });
});
afterAll(removeTempDirs);

describe('zvm lessons', () => {
  it('passes when every solution passes and every start fails', { timeout: SLOW }, () => {
    const result = zvm(['lessons', join(dir, 'good')], { timeout: SLOW });
    expect(result.stdout).toMatch(/^✓ w\/01-hi\nzvm lessons: all 1 lessons pass \([\d.]+ s\)\n$/);
    expect(result.status).toBe(0);
  });

  it('names each broken lesson and why, and exits 1', { timeout: SLOW }, () => {
    const result = zvm(['lessons', join(dir, 'bad')], { timeout: SLOW });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('✓ w/01-hi');
    expect(lines[1]).toBe('✗ w/02-same: start passes the check (it must fail)');
    expect(lines[2]).toMatch(/^✗ w\/03-broken: .*\/w\/03-broken\/check\.json: expect\[0\]\.exit: /);
    expect(lines[3]).toMatch(/^zvm lessons: 2 of 3 lessons broken/);
    expect(result.status).toBe(1);
  });

  it('exits 2 on a usage mistake', () => {
    expect(zvm(['lessons', join(dir, 'nowhere')]).status).toBe(2);
    expect(zvm(['lessons', dir, 'extra']).status).toBe(2);
    expect(zvm(['lessons', '--fast']).stderr).toMatch(/usage: zvm lessons/);
  });
});
