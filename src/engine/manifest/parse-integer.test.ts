import { describe, it, expect } from 'vitest';
import { parseInteger, quoteToken } from './parse-integer.ts';

function value(text: string): number | string {
  const result = parseInteger(text);
  return result.ok ? result.value : result.reason;
}

describe('parseInteger', () => {
  it('reads decimal, octal and hex like strtoll with base 0', () => {
    expect(value('0')).toBe(0);
    expect(value('1024')).toBe(1024);
    expect(value('010')).toBe(8);
    expect(value('00')).toBe(0);
    expect(value('0x10')).toBe(16);
    expect(value('0XfF')).toBe(255);
    expect(value('4294967296')).toBe(4294967296);
    expect(value('0x100000000')).toBe(4294967296);
  });

  it('accepts a sign and never returns -0', () => {
    expect(value('-5')).toBe(-5);
    expect(value('+5')).toBe(5);
    expect(value('-0x10')).toBe(-16);
    expect(Object.is(value('-0'), 0)).toBe(true);
  });

  it('accepts the largest safe integer in every base and refuses the next one', () => {
    expect(value(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(value('0x1FFFFFFFFFFFFF')).toBe(Number.MAX_SAFE_INTEGER);
    expect(value('0377777777777777777')).toBe(Number.MAX_SAFE_INTEGER);
    expect(value('9007199254740992')).toMatch(
      /is too large \(the largest number accepted is 9007199254740991\)/,
    );
    expect(value('0x20000000000000')).toMatch(/too large/);
    expect(value('99999999999999999999999999')).toMatch(/too large/);
  });

  it('explains what is wrong with a bad number', () => {
    expect(value('')).toBe('a number is missing');
    expect(value('abc')).toBe(
      "'abc' is not a whole number (write it like 1024, 0x400 in hex or 02000 in octal)",
    );
    expect(value('08')).toBe("'08' starts with 0, which makes it octal, and octal has no digits 8 or 9");
    expect(value('0x')).toBe("'0x' has no hex digits after 0x");
    expect(value('0xZZ')).toBe("'0xZZ' is not a valid hex number");
    expect(value('1.5')).toMatch(/is not a whole number/);
    expect(value('1e6')).toMatch(/is not a whole number/);
    expect(value(' 1')).toMatch(/is not a whole number/);
    expect(value('-')).toMatch(/is not a whole number/);
    expect(value('0o7')).toMatch(/is not a whole number/);
  });

  it('shortens very long tokens in messages', () => {
    expect(quoteToken('x'.repeat(100))).toBe(`'${'x'.repeat(40)}…'`);
    expect(value('y'.repeat(9000)).toString().length).toBeLessThan(150);
  });
});
