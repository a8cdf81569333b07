import { describe, expect, it } from 'vitest';
import { checkSchema, describeIssues } from './schema.ts';

/** The error lines check.json would get for one requirement. */
function errorsFor(requirement: unknown): string[] {
  const data = { expect: [{ exit: 'ok' }, requirement] };
  const parsed = checkSchema.safeParse(data);
  return parsed.success ? [] : describeIssues('l/check.json', parsed.error, data);
}

describe('check.json schema', () => {
  it('accepts every kind of requirement', () => {
    const kinds = [
      { exit: 'quota', code: 0, hint: 'h' },
      { stdout: { lines: 3 } },
      { stderr: { regex: '^x' }, node: 'reduce' },
      { file: 'out.txt', sha256: 'a'.repeat(64) },
      { file: 'x', exists: false },
      { channel: '/dev/stdout', bytesRead: { max: 4 } },
      { channel: '/dev/stdout', limit: { puts: 10, type: 1 } },
      { manifest: { memory: { min: 1 }, timeout: { max: 2 } } },
      { deterministic: true },
      { trace: { call: 'fd_seek', errno: 'ESPIPE', count: 1 } },
      { report: { argv: ['a'], state: 'ok' } },
      { job: 'done' },
      { nodes: { min: 4 } },
    ];
    for (const kind of kinds) expect(errorsFor(kind), JSON.stringify(kind)).toEqual([]);
  });

  it('names the field and what it needs when a requirement is malformed', () => {
    expect(errorsFor({ channel: '/dev/stdout', limits: {} })).toEqual([
      'l/check.json: expect[1]: needs one of "writes", "reads", "bytesWritten", "bytesRead", "quotaHit", "limit" (not "limits")',
    ]);
    expect(errorsFor({ stdout: { equal: 'x' } })).toEqual([
      'l/check.json: expect[1].stdout: needs one of "equals", "contains", "regex", "lines" (not "equal")',
    ]);
    expect(errorsFor({ exit: 'fine' })).toEqual([
      expect.stringMatching(/^l\/check\.json: expect\[1\]\.exit: /),
    ]);
    expect(errorsFor({ file: 'a', sha256: 'zz' })).toEqual([
      expect.stringMatching(/^l\/check\.json: expect\[1\]\.sha256: /),
    ]);
    expect(errorsFor({ nonsense: 1 })).toEqual([
      expect.stringMatching(
        /^l\/check\.json: expect\[1\]: needs one of "exit", "stdout", .* \(not "nonsense"\)$/,
      ),
    ]);
  });
});
