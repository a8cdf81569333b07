import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseNvram } from './parse-nvram.ts';
import { printNvram } from './print-nvram.ts';
import type { Nvram } from './types.ts';
import { guestPathParts } from '../wasi/fs-nodes.ts';

/** A mountpoint as the guest sees it (what the nvram checks). */
const seen = (path: string): string => `/${guestPathParts(path).join('/')}`;

/** The nvram without the `line` fields, which depend on where the text put each entry. */
function withoutLines(n: Nvram): Nvram {
  return {
    ...n,
    fstab: n.fstab.map((f) => ({ ...f, line: 0 })),
    mapping: n.mapping.map((m) => ({ ...m, line: 0 })),
  };
}

const tricky = fc.constantFrom(
  ' ',
  '"',
  '\\',
  '\n',
  ',',
  '#',
  '=',
  '\t',
  '\r',
  '[',
  ']',
  'x',
  '2',
  'é',
  '🎉',
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: tricky }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
);
const absolute = text.map((s) => `/${s}`);

const nvramArb: fc.Arbitrary<Nvram> = fc.record(
  {
    args: fc.array(text, { minLength: 1, maxLength: 6 }),
    env: fc.array(
      fc.tuple(
        text.filter((s) => s !== '' && !s.includes('=')),
        text,
      ),
      { maxLength: 5 },
    ),
    fstab: fc.array(
      fc
        .record({
          channel: absolute,
          mountpoint: absolute.filter((m) => seen(m) !== '/dev' && !seen(m).startsWith('/dev/')),
          access: fc.constantFrom('ro' as const, 'wo' as const, 'rw' as const),
          removable: fc.boolean(),
          line: fc.constant(0),
        })
        .filter((f) => !(f.access === 'wo' && seen(f.mountpoint) === '/')),
      { maxLength: 4 },
    ),
    mapping: fc.array(
      fc.record({
        channel: absolute,
        mode: fc.constantFrom('pipe' as const, 'char' as const, 'file' as const),
        line: fc.constant(0),
      }),
      { maxLength: 4 },
    ),
    time: fc.maxSafeNat(),
    debugVerbosity: fc.integer({ min: 0, max: 4 }),
    precache: fc.boolean(),
  },
  { requiredKeys: ['env', 'fstab', 'mapping'] },
);

describe('printNvram', () => {
  it('writes canonical text', () => {
    const n: Nvram = {
      args: ['prog', 'two words', ''],
      env: [['HOME', ' /home/a,b ']],
      fstab: [{ channel: '/dev/mount/root.tar', mountpoint: '/', access: 'ro', removable: false, line: 0 }],
      mapping: [{ channel: '/dev/stdout', mode: 'char', line: 0 }],
      time: 0,
      debugVerbosity: 4,
      precache: false,
    };
    expect(printNvram(n)).toBe(
      [
        '[args]',
        'args=prog "two words" ""',
        '[env]',
        'name=HOME, value=\\x20/home/a\\x2cb\\x20',
        '[fstab]',
        'channel=/dev/mount/root.tar, mountpoint=/, access=ro, removable=no',
        '[mapping]',
        'channel=/dev/stdout, mode=char',
        '[time]',
        'seconds=0',
        '[debug]',
        'verbosity=4',
        '[precache]',
        'precache=no',
        '',
      ].join('\n'),
    );
  });

  it('writes nothing for an empty nvram', () => {
    expect(printNvram({ env: [], fstab: [], mapping: [] })).toBe('');
  });

  it('is read back by parseNvram to the same nvram, without problems', () => {
    fc.assert(
      fc.property(nvramArb, (n) => {
        const { nvram, diagnostics } = parseNvram(printNvram(n));
        expect(diagnostics).toEqual([]);
        expect(withoutLines(nvram)).toEqual(withoutLines(n));
      }),
      { numRuns: 500 },
    );
  });
});
