import type { languages } from 'monaco-editor/editor/editor.api';
import { describe, expect, it } from 'vitest';
import { APP_LANGUAGES, languageForPath } from './index.ts';
import { jsonMonarch } from './json-language.ts';
import { manifestMonarch } from './manifest-language.ts';
import { compileStates, type LiteToken, tokenizeText } from './monarch-lite.ts';
import { nvramMonarch } from './nvram-language.ts';
import { watMonarch } from './wat-language.ts';

/** Tokens of each line as `text:token` strings, whitespace left out. */
function tokens(definition: Parameters<typeof tokenizeText>[0], text: string): string[][] {
  return tokenizeText(definition, text).map((line: LiteToken[]) => line.map((t) => `${t.text}:${t.token}`));
}

/** Every `next` an action can take, through groups and cases. */
function nextStates(action: languages.IMonarchLanguageAction): (string | undefined)[] {
  if (typeof action === 'string') return [];
  if (Array.isArray(action)) return action.flatMap(nextStates);
  const cases = Object.values((action.cases ?? {}) as Record<string, languages.IMonarchLanguageAction>);
  return [action.next, ...cases.flatMap(nextStates)];
}

describe('languageForPath', () => {
  it.each([
    ['main.c', 'c'],
    ['src/util.h', 'c'],
    ['a.cc', 'cpp'],
    ['a.cpp', 'cpp'],
    ['a.cxx', 'cpp'],
    ['include/a.hpp', 'cpp'],
    ['hello.py', 'python'],
    ['add.wat', 'wat'],
    ['spec.wast', 'wat'],
    ['hello.manifest', 'zerovm-manifest'],
    ['boot.nvram', 'zerovm-nvram'],
    ['nvram', 'zerovm-nvram'],
    ['conf/nvram', 'zerovm-nvram'],
    ['job.json', 'json'],
    ['README.md', 'markdown'],
    ['MAIN.C', 'c'],
    ['Makefile', 'plaintext'],
    ['data.txt', 'plaintext'],
    ['prog.wasm', 'plaintext'],
    ['dir.c/file', 'plaintext'],
    ['', 'plaintext'],
  ])('%s -> %s', (path, language) => {
    expect(languageForPath(path)).toBe(language);
  });

  it('maps every added language from its declared extensions', () => {
    for (const { extension } of APP_LANGUAGES) {
      for (const ext of extension.extensions ?? []) expect(languageForPath(`x${ext}`)).toBe(extension.id);
      for (const name of extension.filenames ?? []) expect(languageForPath(name)).toBe(extension.id);
    }
  });
});

describe('Monarch definitions', () => {
  it.each(APP_LANGUAGES.map((l) => [l.extension.id, l] as const))(
    '%s: every regex compiles and every state and case target exists',
    (_, language) => {
      const states = compileStates(language.monarch);
      const targets = [...states.values()].flat().flatMap((rule) => [rule.next, ...nextStates(rule.action)]);
      for (const next of targets) {
        if (next === undefined || ['@pop', '@push', '@popall'].includes(next)) continue;
        expect(states.has(next.replace(/^@/, ''))).toBe(true);
      }
      expect(language.configuration).toBeTypeOf('object');
    },
  );

  it('keeps plain data: no functions in a definition', () => {
    const hasFunction = (value: unknown): boolean =>
      typeof value === 'function' ||
      (typeof value === 'object' &&
        value !== null &&
        !(value instanceof RegExp) &&
        Object.values(value).some(hasFunction));
    for (const language of APP_LANGUAGES) expect(hasFunction(language.monarch)).toBe(false);
  });
});

describe('zerovm-manifest tokenizer', () => {
  it('highlights the key of a Channel line and splits its fields', () => {
    const fields = ['/dev/stdin:string', '/dev/stdin:string', '0:number', '0:number', '1:number', '1:number'];
    const all = [...fields, '0:number', '0:number'];
    expect(tokens(manifestMonarch, 'Channel = /dev/stdin, /dev/stdin, 0, 0, 1, 1, 0, 0')).toEqual([
      ['Channel:keyword', '=:delimiter', ...all.flatMap((f, i) => (i === 0 ? [f] : [',:delimiter', f]))],
    ]);
  });

  it('reads decimal, hex and octal numbers and leaves other values as strings', () => {
    expect(
      tokens(
        manifestMonarch,
        'Memory = 0x4000000, 010\nNameServer = udp:10.0.0.254:5544\nProgram = hello.wasm',
      ),
    ).toEqual([
      ['Memory:keyword', '=:delimiter', '0x4000000:number.hex', ',:delimiter', '010:number.octal'],
      ['NameServer:keyword', '=:delimiter', 'udp:10.0.0.254:5544:string'],
      ['Program:keyword', '=:delimiter', 'hello.wasm:string'],
    ]);
  });

  it('knows all nine keys, case-sensitively', () => {
    for (const key of [
      'Version',
      'Program',
      'Memory',
      'Timeout',
      'Channel',
      'NameServer',
      'Node',
      'Job',
      'Etag',
    ]) {
      expect(tokens(manifestMonarch, `${key} = 1`)[0]?.[0]).toBe(`${key}:keyword`);
    }
    expect(tokens(manifestMonarch, 'channel = 1')[0]?.[0]).toBe('channel:identifier');
  });

  it('treats # and == lines as comments', () => {
    expect(tokens(manifestMonarch, '# a note\n  == section ==\nTimeout = 5')).toEqual([
      ['# a note:comment'],
      ['  == section ==:comment'],
      ['Timeout:keyword', '=:delimiter', '5:number'],
    ]);
  });
});

