import { describe, expect, it } from 'vitest';
import { DeterministicClock, RealClock } from './clock.ts';
import { CLOCKID_MONOTONIC, CLOCKID_REALTIME } from './constants.ts';

describe('DeterministicClock', () => {
  it('starts at [time] and moves 1 µs per call', () => {
    const clock = new DeterministicClock(1370454582);
    expect(clock.now(CLOCKID_REALTIME)).toBe(1370454582_000_001_000n);
    expect(clock.now(CLOCKID_REALTIME)).toBe(1370454582_000_002_000n);
    expect(clock.now(CLOCKID_MONOTONIC)).toBe(3_000n);
  });

  it('sleeping only moves the clock', () => {
    const clock = new DeterministicClock(0);
    clock.advance(5_000_000_000n);
    expect(clock.now(CLOCKID_MONOTONIC)).toBe(5_000_001_000n);
  });

  it('gives the same random bytes for the same seed and different ones for another', () => {
    const a = new Uint8Array(37);
    const b = new Uint8Array(37);
    const c = new Uint8Array(37);
    new DeterministicClock(0).fillRandom(a);
    new DeterministicClock(0).fillRandom(b);
    new DeterministicClock(0, 42n).fillRandom(c);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBeGreaterThan(20);
  });
});

describe('RealClock', () => {
  it('reads real time and fills large buffers with crypto randomness', () => {
    const clock = new RealClock();
    const now = BigInt(Date.now()) * 1_000_000n;
    expect(clock.now(CLOCKID_REALTIME) >= now - 1_000_000_000n).toBe(true);
    const big = new Uint8Array(200_000);
    clock.fillRandom(big);
    expect(big.subarray(150_000).some((b) => b !== 0)).toBe(true);
  });
});
