import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from '../test-support/fixture-cache.ts';
import { runNodeWasi } from '../test-support/run-node-wasi.ts';
import { importDesc, limits, section, uleb, wasiCommand } from '../test-support/wasm-builder.ts';
import { formatBytes, prepareModule } from './prepare-module.ts';
import type { PrepareResult } from './prepare-module.ts';
import { readModule } from './read-module.ts';

const MiB = 1024 * 1024;
const wasiImport = { module: 'wasi_snapshot_preview1', name: 'fd_write', desc: importDesc.function() };
const reasonOf = (result: PrepareResult) => (result.ok ? 'ok' : result.reason);

interface GrowExports {
  grow: (pages: number) => number;
  size: () => number;
}

async function instantiate(bytes: Uint8Array<ArrayBuffer>): Promise<GrowExports> {
  const { instance } = await WebAssembly.instantiate(bytes);
  return instance.exports as unknown as GrowExports;
}

describe('prepareModule refuses', () => {
  it.each([
    [
      'an import from outside WASI',
      wasiCommand({ imports: [wasiImport, { module: 'env', name: 'foo', desc: importDesc.function() }] }),
      'the module imports env.foo (function); a ZeroVM sandbox offers only wasi_snapshot_preview1',
    ],
    [
      'several imports from outside WASI',
      wasiCommand({
        imports: [
          { module: 'env', name: 'g', desc: importDesc.global() },
          { module: 'wasi_unstable', name: 'fd_write', desc: importDesc.function() },
        ],
      }),
      'the module imports env.g (global) (and 1 more from outside WASI); ' +
        'a ZeroVM sandbox offers only wasi_snapshot_preview1',
    ],
    [
      'an imported memory',
      wasiCommand({ memories: [], imports: [{ module: 'env', name: 'memory', desc: importDesc.memory(1) }] }),
      'the module imports its memory (env.memory) instead of defining it; ' +
        'a ZeroVM sandbox gives each program its own: build without --import-memory',
    ],
    [
      'memory64',
      wasiCommand({ memories: [[0x04, 0x01]] }),
      'the module uses a 64-bit memory (memory64); only wasm32 modules are supported',
    ],
    [
      'custom page sizes',
      wasiCommand({ memories: [[0x08, 0x01, 0x00]] }),
      'the module uses custom memory page sizes, which are not supported',
    ],
    [
      'no memory',
      wasiCommand({ memories: [], omitExports: ['memory'] }),
      'the module defines no memory; a WASI command needs one',
    ],
    [
      'two memories',
      wasiCommand({ memories: [limits(1), limits(1)] }),
      'the module defines 2 memories; a sandbox supports one',
    ],
    [
      'a maximum below the minimum',
      wasiCommand({ memories: [limits(4, 2)] }),
      "the module's memory maximum (2 pages) is below its minimum (4 pages)",
    ],
    [
      'an unexported memory',
      wasiCommand({ omitExports: ['memory'] }),
      "the module does not export its memory as 'memory', which WASI needs",
    ],
    [
      'a memory minimum above the limit',
      wasiCommand({ memories: [limits(272)] }),
      'the module needs at least 17 MiB of memory at start but Memory allows 16 MiB',
    ],
    [
      'a module without _start',
      wasiCommand({ omitExports: ['_start'] }),
      'the module has no _start function: build it as a WASI command',
    ],
    [
      'a reactor',
      wasiCommand({
        omitExports: ['_start'],
        extraExports: [[0x0b, ...new TextEncoder().encode('_initialize'), 0x00, 0x00]],
      }),
      'the module is a WASI reactor (it exports _initialize, not _start): build it as a WASI command',
    ],
    [
      'garbage, with the reader’s reason',
      new Uint8Array([0x7f, 0x45, 0x4c, 0x46]),
      'this file is not a WebAssembly module (it starts with bytes 7f 45 4c 46: an ELF executable)',
    ],
  ])('%s', (_, bytes, reason) => {
    expect(prepareModule(bytes, 16 * MiB)).toEqual({ ok: false, state: 'refused', reason });
  });
});

