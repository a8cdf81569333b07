import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { hasErrors } from '../diagnostics.ts';
import { MANIFEST_KEYS } from './manifest-keys.ts';
import { parseManifest } from './parse-manifest.ts';
import { printManifest } from './print-manifest.ts';
import type { ChannelSpec, ChannelType, Manifest } from './types.ts';

/** Checks the invariants every parse result keeps, whatever the input. */
function checkDiagnostics(text: string): void {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const { diagnostics } = parseManifest(text);
  expect(diagnostics.length).toBeLessThanOrEqual(200);
  for (const d of diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.endColumn).toBeGreaterThan(d.column);
    expect(d.endColumn).toBeLessThanOrEqual((lines[d.line - 1]?.length ?? 0) + 2);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const KEYISH = [...MANIFEST_KEYS, 'memory', 'Chanel', 'Foo', '', '#', '==', ' ', 'Memory ', '\t'];
const VALUEISH = [
  '/dev/stdin',
  '/dev/stdout',
  'a',
  '0',
  '1',
  '-1',
  '0x',
  '0x10',
  '08',
  '4294967296',
  '20130611',
];
const SEPARATORS = [',', ', ', ' ', '=', ';', ':', '\r', 'udp:1.2.3.4:5'];

const keyLikeLine = fc
  .tuple(
    fc.constantFrom(...KEYISH),
    fc.constantFrom('=', ' = ', '', '=='),
    fc.array(fc.tuple(fc.constantFrom(...VALUEISH), fc.constantFrom(...SEPARATORS)), { maxLength: 12 }),
  )
  .map(([key, eq, parts]) => key + eq + parts.map(([v, s]) => v + s).join(''));

const keyLikeText = fc.array(keyLikeLine, { maxLength: 30 }).map((lines) => lines.join('\n'));
const binaryText = fc.uint8Array({ maxLength: 400 }).map((bytes) => String.fromCharCode(...bytes));

describe('parseManifest properties', () => {
  it('never throws and keeps diagnostics within the text, for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), checkDiagnostics), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkDiagnostics), { numRuns: 300 });
  });

  it('never throws and keeps diagnostics within the text, for lines of key-like tokens', () => {
    fc.assert(fc.property(keyLikeText, checkDiagnostics), { numRuns: 1000 });
  });

  it('never throws and keeps diagnostics within the text, for binary junk', () => {
    fc.assert(fc.property(binaryText, checkDiagnostics), { numRuns: 300 });
  });
});

// Names that survive a print and parse: no separators, no surrounding whitespace, not empty.
const name = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
  .filter((s) => s.trim() === s && s !== '' && !/[,=\n\r]/.test(s));
const limit = fc.oneof(fc.nat(10), fc.constant(4294967296), fc.maxSafeNat());
const positive = (max: number) => fc.integer({ min: 1, max });
const int31 = positive(2 ** 31 - 1);

function channel(alias: fc.Arbitrary<string>): fc.Arbitrary<ChannelSpec> {
  return fc.record({
    uri: name,
    alias,
    type: fc.constantFrom<ChannelType>(0, 1, 2, 3),
    etag: fc.boolean(),
    gets: limit,
    getSize: limit,
    puts: limit,
    putSize: limit,
    line: fc.constant(0),
  });
}

const stdio = fc.tuple(
  channel(fc.constant('/dev/stdin')),
  channel(fc.constant('/dev/stdout')),
  channel(fc.constant('/dev/stderr')),
);
const others = fc.uniqueArray(
  channel(name.map((n) => `/${n}`).filter((a) => !['/dev/stdin', '/dev/stdout', '/dev/stderr'].includes(a))),
  { selector: (c) => c.alias, maxLength: 8 },
);
const channels = fc
  .tuple(stdio, others)
  .chain(([std, rest]) => fc.shuffledSubarray([...std, ...rest], { minLength: rest.length + 3 }));

const nameServer = fc
  .tuple(fc.array(fc.nat(255), { minLength: 4, maxLength: 4 }), positive(65535))
  .map(([ip, port]) => `udp:${ip.join('.')}:${port}`);

const manifest: fc.Arbitrary<Manifest> = fc.record(
  {
    version: fc.constant('20130611'),
    program: name,
    memory: positive(4294967296),
    memoryEtag: fc.boolean(),
    timeout: int31,
    channels,
    node: int31,
    nameServer,
    job: name,
    etag: name,
  },
  { requiredKeys: ['version', 'program', 'memory', 'memoryEtag', 'timeout', 'channels'] },
);

describe('printManifest properties', () => {
  it('round-trips every valid manifest through parseManifest without errors', () => {
    fc.assert(
      fc.property(manifest, (m) => {
        const text = printManifest(m);
        const { manifest: parsed, diagnostics } = parseManifest(text);
        expect(hasErrors(diagnostics)).toBe(false);
        const firstChannelLine = text.split('\n').findIndex((l) => l.startsWith('Channel')) + 1;
        expect(parsed).toEqual({
          ...m,
          channels: m.channels.map((c, i) => ({ ...c, line: firstChannelLine + i })),
        });
        checkDiagnostics(text);
      }),
      { numRuns: 500 },
    );
  });
});
