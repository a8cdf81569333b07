import { describe, expect, it } from 'vitest';
import { compileUnitFor, isCompilable, isHeader, languageOf } from './language.ts';

describe('languageOf', () => {
  it('knows every extension the playground handles, in any case', () => {
    const cases: Array<[string, string | undefined]> = [
      ['src/main.c', 'c'],
      ['util.h', 'c'],
      ['a.cc', 'cpp'],
      ['a.cpp', 'cpp'],
      ['a.CXX', 'cpp'],
      ['a.hpp', 'cpp'],
      ['a.hh', 'cpp'],
      ['m.wat', 'wat'],
      ['main.py', 'python'],
      ['out/prog.wasm', 'wasm'],
      ['notes.txt', undefined],
      ['Makefile', undefined],
      ['.c', undefined],
    ];
    for (const [path, language] of cases) expect([path, languageOf(path)]).toEqual([path, language]);
  });

  it('tells compilable files and headers apart', () => {
    expect(['a.c', 'a.h', 'a.cpp', 'a.wat'].every(isCompilable)).toBe(true);
    expect(['a.py', 'a.wasm', 'a.txt'].some(isCompilable)).toBe(false);
    expect(['a.h', 'a.hpp', 'a.hh', 'a.hxx'].every(isHeader)).toBe(true);
    expect(['a.c', 'a.cc', 'a.wat'].some(isHeader)).toBe(false);
  });
});

describe('compileUnitFor', () => {
  const files = {
    'src/main.c': '',
    'src/util.c': '',
    'src/util.h': '',
    'src/sub/other.c': '',
    'src/notes.txt': '',
    'top.c': '',
    'cpp/app.cpp': '',
    'cpp/lib.cc': '',
    'cpp/lib.hpp': '',
    'cpp/legacy.c': '',
    'cpp/api.h': '',
    'mixed/b.c': '',
    'mixed/a.c': '',
    'mixed/a.h': '',
    'lonely/x.h': '',
    'w/mod.wat': '',
    'w/other.wat': '',
    'py/main.py': '',
  };

  it('compiles a C entry with every .c file of its folder (not subfolders) into STEM.wasm', () => {
    expect(compileUnitFor(files, 'src/util.c')).toEqual({
      language: 'c',
      sources: ['src/main.c', 'src/util.c'],
      output: 'src/util.wasm',
    });
    expect(compileUnitFor(files, 'top.c')).toEqual({ language: 'c', sources: ['top.c'], output: 'top.wasm' });
  });

  it('compiles a C++ entry with the C++ sources of its folder only', () => {
    expect(compileUnitFor(files, 'cpp/app.cpp')).toEqual({
      language: 'cpp',
      sources: ['cpp/app.cpp', 'cpp/lib.cc'],
      output: 'cpp/app.wasm',
    });
  });

  it('maps a header to its folder: C sources first, named after main.* or the first source', () => {
    expect(compileUnitFor(files, 'src/util.h')).toEqual({
      language: 'c',
      sources: ['src/main.c', 'src/util.c'],
      output: 'src/main.wasm',
    });
    expect(compileUnitFor(files, 'mixed/a.h')?.output).toBe('mixed/a.wasm');
    expect(compileUnitFor(files, 'cpp/lib.hpp')).toEqual({
      language: 'cpp',
      sources: ['cpp/app.cpp', 'cpp/lib.cc'],
      output: 'cpp/app.wasm',
    });
    expect(compileUnitFor(files, 'cpp/api.h')?.language).toBe('c');
    expect(compileUnitFor({ 'k/a.h': '', 'k/z.cpp': '' }, 'k/a.h')).toEqual({
      language: 'cpp',
      sources: ['k/z.cpp'],
      output: 'k/z.wasm',
    });
    expect(compileUnitFor(files, 'lonely/x.h')).toBeUndefined();
  });

  it('compiles WAT one file at a time, and nothing else at all', () => {
    expect(compileUnitFor(files, 'w/mod.wat')).toEqual({
      language: 'wat',
      sources: ['w/mod.wat'],
      output: 'w/mod.wasm',
    });
    expect(compileUnitFor(files, 'py/main.py')).toBeUndefined();
    expect(compileUnitFor(files, 'src/notes.txt')).toBeUndefined();
  });

  it('includes the entry even when the file list does not name it yet', () => {
    expect(compileUnitFor({}, 'new.c')).toEqual({ language: 'c', sources: ['new.c'], output: 'new.wasm' });
  });
});
