import { CLOCKID_REALTIME } from './constants.ts';

/** The sandbox's view of time and randomness: deterministic (ZRT) or real. */
export interface SandboxClock {
  /** Current value of a WASI clock in nanoseconds. */
  now(clockId: number): bigint;
  /** Moves time forward, as sleeping does. */
  advance(nanoseconds: bigint): void;
  /** Fills `target` with random bytes. */
  fillRandom(target: Uint8Array): void;
  /** Nanosecond timestamp for files created during the run. */
  fileTime(): bigint;
}

const MICROSECOND = 1000n;

/**
 * ZRT's "infinitely fast computer": the clock starts at `[time]` seconds and moves 1 µs per call;
 * randomness is a seeded PRNG. Same program, same inputs: same outputs.
 */
export class DeterministicClock implements SandboxClock {
  private elapsed = 0n;
  private readonly start: bigint;
  private state: bigint;

  constructor(startSeconds = 0, seed = 0x5eed_2e70_5eedn) {
    this.start = BigInt(Math.trunc(startSeconds)) * 1_000_000_000n;
    this.state = BigInt.asUintN(64, seed);
  }

  now(clockId: number): bigint {
    this.elapsed += MICROSECOND;
    return clockId === CLOCKID_REALTIME ? this.start + this.elapsed : this.elapsed;
  }

  advance(nanoseconds: bigint): void {
    if (nanoseconds > 0n) this.elapsed += nanoseconds;
  }

  fileTime(): bigint {
    this.elapsed += MICROSECOND;
    return this.start + this.elapsed;
  }

  fillRandom(target: Uint8Array): void {
    for (let i = 0; i < target.length; i += 8) {
      let word = this.next();
      for (let j = i; j < Math.min(i + 8, target.length); j++) {
        target[j] = Number(word & 0xffn);
        word >>= 8n;
      }
    }
  }

  // splitmix64: small, well-distributed, and reproducible everywhere.
  private next(): bigint {
    this.state = BigInt.asUintN(64, this.state + 0x9e3779b97f4a7c15n);
    let z = this.state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  }
}

/** Real time and crypto randomness, for runs with determinism switched off. */
export class RealClock implements SandboxClock {
  private readonly origin = performance.now();
  private sleptNs = 0n;

  now(clockId: number): bigint {
    if (clockId === CLOCKID_REALTIME) return BigInt(Date.now()) * 1_000_000n + this.sleptNs;
    return BigInt(Math.round((performance.now() - this.origin) * 1e6)) + this.sleptNs;
  }

  // A sandbox cannot block its worker without stalling it, so sleeping only moves its clocks.
  advance(nanoseconds: bigint): void {
    if (nanoseconds > 0n) this.sleptNs += nanoseconds;
  }

  fileTime(): bigint {
    return BigInt(Date.now()) * 1_000_000n;
  }

  fillRandom(target: Uint8Array): void {
    for (let i = 0; i < target.length; i += 65536)
      crypto.getRandomValues(target.subarray(i, i + 65536) as Uint8Array<ArrayBuffer>);
  }
}