describe('prepareModule caps memory', () => {
  it('lowers the maximum so memory.grow past the limit fails', async () => {
    const prepared = prepareModule(wasiCommand({ memories: [limits(1)] }), 4 * 65536 + 100);
    expect(prepared.ok && prepared.maxPages).toBe(4);
    if (!prepared.ok) return;
    const exports = await instantiate(prepared.bytes);
    expect(exports.grow(2)).toBe(1);
    expect(exports.grow(2)).toBe(-1);
    expect(exports.grow(1)).toBe(3);
    expect(exports.size()).toBe(4);
    expect(exports.grow(1)).toBe(-1);
  });

  it('keeps a declared maximum that is already lower', async () => {
    const prepared = prepareModule(wasiCommand({ memories: [limits(1, 2)] }), 16 * MiB);
    expect(prepared.ok && prepared.maxPages).toBe(2);
    if (!prepared.ok) return;
    const exports = await instantiate(prepared.bytes);
    expect(exports.grow(1)).toBe(1);
    expect(exports.grow(1)).toBe(-1);
  });

  it('allows a minimum at the limit; re-encodes long LEB128s, byte-exact around the section', () => {
    const original = wasiCommand({
      memories: [[0x01, ...uleb(256, 5), ...uleb(70000, 5)]],
      trailer: section(0, [...uleb(4), 0x6e, 0x6f, 0x74, 0x65, ...new Array<number>(300).fill(7)]),
    });
    const prepared = prepareModule(original, 16 * MiB);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.maxPages).toBe(256);
    const before = prepared.info.sections.find((s) => s.id === 5);
    const after = readModule(prepared.bytes);
    expect(after.ok && after.info.memories).toEqual([
      { limits: { minPages: 256, maxPages: 256, memory64: false, shared: false } },
    ]);
    if (!after.ok || before === undefined) return;
    const shrink = original.length - prepared.bytes.length;
    expect(shrink).toBe(6);
    expect(prepared.bytes.subarray(0, before.start)).toEqual(original.subarray(0, before.start));
    expect(prepared.bytes.subarray(before.end - shrink)).toEqual(original.subarray(before.end));
    expect(WebAssembly.validate(prepared.bytes)).toBe(true);
  });

  it('keeps a shared memory shared', () => {
    const prepared = prepareModule(wasiCommand({ memories: [limits(1, 100, 0x03)] }), MiB);
    const after = prepared.ok ? readModule(prepared.bytes) : undefined;
    expect(after?.ok && after.info.memories[0]?.limits).toEqual({
      minPages: 1,
      maxPages: 16,
      memory64: false,
      shared: true,
    });
  });

  it('treats odd limits as no memory or the wasm32 maximum', () => {
    expect(prepareModule(wasiCommand({ memories: [limits(0)] }), Number.NaN)).toMatchObject({
      ok: true,
      maxPages: 0,
    });
    expect(prepareModule(wasiCommand({ memories: [limits(0)] }), -5)).toMatchObject({
      ok: true,
      maxPages: 0,
    });
    expect(prepareModule(wasiCommand(), Number.POSITIVE_INFINITY)).toMatchObject({
      ok: true,
      maxPages: 65536,
    });
    expect(prepareModule(wasiCommand(), 2 ** 40)).toMatchObject({ ok: true, maxPages: 65536 });
  });

  it('accepts every C fixture, and the cap makes a real malloc return NULL', async () => {
    for (const name of fixtureNames())
      expect(reasonOf(prepareModule(loadFixture(name), 16 * MiB))).toBe('ok');
    const prepared = prepareModule(loadFixture('malloc-mb'), 16 * MiB);
    if (!prepared.ok) throw new Error(prepared.reason);
    expect(await runNodeWasi(prepared.bytes, { args: ['malloc-mb', '8'] })).toMatchObject({
      exitCode: 0,
      stdout: 'ok\n',
    });
    expect(await runNodeWasi(prepared.bytes, { args: ['malloc-mb', '32'] })).toMatchObject({
      exitCode: 3,
      stdout: 'malloc failed\n',
    });
  });

  it('formats sizes for messages', () => {
    expect([0, 512, 65536, 16 * MiB, 17 * MiB, 10_000_000, 3 * 2 ** 30].map(formatBytes)).toEqual([
      '0 bytes',
      '512 bytes',
      '64 KiB',
      '16 MiB',
      '17 MiB',
      '9.54 MiB',
      '3 GiB',
    ]);
  });
});

describe('prepareModule never throws', () => {
  const valid = [wasiCommand(), loadFixture('hello'), loadFixture('malloc-mb')];
  const anyLimit = fc.oneof(fc.nat(), fc.double(), fc.constantFrom(0, 16 * MiB, 2 ** 32));

  it('on arbitrary bytes and limits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), anyLimit, (bytes, limit) => {
        const result = prepareModule(bytes, limit);
        return result.ok || result.state === 'refused';
      }),
    );
  });

  it('on valid modules cut short or with bytes changed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        anyLimit,
        (bytes, cut, flips, limit) => {
          const copy = bytes.slice(0, 8 + (cut % bytes.length));
          for (const [at, value] of flips) copy[at % copy.length] = value;
          const result = prepareModule(copy, limit);
          return result.ok || result.reason.length > 0;
        },
      ),
    );
  });

  it('and caps as specified for any declared limits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.option(fc.integer({ min: 0, max: 70000 })),
        fc.integer({ min: 0, max: 2 ** 33 }),
        (min, max, limit) => {
          const original = wasiCommand({ memories: [limits(min, max ?? undefined)] });
          const result = prepareModule(original, limit);
          const allowed = Math.min(Math.floor(limit / 65536), 65536);
          if (max !== null && max < min) return !result.ok;
          if (min > allowed) return !result.ok && result.reason.startsWith('the module needs at least');
          const expected = Math.min(max ?? 65536, allowed);
          const after = result.ok ? readModule(result.bytes) : undefined;
          return (
            result.ok &&
            result.maxPages === expected &&
            after?.ok === true &&
            after.info.memories[0]?.limits.maxPages === expected
          );
        },
      ),
    );
  });
});
