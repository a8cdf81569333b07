/** Median and spread of repeated measurements. */
export interface Summary {
  median: number;
  p10: number;
  p90: number;
  n: number;
}

/** Summarises samples (ms or ratios) as median with 10th and 90th percentiles. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), n: sorted.length };
}

/** Times `fn` `reps` times after `warmup` untimed calls, in ms. */
export async function timeIt(
  fn: () => unknown | Promise<unknown>,
  reps: number,
  warmup = 1,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

/**
 * Ratio a/b measured fairly on a noisy machine: the two are run alternately, pair by pair, and the median of
 * the per-pair ratios is taken (so a slow patch of the machine hits both sides of a pair).
 */
export async function pairedRatio(
  a: () => unknown | Promise<unknown>,
  b: () => unknown | Promise<unknown>,
  pairs: number,
): Promise<{ ratio: Summary; a: Summary; b: Summary }> {
  await a();
  await b();
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const [ta] = await timeIt(a, 1, 0);
    const [tb] = await timeIt(b, 1, 0);
    as.push(ta!);
    bs.push(tb!);
    ratios.push(ta! / tb!);
  }
  return { ratio: summarize(ratios), a: summarize(as), b: summarize(bs) };
}
