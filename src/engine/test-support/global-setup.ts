import { buildFixtures } from './build-fixtures.ts';

/** Vitest global setup: compiles the C fixtures into `.cache/fixtures` (only those whose source changed). */
export default async function setup(): Promise<void> {
  const start = performance.now();
  let compiled = 0;
  const fixtures = await buildFixtures({
    onCompiled: (name, ms) => {
      compiled++;
      console.log(`fixtures: compiled ${name}.c in ${ms} ms`);
    },
  });
  const total = Object.keys(fixtures).length;
  const ms = Math.round(performance.now() - start);
  console.log(`fixtures: ${total} ready, ${compiled} compiled, in ${ms} ms`);
}
