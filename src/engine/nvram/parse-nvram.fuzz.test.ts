import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_DIAGNOSTICS } from './diagnostic-list.ts';
import { parseNvram } from './parse-nvram.ts';

const TOKENS = [
  '[args]',
  '[env]',
  '[fstab]',
  '[mapping]',
  '[time]',
  '[debug]',
  '[precache]',
  '[nope]',
  '[',
  ']',
  'args=',
  'name=',
  'value=',
  'channel=',
  'mountpoint=',
  'access=',
  'removable=',
  'mode=',
  'seconds=',
  'verbosity=',
  'precache=',
  '/dev/mount/a',
  '/',
  'ro',
  'wo',
  'rw',
  'yes',
  'no',
  'pipe',
  '4',
  '1370454582',
  ',',
  '=',
  '"',
  '\\',
  '\\x',
  '\\x2',
  '\\x2c',
  '\\xc3',
  '#',
  ' ',
  '\t',
  '\r',
  '\n',
  '\n',
  'é',
  '🎉',
  '\uD800',
];

/** Checks what must hold for any input: positions make sense and the list is capped. */
function checkInvariants(text: string): void {
  const { nvram, diagnostics } = parseNvram(text);
  const lines = text.split('\n').length;
  expect(diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
  for (const d of diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.endColumn).toBeGreaterThan(d.column);
    expect(d.message.length).toBeGreaterThan(0);
  }
  expect(Array.isArray(nvram.env) && Array.isArray(nvram.fstab) && Array.isArray(nvram.mapping)).toBe(true);
  if (nvram.args !== undefined) expect(nvram.args.length).toBeGreaterThan(0);
}

describe('parseNvram never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), checkInvariants), {
      numRuns: 500,
    });
  });

  it('on lines built from section and key tokens', () => {
    const text = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((t) => t.join(''));
    fc.assert(fc.property(text, checkInvariants), { numRuns: 1000 });
  });

  it('on binary junk', () => {
    const latin1 = fc
      .uint8Array({ maxLength: 2000 })
      .map((b) => Array.from(b, (c) => String.fromCharCode(c)).join(''));
    const utf8 = fc.uint8Array({ maxLength: 2000 }).map((b) => new TextDecoder().decode(b));
    fc.assert(fc.property(fc.oneof(latin1, utf8), checkInvariants), { numRuns: 300 });
  });
});

describe('parseNvram on large input', () => {
  it('caps the diagnostics with a summary', () => {
    const text = `junk\n[env]\n${'name=A, oops\n'.repeat(100_000)}`;
    const { diagnostics } = parseNvram(text);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(diagnostics.at(-1)).toMatchObject({
      line: MAX_DIAGNOSTICS + 2,
      severity: 'error',
      message: expect.stringMatching(/^99801 more problems not shown/),
    });
  });

  it('reads a long valid file', () => {
    const text = `[env]\n${'name=KEY, value=some value with \\x2c escapes\n'.repeat(100_000)}`;
    const { nvram, diagnostics } = parseNvram(text);
    expect(diagnostics).toEqual([]);
    expect(nvram.env).toHaveLength(100_000);
  });

  it('copes with one enormous line', () => {
    checkInvariants(`[args]\nargs=${'a "b\\x2c '.repeat(100_000)}`);
  });
});
