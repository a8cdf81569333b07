import { prepareProgram } from '../engine/run/run-sandbox.ts';
import type { PreparedProgram } from '../engine/run/run-sandbox.ts';

/** How many compiled programs a worker keeps (Python's runtime alone is a large module). */
export const PREPARED_CACHE_SIZE = 4;

/** The last few compiled programs, by (program key, Memory limit), so a warm run skips compilation. */
export class PreparedCache {
  private readonly entries = new Map<string, PreparedProgram>();

  constructor(private readonly capacity = PREPARED_CACHE_SIZE) {}

  /** The compiled program, from the cache or compiled now; undefined when the sandbox refuses it. */
  prepare(programKey: string, bytes: Uint8Array, memoryLimit: number): PreparedProgram | undefined {
    const key = `${programKey}@${memoryLimit}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh its place: the oldest entry is dropped first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    // A refused program is not cached: the run itself reports the reason.
    const prepared = prepareProgram(bytes, memoryLimit);
    if (!prepared.ok) return undefined;
    this.entries.set(key, prepared.program);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return prepared.program;
  }

  /** Number of cached programs. */
  get size(): number {
    return this.entries.size;
  }
}
