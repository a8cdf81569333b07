import type { WaitListener } from './byte-pipe.ts';

const TOTAL = 0;
const SINCE = 1;

/**
 * Time the sandbox spent blocked on its host (waiting for input, or for a slow consumer), in shared memory:
 * the sandbox thread records it, the thread that enforces Timeout leaves it out. Epoch milliseconds, as both
 * threads share Date.now() but not performance.now()'s origin.
 */
export class WaitClock implements WaitListener {
  private readonly slots: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * 8)) {
    this.slots = new Float64Array(buffer);
  }

  waitStarted(): void {
    this.slots[SINCE] = Date.now();
  }

  waitEnded(): void {
    const since = this.slots[SINCE]!;
    if (since > 0) this.slots[TOTAL]! += Date.now() - since;
    this.slots[SINCE] = 0;
  }

  /** Milliseconds spent waiting so far, the wait under way included. */
  waitedMs(now = Date.now()): number {
    const since = this.slots[SINCE]!;
    return this.slots[TOTAL]! + (since > 0 ? Math.max(0, now - since) : 0);
  }

  /** Whether the sandbox is waiting right now. */
  get waiting(): boolean {
    return this.slots[SINCE]! > 0;
  }
}
