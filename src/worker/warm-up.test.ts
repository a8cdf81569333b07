import { describe, expect, it } from 'vitest';
import { warmUp } from './warm-up.ts';

describe('warmUp', () => {
  it('runs the built-in program to a clean exit', () => {
    const report = warmUp();
    expect(report).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(new TextDecoder().decode(report.stdout)).toBe('.');
  });
});
