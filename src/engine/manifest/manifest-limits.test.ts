import { describe, it, expect } from 'vitest';
import { MANIFEST_LIMITS, utf8Length } from './limits.ts';
import { parseManifest } from './parse-manifest.ts';

const VALID = [
  'Version = 20130611',
  'Program = hello.wasm',
  'Memory = 67108864, 0',
  'Timeout = 10',
  'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0',
  'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1024, 1048576',
  'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576',
].join('\n');

function problems(text: string): string[] {
  return parseManifest(text).diagnostics.map(
    (d) => `${d.line}:${d.column}-${d.endColumn} ${d.severity}: ${d.message}`,
  );
}

/** `VALID` padded with `line` repeated until the text is exactly `bytes` long (for one-byte `line`s). */
function padTo(bytes: number, line: string): string {
  let text = VALID;
  while (text.length + line.length + 1 <= bytes) text += `\n${line}`;
  return text + '\n' + '#'.repeat(Math.max(0, bytes - text.length - 1));
}

describe('ZeroVM size limits', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\ud800x')).toBe(4);
  });

  it('refuses text over 512 KiB with one error, counting bytes not characters', () => {
    const text = VALID + '\n#' + 'é'.repeat(MANIFEST_LIMITS.bytes / 2);
    expect(text.length).toBeLessThan(MANIFEST_LIMITS.bytes);
    const result = parseManifest(text);
    expect(result.manifest).toBeUndefined();
    expect(
      result.diagnostics.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.severity}: ${d.message}`),
    ).toEqual([
      `1:1-2 error: the manifest is ${utf8Length(text)} bytes long; ZeroVM reads at most 524288 bytes (512 KiB)`,
    ]);
  });

  it('accepts exactly 512 KiB', () => {
    const text = padTo(MANIFEST_LIMITS.bytes, '# ' + 'c'.repeat(200));
    expect(utf8Length(text)).toBe(MANIFEST_LIMITS.bytes);
    expect(parseManifest(text).diagnostics).toEqual([]);
  });

  // Speed belongs to `npm run bench`; here only that the work and the diagnostics stay bounded.
  it('stays bounded on 512 KiB of broken lines', () => {
    const inputs = [
      padTo(MANIFEST_LIMITS.bytes, 'x'),
      padTo(MANIFEST_LIMITS.bytes, 'memroy = 1'),
      padTo(MANIFEST_LIMITS.bytes, 'Channel = a, b, 9, 9, -1, -1, x, y'),
      padTo(
        MANIFEST_LIMITS.bytes,
        ',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,=,,,',
      ),
      VALID + '\nEtag = ' + ','.repeat(MANIFEST_LIMITS.bytes - VALID.length - 10),
    ];
    for (const text of inputs) {
      const result = parseManifest(text);
      expect(result.diagnostics.length).toBeLessThanOrEqual(MANIFEST_LIMITS.diagnostics);
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('reports more than 8192 lines once, on line 8193', () => {
    // VALID has 7 lines; a final newline does not start a line of its own.
    expect(problems(VALID + '\n#'.repeat(8192 - 7))).toEqual([]);
    expect(problems(VALID + '\n#'.repeat(8192 - 7) + '\n')).toEqual([]);
    expect(problems(VALID + '\n#'.repeat(8192 - 7 + 11))).toEqual([
      '8193:1-2 error: the manifest has 8203 lines; ZeroVM reads at most 8192, so this line and the ones after it would be lost',
    ]);
  });

  it('limits a value to 16 comma-separated tokens', () => {
    expect(problems(VALID + '\nEtag = ' + 'a,'.repeat(15) + 'a').filter((p) => p.includes('error'))).toEqual(
      [],
    );
    expect(problems(VALID + '\nEtag = ' + 'a,'.repeat(16) + 'a')).toEqual([
      '8:8-41 error: ZeroVM allows at most 16 comma-separated values on one line; this line has 17',
    ]);
    expect(problems(VALID + '\nChannel = ' + 'a,'.repeat(16) + 'a')[0]).toMatch(/at most 16 .* has 17$/);
  });

  it('limits a key or a value to 8192 bytes', () => {
    expect(problems(VALID + '\nEtag = ' + 'v'.repeat(8192))).toHaveLength(1);
    expect(problems(VALID + '\nEtag = ' + 'v'.repeat(8193))).toEqual([
      '8:8-8201 error: this value is 8193 bytes long; ZeroVM allows 8192 at most',
    ]);
    expect(problems(VALID + '\nEtag = ' + 'é'.repeat(4097))[0]).toMatch(
      /^8:8-4105 error: this value is 8194 bytes/,
    );
    expect(problems(VALID + '\n' + 'K'.repeat(8193) + ' = 1')).toEqual([
      '8:1-8194 error: this key is 8193 bytes long; ZeroVM allows 8192 at most',
    ]);
  });

  it('limits the manifest to 10915 channels', () => {
    const extra = Array.from({ length: 10915 - 3 + 2 }, (_, i) => `Channel=a,/d/${i},0,0,1,1,0,0`);
    const list = problems([VALID, ...extra].join('\n'));
    expect(list).toEqual([
      '8193:1-30 error: the manifest has 10921 lines; ZeroVM reads at most 8192, so this line and the ones after it would be lost',
      '10920:9-31 error: ZeroVM allows at most 10915 channels; this is channel 10916, so it and the ones after it are ignored',
    ]);
  });

  it('caps diagnostics at 200, the last one summing up the rest, keeping end-of-file errors', () => {
    const text = Array.from({ length: 300 }, () => 'Foo = 1').join('\n');
    const { diagnostics } = parseManifest(text);
    expect(diagnostics).toHaveLength(200);
    expect(diagnostics.filter((d) => d.message.startsWith('the manifest has no'))).toHaveLength(4);
    expect(diagnostics.filter((d) => d.message.startsWith('there is no channel'))).toHaveLength(3);
    expect(diagnostics.at(-1)).toEqual({
      line: 193,
      column: 1,
      endColumn: 2,
      severity: 'warning',
      message:
        '108 more problems not shown (0 errors, 108 warnings) from this line on; fix the ones above and check again',
    });
  });
});
