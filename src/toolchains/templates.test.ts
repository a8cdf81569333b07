import { beforeAll, describe, expect, it } from 'vitest';
import { text } from '../engine/test-support/sandbox-run.ts';
import { compile, preloadToolchain } from './compile.ts';
import { compileUnitFor } from './language.ts';
import { templateFor } from './templates.ts';
import { moduleOf, runModule, runPython } from './test-support/run-module.ts';

// Every template must compile cleanly (no warnings) and greet the name on stdin, or "world" without one.
beforeAll(() => preloadToolchain('c'), 120_000);

const SLOW = 120_000;

async function build(path: string): Promise<Uint8Array> {
  const files = { [path]: templateFor(path)! };
  const unit = compileUnitFor(files, path)!;
  const result = await compile({ language: unit.language, files, sources: unit.sources });
  expect(result.diagnostics).toEqual([]);
  return moduleOf(result);
}

describe('templateFor', () => {
  it('has templates for C, C++, WAT and Python sources only', () => {
    for (const path of ['a.c', 'a.cc', 'a.cpp', 'a.cxx', 'a.wat', 'a.py'])
      expect(templateFor(path)).toBeTruthy();
    for (const path of ['a.h', 'a.hpp', 'a.wasm', 'a.manifest', 'a.txt'])
      expect(templateFor(path)).toBeUndefined();
  });

  for (const path of ['hello.c', 'hello.cpp', 'hello.wat']) {
    it(`${path} greets its stdin, or the world`, { timeout: SLOW }, async () => {
      const wasm = await build(path);
      const named = runModule(wasm, { stdin: 'Ada\n' });
      expect([text(named.stdout), text(named.stderr)]).toEqual(['Hello, Ada!\n', 'greeted Ada\n']);
      const empty = runModule(wasm, { stdin: '' });
      expect([text(empty.stdout), text(empty.stderr)]).toEqual(['Hello, world!\n', 'greeted world\n']);
    });
  }

  it('hello.py greets its stdin, or the world, on the Python runtime', { timeout: SLOW }, () => {
    const script = templateFor('hello.py')!;
    const named = runPython(script, { stdin: 'Grace Hopper\r\n' });
    expect([text(named.stdout), text(named.stderr)]).toEqual([
      'Hello, Grace Hopper!\n',
      'greeted Grace Hopper\n',
    ]);
    expect(text(runPython(script).stdout)).toBe('Hello, world!\n');
  });
});
