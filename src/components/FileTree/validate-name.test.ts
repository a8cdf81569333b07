import { describe, expect, it } from 'vitest';
import { validateName } from './validate-name.ts';
import type { NameContext } from './validate-name.ts';

const context = (over: Partial<NameContext> = {}): NameContext => ({
  parent: '',
  files: new Set(['main.c', 'src/util.c']),
  folders: new Set(['src', 'empty']),
  allowNested: true,
  ...over,
});
const error = (name: string, over?: Partial<NameContext>) => {
  const result = validateName(name, context(over));
  return result.ok ? null : result.error;
};

describe('validateName', () => {
  it('accepts new names and nested paths when allowed', () => {
    expect(validateName(' new.c ', context())).toEqual({ ok: true, path: 'new.c' });
    expect(validateName('lib/x.c', context({ parent: 'src' }))).toEqual({ ok: true, path: 'src/lib/x.c' });
  });

  it('rejects empty names, misplaced slashes and dot segments', () => {
    expect(error('  ')).toBe('Enter a name.');
    expect(error('/abs')).toMatch(/only between folder names/);
    expect(error('a//b')).toMatch(/only between folder names/);
    expect(error('dir/')).toMatch(/only between folder names/);
    expect(error('a/b', { allowNested: false })).toMatch(/cannot contain \//);
    expect(error('..')).toMatch(/cannot be used/);
    expect(error('a/../b')).toMatch(/cannot be used/);
    expect(error('a\\b')).toMatch(/not \\/);
    expect(error('a\u0007')).toMatch(/control/);
    expect(error('x'.repeat(256))).toMatch(/at most 255 bytes/);
  });

  it('rejects names that exist or go through a file', () => {
    expect(error('main.c')).toBe('"main.c" already exists.');
    expect(error('empty')).toBe('"empty" already exists.');
    expect(error('util.c', { parent: 'src' })).toBe('"src/util.c" already exists.');
    expect(error('main.c/x')).toBe('"main.c" is a file, not a folder.');
  });

  it('lets a rename keep its own name', () => {
    expect(
      validateName('util.c', context({ parent: 'src', current: 'src/util.c', allowNested: false })),
    ).toEqual({
      ok: true,
      path: 'src/util.c',
    });
  });

  it('treats markup as an ordinary name', () => {
    expect(validateName('<img src=x onerror=alert(1)>', context()).ok).toBe(true);
  });
});
