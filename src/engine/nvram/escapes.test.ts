import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { escapeValue, unescapeValue } from './escapes.ts';

describe('unescapeValue', () => {
  it('decodes \\xHH escapes in either case', () => {
    expect(unescapeValue('a\\x2cb')).toEqual({ value: 'a,b', problems: [] });
    expect(unescapeValue('\\x2C\\x22\\x5c\\x0a')).toEqual({ value: ',"\\\n', problems: [] });
  });

  it('decodes a run of escaped bytes as UTF-8', () => {
    expect(unescapeValue('caf\\xc3\\xa9!').value).toBe('café!');
    expect(unescapeValue('\\xe2\\x82\\xac').value).toBe('€');
  });

  it('leaves text without backslashes alone', () => {
    expect(unescapeValue('plain text é')).toEqual({ value: 'plain text é', problems: [] });
  });

  it('reports a \\x without two hex digits and keeps the text as written', () => {
    const { value, problems } = unescapeValue('a\\x2gb');
    expect(value).toBe('a\\x2gb');
    expect(problems).toEqual([{ index: 1, length: 4, reason: expect.stringContaining('two hex digits') }]);
  });

  it('reports a backslash that does not start \\x', () => {
    const { problems } = unescapeValue('c:\\win');
    expect(problems).toEqual([{ index: 2, length: 2, reason: expect.stringContaining('\\x5c') }]);
  });

  it('reports a backslash at the very end', () => {
    expect(unescapeValue('abc\\').problems).toEqual([{ index: 3, length: 1, reason: expect.any(String) }]);
    expect(unescapeValue('abc\\x').problems).toEqual([{ index: 3, length: 2, reason: expect.any(String) }]);
  });

  it('reports escaped bytes that are not UTF-8', () => {
    const { value, problems } = unescapeValue('x\\xc3\\xa9\\xc3y');
    expect(value).toBe('xé\uFFFDy');
    expect(problems).toEqual([{ index: 1, length: 12, reason: expect.stringContaining('UTF-8') }]);
  });

  it('copes with very long runs of escapes', () => {
    expect(unescapeValue('\\x41'.repeat(200_000)).value).toBe('A'.repeat(200_000));
  });
});

describe('escapeValue', () => {
  it('escapes separators, quotes, backslashes, comment marks and control characters', () => {
    expect(escapeValue('a,b"c\\d#e\nf\tg\x7f')).toBe('a\\x2cb\\x22c\\x5cd\\x23e\\x0af\\x09g\\x7f');
  });

  it('protects leading and trailing spaces, which the parser would strip', () => {
    expect(escapeValue(' a b ')).toBe('\\x20a b\\x20');
    expect(escapeValue(' ')).toBe('\\x20');
  });

  it('keeps unicode as it is', () => {
    expect(escapeValue('héllo → 世界 🎉')).toBe('héllo → 世界 🎉');
  });

  it('round-trips any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string()), (s) => {
        const { value, problems } = unescapeValue(escapeValue(s));
        expect(problems).toEqual([]);
        expect(value).toBe(s);
      }),
    );
  });
});
