import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from '../test-support/fixture-cache.ts';
import {
  HEADER,
  importDesc,
  limits,
  section,
  uleb,
  vec,
  wasiCommand,
  wasm,
} from '../test-support/wasm-builder.ts';
import { readModule } from './read-module.ts';
import type { ReadModuleResult } from './read-module.ts';

const text = (s: string) => new TextEncoder().encode(s);
const reasonOf = (result: ReadModuleResult) => (result.ok ? 'ok' : result.reason);

describe('readModule', () => {
  it('lists imports of every kind, with memory limits', () => {
    const result = readModule(
      wasiCommand({
        imports: [
          { module: 'wasi_snapshot_preview1', name: 'fd_write', desc: importDesc.function() },
          { module: 'env', name: 'table', desc: importDesc.table() },
          { module: 'env', name: 'memory', desc: importDesc.memory(2, 10) },
          { module: 'env', name: 'g', desc: importDesc.global() },
          { module: 'env', name: 'e', desc: importDesc.tag() },
        ],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.info.imports).toEqual([
      { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'function' },
      { module: 'env', name: 'table', kind: 'table' },
      { module: 'env', name: 'memory', kind: 'memory' },
      { module: 'env', name: 'g', kind: 'global' },
      { module: 'env', name: 'e', kind: 'tag' },
    ]);
    expect(result.info.memories).toEqual([
      {
        limits: { minPages: 2, maxPages: 10, memory64: false, shared: false },
        import: { module: 'env', name: 'memory' },
      },
      { limits: { minPages: 1, memory64: false, shared: false } },
    ]);
    expect(result.info.exports.map((e) => `${e.name}:${e.kind}:${e.index}`)).toEqual([
      '_start:function:1',
      'grow:function:2',
      'size:function:3',
      'memory:memory:0',
    ]);
  });

  it('reads shared, memory64 and custom-page-size limits', () => {
    const memories = [limits(1, 2, 0x03), [0x05, ...uleb(2 ** 40), ...uleb(2 ** 41)], [0x08, 0x01, 0x00]];
    const result = readModule(wasm(section(5, vec(memories))));
    expect(result.ok && result.info.memories.map((m) => m.limits)).toEqual([
      { minPages: 1, maxPages: 2, memory64: false, shared: true },
      { minPages: 2 ** 40, maxPages: 2 ** 41, memory64: true, shared: false },
      { minPages: 1, memory64: false, shared: false, pageSizeLog2: 0 },
    ]);
  });

  it('reads section ranges, skipping custom sections', () => {
    const bytes = wasm(section(0, [...uleb(4), ...text('name'), 1, 2, 3]), section(5, vec([limits(1)])));
    const result = readModule(bytes);
    expect(result.ok && result.info.sections).toEqual([
      { id: 0, start: 8, contentStart: 10, end: 18 },
      { id: 5, start: 18, contentStart: 20, end: 23 },
    ]);
  });

  it('reads what clang produces for wasm32-wasip1', () => {
    const result = readModule(loadFixture('hello'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(new Set(result.info.imports.map((i) => i.module))).toEqual(new Set(['wasi_snapshot_preview1']));
    expect(result.info.imports.map((i) => i.name)).toContain('fd_write');
    expect(result.info.memories).toHaveLength(1);
    expect(result.info.memories[0]?.import).toBeUndefined();
    expect(result.info.exports.map((e) => e.name)).toEqual(expect.arrayContaining(['_start', 'memory']));
  });

  it.each([
    [[0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], '(it starts with bytes 7f 45 4c 46: an ELF executable)'],
    [[0x4d, 0x5a, 0x90, 0x00], "it starts with bytes 4d 5a 90 00: a Windows executable (PE, 'MZ')"],
    [[0x1f, 0x8b, 0x08, 0x00], 'gzip-compressed data'],
    [[0x50, 0x4b, 0x03, 0x04, 0x14], 'a zip archive'],
    [[...text('  (module\n  (func))')], 'it looks like WAT text: compile it first'],
    [[...text('<!DOCTYPE html><html>')], 'it looks like an HTML page'],
    [[...text('#include <stdio.h>\nint main')], 'it looks like C source: compile it first'],
    [[...text('just some notes\n')], 'it is text, not a binary module'],
    [
      [0xde, 0xad, 0xbe, 0xef, 0x00],
      'it starts with bytes de ad be ef, not the WebAssembly magic 00 61 73 6d',
    ],
  ])('names what a non-wasm file is: %j', (bytes, expected) => {
    const reason = reasonOf(readModule(new Uint8Array(bytes)));
    expect(reason).toMatch(/^this file is not a WebAssembly module \(/);
    expect(reason).toContain(expected);
  });

  it('recognises a tar archive', () => {
    const tar = new Uint8Array(1024);
    tar.set(text('file.txt'), 0);
    tar.set(text('ustar'), 257);
    expect(reasonOf(readModule(tar))).toContain('it is a tar archive');
  });

  it('reports empty and truncated input with the byte where it ends', () => {
    expect(reasonOf(readModule(new Uint8Array()))).toBe('the file is empty, not a WebAssembly module');
    expect(reasonOf(readModule(new Uint8Array([0x00, 0x61])))).toBe(
      'the module is truncated at byte 2 (inside the 8-byte header)',
    );
    const bytes = wasiCommand();
    expect(reasonOf(readModule(bytes.subarray(0, bytes.length - 3)))).toMatch(
      /^the module is truncated at byte \d+: its code section needs 3 more bytes$/,
    );
    const cutInSize = new Uint8Array([...HEADER, 0x0a, 0x80]);
    expect(reasonOf(readModule(cutInSize))).toBe(
      'the module is truncated at byte 10 (inside a section header)',
    );
  });

  it('refuses other versions and components', () => {
    expect(reasonOf(readModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])))).toBe(
      'unsupported WebAssembly binary version 0x2; only version 1 core modules are supported',
    );
    expect(reasonOf(readModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0])))).toMatch(
      /^this is a WebAssembly component, not a core module; WASI preview 2 is not supported/,
    );
  });

  it('reports malformed sections', () => {
    const cases: Array<[Uint8Array, string]> = [
      [wasm([0x0e, 0x00]), 'unknown section id 14 at byte 8'],
      [
        wasm(section(5, vec([limits(1)])), section(5, vec([limits(1)]))),
        'the module has two memory sections',
      ],
      [wasm(section(2, [0x01, 0x01, 0x61, 0x01, 0x62, 0x07])), 'unknown import kind 0x07 at byte 15'],
      [
        wasm(section(7, [0x01, 0x01, 0xff, 0x00, 0x00])),
        'the export section has a name that is not valid UTF-8 at byte 12',
      ],
      [
        wasm(section(5, [0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10])),
        'the memory section has an integer too large for 32 bits at byte 12',
      ],
      [wasm(section(5, [0x01, 0x20, 0x01])), 'unknown limits flags 0x20 at byte 11'],
      [
        wasm(section(5, [0x02, 0x00, 0x01])),
        'the memory section is malformed: an entry runs past its end at byte 13',
      ],
      [wasm(section(5, [0x01, 0x00, 0x01, 0x00])), 'the memory section has 1 unexpected bytes at its end'],
    ];
    for (const [bytes, reason] of cases) expect(reasonOf(readModule(bytes))).toBe(reason);
  });

  describe('never throws', () => {
    const valid = [wasiCommand(), ...fixtureNames().slice(0, 4).map(loadFixture)];

    it('on arbitrary bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => typeof readModule(bytes).ok === 'boolean'),
      );
    });

    it('on arbitrary bytes after a valid header', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (rest) => {
          const result = readModule(new Uint8Array([...HEADER, ...rest]));
          return result.ok || result.reason.length > 0;
        }),
      );
    });

    it('on valid modules cut short anywhere', () => {
      fc.assert(
        fc.property(fc.constantFrom(...valid), fc.nat(), (bytes, cut) => {
          const result = readModule(bytes.subarray(0, cut % bytes.length));
          return result.ok || /truncated|empty/.test(result.reason);
        }),
      );
    });

    it('on valid modules with random bytes changed', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...valid),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
          (bytes, flips) => {
            const copy = bytes.slice();
            for (const [at, value] of flips) copy[at % copy.length] = value;
            const result = readModule(copy);
            return result.ok || result.reason.length > 0;
          },
        ),
      );
    });
  });
});
