import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from './parse-flags.ts';

const SPEC = { values: ['dir', 'env', 'timeout'], booleans: ['show-manifest'] };

describe('parseFlags', () => {
  it('collects repeated value flags in order, in both --flag value and --flag=value forms', () => {
    const parsed = parseFlags(['--env', 'A=1', '--env=B=2', '--dir=/x::/', 'prog.wasm'], SPEC, true);
    expect(parsed.values.get('env')).toEqual(['A=1', 'B=2']);
    expect(parsed.values.get('dir')).toEqual(['/x::/']);
    expect(parsed.positionals).toEqual(['prog.wasm']);
  });

  it('keeps an empty inline value and a value that itself contains "="', () => {
    const parsed = parseFlags(['--env=', '--env=K=V=W', 'p'], SPEC, true);
    expect(parsed.values.get('env')).toEqual(['', 'K=V=W']);
  });

  it('records boolean flags', () => {
    const parsed = parseFlags(['--show-manifest', 'p'], SPEC, true);
    expect(parsed.booleans.has('show-manifest')).toBe(true);
    expect(parsed.values.size).toBe(0);
  });

  it('with stopAtPositional, passes everything after the program through untouched', () => {
    const parsed = parseFlags(['--timeout', '2', 'prog.wasm', '--env', 'X', '--bogus', '-v'], SPEC, true);
    expect(parsed.values.get('timeout')).toEqual(['2']);
    expect(parsed.values.has('env')).toBe(false);
    expect(parsed.positionals).toEqual(['prog.wasm', '--env', 'X', '--bogus', '-v']);
  });

  it('without stopAtPositional, reads flags after positionals too', () => {
    const parsed = parseFlags(['a.manifest', '--timeout', '3', 'b'], SPEC, false);
    expect(parsed.positionals).toEqual(['a.manifest', 'b']);
    expect(parsed.values.get('timeout')).toEqual(['3']);
  });

  it('treats "--" as the end of flags and "-" as a positional', () => {
    expect(parseFlags(['--', '--timeout', '1'], SPEC, false).positionals).toEqual(['--timeout', '1']);
    expect(parseFlags(['-', '--timeout', '1'], SPEC, false)).toMatchObject({ positionals: ['-'] });
  });

  it('rejects an unknown flag, naming it', () => {
    expect(() => parseFlags(['--bogus', 'p'], SPEC, true)).toThrow(new UsageError('unknown option --bogus'));
  });

  it('rejects a value flag at the end of the line', () => {
    expect(() => parseFlags(['p', '--timeout'], SPEC, false)).toThrow(/--timeout needs a value/);
  });

  it('rejects a boolean flag given a value, so --no-determinism=false cannot mean the opposite', () => {
    expect(() => parseFlags(['--show-manifest=no', 'p'], SPEC, true)).toThrow(
      new UsageError('--show-manifest takes no value'),
    );
  });
});