describe('zerovm-nvram tokenizer', () => {
  it('reads headers, pairs, escapes, quoted args and comments', () => {
    const text = [
      '[args]',
      'args=prog.wasm -v "two words" a\\x2cb',
      '[fstab]',
      'channel=/dev/mount/root.tar, mountpoint=/, access=ro # read-only',
      '[time]',
      'seconds=1370454582',
    ].join('\n');
    expect(tokens(nvramMonarch, text)).toEqual([
      ['[:delimiter.bracket', 'args:metatag', ']:delimiter.bracket'],
      [
        'args:key',
        '=:delimiter',
        'prog.wasm:attribute.value',
        '-v:attribute.value',
        '":string',
        'two words:string',
        '":string',
        'a:attribute.value',
        '\\x2c:string.escape',
        'b:attribute.value',
      ],
      ['[:delimiter.bracket', 'fstab:metatag', ']:delimiter.bracket'],
      [
        'channel:key',
        '=:delimiter',
        '/dev/mount/root.tar:attribute.value',
        ',:delimiter',
        'mountpoint:key',
        '=:delimiter',
        '/:attribute.value',
        ',:delimiter',
        'access:key',
        '=:delimiter',
        'ro:attribute.value',
        '# read-only:comment',
      ],
      ['[:delimiter.bracket', 'time:metatag', ']:delimiter.bracket'],
      ['seconds:key', '=:delimiter', '1370454582:number'],
    ]);
  });

  it('does not carry a value or an unclosed quote into the next line', () => {
    expect(tokens(nvramMonarch, 'name=HOME, value="/home\n[env]')).toEqual([
      [
        'name:key',
        '=:delimiter',
        'HOME:attribute.value',
        ',:delimiter',
        'value:key',
        '=:delimiter',
        '":string',
        '/home:string',
      ],
      ['[:delimiter.bracket', 'env:metatag', ']:delimiter.bracket'],
    ]);
  });
});

describe('wat tokenizer', () => {
  it('reads a small module', () => {
    const text = [
      '(module ;; adds',
      '  (func $add (export "add") (param $a i32) (param $b i32) (result i32)',
      '    local.get $a i32.const 0x10 i32.add)',
      '  (memory 1) (data (i32.const 8) "hi\\n"))',
    ].join('\n');
    const lines = tokens(watMonarch, text);
    expect(lines[0]).toEqual(['(:delimiter.parenthesis', 'module:keyword', ';; adds:comment']);
    expect(lines[1]).toContain('$add:variable');
    expect(lines[1]).toContain('export:keyword');
    expect(lines[1]).toContain('add:string');
    expect(lines[1]).toContain('i32:type');
    expect(lines[2]).toEqual([
      'local.get:keyword',
      '$a:variable',
      'i32.const:keyword',
      '0x10:number.hex',
      'i32.add:keyword',
      '):delimiter.parenthesis',
    ]);
    expect(lines[3]).toContain('\\n:string.escape');
    expect(lines[3]).toContain('8:number');
  });

  it('nests block comments across lines', () => {
    expect(tokens(watMonarch, '(; outer (; inner ;)\nstill ;) call $f')).toEqual([
      ['(;:comment', ' outer :comment', '(;:comment', ' inner :comment', ';):comment'],
      ['still :comment', ';):comment', 'call:keyword.flow', '$f:variable'],
    ]);
  });

  it('reads float forms', () => {
    expect(tokens(watMonarch, 'f64.const -1.5e10 f32.const nan:0x200000 f32.const inf')[0]).toEqual([
      'f64.const:keyword',
      '-1.5e10:number',
      'f32.const:keyword',
      'nan:0x200000:number.float',
      'f32.const:keyword',
      'inf:number.float',
    ]);
  });
});

describe('json tokenizer', () => {
  it('tells keys from values', () => {
    expect(tokens(jsonMonarch, '{"name": "map", "count": [1, true, null]}')[0]).toEqual([
      '{:delimiter.bracket',
      '"name":string.key',
      '::delimiter',
      '"map":string.value',
      ',:delimiter',
      '"count":string.key',
      '::delimiter',
      '[:delimiter.array',
      '1:number',
      ',:delimiter',
      'true:keyword',
      ',:delimiter',
      'null:keyword',
      ']:delimiter.array',
      '}:delimiter.bracket',
    ]);
  });
});
