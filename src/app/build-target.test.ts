import { describe, expect, it } from 'vitest';
import { STDIO_CHANNELS, manifestText } from '../engine/test-support/sandbox-run.ts';
import { buildKey, buildTargetFor, compileRequestFor } from './build-target.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const files = (entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).map(([p, t]) => [p, enc(t)]));

const MAIN = 'int main(void) { return 0; }\n';

describe('buildTargetFor', () => {
  it('compiles a C file with the parts beside it, but not a second program', () => {
    const project = files({
      'main.c': MAIN,
      'util.c': 'int twice(int x) { return 2 * x; }',
      'greet.c': MAIN,
      'util.h': '',
    });
    expect(buildTargetFor(project, 'main.c')).toEqual({
      language: 'c',
      sources: ['main.c', 'util.c'],
      output: 'main.wasm',
    });
    expect(buildTargetFor(project, 'greet.c')).toEqual({
      language: 'c',
      sources: ['greet.c', 'util.c'],
      output: 'greet.wasm',
    });
  });

  it('builds the source behind a manifest Program, and nothing for a prebuilt one', () => {
    const manifest = manifestText(STDIO_CHANNELS, { program: 'hello.wasm' });
    const withSource = files({ 'app/hello.manifest': manifest, 'app/hello.cpp': MAIN });
    expect(buildTargetFor(withSource, 'app/hello.manifest')).toEqual({
      language: 'cpp',
      sources: ['app/hello.cpp'],
      output: 'app/hello.wasm',
    });
    expect(buildTargetFor(files({ 'hello.manifest': manifest }), 'hello.manifest')).toBeUndefined();
    expect(buildTargetFor(files({ 'a.wasm': '', 'a.c': MAIN }), 'a.wasm')).toBeUndefined();
    expect(buildTargetFor(files({ 'a.py': '' }), 'a.py')).toBeUndefined();
    expect(buildTargetFor(files({ 'a.wat': '(module)' }), 'a.wat')).toEqual({
      language: 'wat',
      sources: ['a.wat'],
      output: 'a.wasm',
    });
  });
});

describe('compileRequestFor and buildKey', () => {
  it('lets C see every C-family file of the project, and WAT only its module', () => {
    const project = files({ 'main.c': MAIN, 'lib/x.h': '', 'notes.txt': '', 'a.wat': '(module)' });
    const c = compileRequestFor(project, { language: 'c', sources: ['main.c'], output: 'main.wasm' }, 'O0');
    expect(Object.keys(c.files).sort()).toEqual(['lib/x.h', 'main.c']);
    expect(c.optimize).toBe('O0');
    const wat = compileRequestFor(project, { language: 'wat', sources: ['a.wat'], output: 'a.wasm' }, 'O2');
    expect(Object.keys(wat.files)).toEqual(['a.wat']);
  });

  it('changes when a visible file, a flag or the sources change, and only then', () => {
    const target = { language: 'c' as const, sources: ['main.c'], output: 'main.wasm' };
    const project = files({ 'main.c': MAIN, 'x.h': '' });
    const key = buildKey(compileRequestFor(project, target, 'O2'));
    expect(buildKey(compileRequestFor({ ...project }, target, 'O2'))).toBe(key);
    expect(buildKey(compileRequestFor({ ...project, 'x.h': enc('#define X') }, target, 'O2'))).not.toBe(key);
    expect(buildKey(compileRequestFor(project, target, 'O0'))).not.toBe(key);
    expect(buildKey(compileRequestFor({ ...project, 'notes.txt': enc('x') }, target, 'O2'))).toBe(key);
  });
});
