import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { joinArgs, splitArgs } from './split-args.ts';

describe('splitArgs', () => {
  it('splits on blanks and groups quoted words', () => {
    expect(splitArgs('tarimage.nexe -arg1 "short text"')).toEqual({
      args: ['tarimage.nexe', '-arg1', 'short text'],
      problems: [],
    });
  });

  it('ignores repeated and surrounding blanks, including tabs', () => {
    expect(splitArgs('  a \t b  ').args).toEqual(['a', 'b']);
  });

  it('joins quoted parts that touch other text, like a shell', () => {
    expect(splitArgs('pre"fix and"post x').args).toEqual(['prefix andpost', 'x']);
  });

  it('turns "" into an empty argument', () => {
    expect(splitArgs('prog "" b').args).toEqual(['prog', '', 'b']);
  });

  it('decodes escapes inside arguments; an escaped quote does not group', () => {
    expect(splitArgs('p \\x2c\\x2c \\x22a b\\x22 c:\\x5cwin "x \\x0a y"').args).toEqual([
      'p',
      ',,',
      '"a',
      'b"',
      'c:\\win',
      'x \n y',
    ]);
  });

  it('reports an unclosed quote at the quote and keeps the rest as one argument', () => {
    const { args, problems } = splitArgs('prog "a b');
    expect(args).toEqual(['prog', 'a b']);
    expect(problems).toEqual([{ index: 5, length: 1, reason: expect.stringContaining('closing "') }]);
  });

  it('reports bad escapes at their position in the value', () => {
    const { problems } = splitArgs('prog a\\q');
    expect(problems).toEqual([
      { index: 6, length: 2, reason: expect.stringContaining('not a valid escape') },
    ]);
  });

  it('gives no arguments for a blank value', () => {
    expect(splitArgs('   ').args).toEqual([]);
  });
});

describe('joinArgs', () => {
  it('quotes arguments with spaces and empty ones, and escapes the rest', () => {
    expect(joinArgs(['prog', 'two words', '', 'a,b', 'say "hi"', 'c:\\x'])).toBe(
      'prog "two words" "" a\\x2cb "say \\x22hi\\x22" c:\\x5cx',
    );
  });

  it('round-trips any non-empty argv through splitArgs', () => {
    const unit = fc.constantFrom(' ', '"', '\\', '\n', ',', '#', '\t', '\r', 'x', '2', 'c', 'é', '🎉', '=');
    const arg = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit }),
    );
    fc.assert(
      fc.property(fc.array(arg, { minLength: 1 }), (argv) => {
        const { args, problems } = splitArgs(joinArgs(argv));
        expect(problems).toEqual([]);
        expect(args).toEqual(argv);
      }),
      { numRuns: 500 },
    );
  });
});
