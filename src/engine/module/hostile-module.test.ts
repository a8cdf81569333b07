import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../test-support/fixture-cache.ts';
import { HEADER, limits, section, wasiCommand, wasm } from '../test-support/wasm-builder.ts';
import { prepareModule } from './prepare-module.ts';
import { readModule } from './read-module.ts';
import type { ReadModuleResult } from './read-module.ts';

// Hostile-input corpus (issue 9) for the module reader and the sandbox's module check: crafted
// sections, then thousands of arbitrary and mutated modules.

const reasonOf = (result: ReadModuleResult) => (result.ok ? 'ok' : result.reason);

const CRAFTED: Array<[what: string, bytes: Uint8Array, reason: string]> = [
  ['a section size of 6 LEB128 bytes', new Uint8Array([...HEADER, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 'a section header has an integer too large for 32 bits at byte 9'],
  ['a section claiming 4 GiB', new Uint8Array([...HEADER, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f]), 'the module is truncated at byte 14: its custom section needs 4294967295 more bytes'],
  ['4 billion imports in 5 bytes', wasm(section(2, [0xff, 0xff, 0xff, 0xff, 0x0f])), 'the import section is malformed: an entry runs past its end at byte 15'],
  ['an import name longer than its section', wasm(section(2, [0x01, 0xff, 0x01, 0x61])), 'the import section is malformed: an entry runs past its end at byte 14'],
  ['an export name that is not UTF-8', wasm(section(7, [0x01, 0x02, 0xc3, 0x28, 0x00, 0x00])), 'the export section has a name that is not valid UTF-8 at byte 12'],
  ['an unknown export kind', wasm(section(7, [0x01, 0x01, 0x61, 0x09, 0x00])), 'unknown export kind 0x09 at byte 13'],
  ['memory limits flags 0xff', wasm(section(5, [0x01, 0xff, 0x01])), 'unknown limits flags 0xff at byte 11'],
  ['two import sections', wasm(section(2, [0x00]), section(2, [0x00])), 'the module has two import sections'],
  ['a memory section with junk after it', wasm(section(5, [...[0x01], ...limits(1), 0x00])), 'the memory section has 1 unexpected bytes at its end'],
]; // prettier-ignore

describe('hostile modules: crafted sections', () => {
  it.each(CRAFTED)('%s', (_what, bytes, reason) => {
    expect(reasonOf(readModule(bytes))).toBe(reason);
    expect(prepareModule(bytes, 64 * 1024 * 1024)).toEqual({ ok: false, state: 'refused', reason });
  });

  it('refuses a memory minimum of 2^32 - 1 pages, naming the sizes', () => {
    const bytes = wasiCommand({ memories: [limits(0xffffffff)] });
    expect(prepareModule(bytes, 2 ** 32)).toEqual({
      ok: false,
      state: 'refused',
      reason: 'the module needs at least 262144 GiB of memory at start but Memory allows 4 GiB',
    });
  });
});

/** Sections lie end to end from byte 8 to the end of the file, each inside it. */
function sectionsTile(bytes: Uint8Array, result: ReadModuleResult): boolean {
  if (!result.ok) return result.reason !== '' && !result.reason.includes('\n');
  let at = 8;
  for (const s of result.info.sections) {
    if (s.start !== at || s.contentStart <= s.start || s.end < s.contentStart) return false;
    at = s.end;
  }
  return at === bytes.length;
}

const VALID = [
  wasiCommand(),
  wasiCommand({ memories: [limits(2, 100)] }),
  loadFixture('hello'),
  loadFixture('fs-probe'),
];
const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });

/** `bytes` with each [position, value] written in (positions wrap around). */
function mutate(bytes: Uint8Array, changes: Array<[number, number]>): Uint8Array {
  const copy = bytes.slice();
  for (const [at, value] of changes) copy[at % copy.length] = value;
  return copy;
}

describe('hostile modules: properties', () => {
  it('readModule never throws and its sections tile the file, on arbitrary bytes (3000 runs)', () => {
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((rest) => new Uint8Array([...HEADER, ...rest])),
    );
    fc.assert(
      fc.property(input, (bytes) => sectionsTile(bytes, readModule(bytes))),
      { numRuns: 3000 },
    );
  });

  it('readModule never throws, on valid modules with bytes changed or cut (3000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), flips, fc.nat(), (valid, changes, cut) => {
        const bytes = mutate(valid, changes).subarray(0, 8 + (cut % valid.length));
        return sectionsTile(bytes, readModule(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('prepareModule keeps a valid module valid and caps its memory, whatever the bytes (3000 runs)', () => {
    const limit = fc.oneof(fc.constantFrom(0, 65535, 65536, 16 * 1024 * 1024, 2 ** 32), fc.nat(2 ** 33));
    fc.assert(
      fc.property(fc.constantFrom(...VALID), flips, limit, (valid, changes, memory) => {
        const bytes = mutate(valid, changes);
        const prepared = prepareModule(bytes, memory);
        if (!prepared.ok) return prepared.reason !== '';
        const reread = readModule(prepared.bytes);
        const max = reread.ok ? reread.info.memories[0]?.limits.maxPages : undefined;
        return (
          max !== undefined &&
          max <= Math.floor(memory / 65536) &&
          (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>) || WebAssembly.validate(prepared.bytes))
        );
      }),
      { numRuns: 3000 },
    );
  });
});
