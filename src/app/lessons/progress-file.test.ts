import { describe, expect, it } from 'vitest';
import { progressFromFile, progressToFile } from './progress-file.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('lesson progress files', () => {
  it('round-trips done flags, the learner files and the start they began from', () => {
    const progress = {
      'zerovm-101/01-hello': {
        done: true,
        files: { 'greet.c': enc('int main(){}'), 'x/y.txt': enc('é') },
        startKey: '1a2b3c',
      },
      'zerovm-101/02-manifest': { done: false },
    };
    const back = progressFromFile(progressToFile(progress));
    expect(back).toEqual({ ok: true, progress });
  });

  it('refuses junk, other JSON, and unsafe paths with a sentence', () => {
    expect(progressFromFile(enc('not json'))).toEqual({
      ok: false,
      error: expect.stringContaining('not JSON'),
    });
    expect(progressFromFile(enc('{"format":"x"}'))).toEqual({
      ok: false,
      error: expect.stringContaining('not lesson progress'),
    });
    const evil = progressToFile({ 'w/l': { done: true, files: { 'a.txt': enc('x') } } });
    const text = new TextDecoder().decode(evil).replace('"a.txt"', '"../../etc/passwd"');
    const result = progressFromFile(enc(text));
    expect(result.ok).toBe(false);
  });
});
