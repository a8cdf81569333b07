#!/usr/bin/env node
// Compiles the C test fixtures (src/engine/test-support/fixtures/*.c) into .cache/fixtures, exactly as
// the vitest global setup does; only fixtures whose source, flags or clang version changed are rebuilt.
//
//   node scripts/build-fixtures.mjs [--list]
import { register } from 'tsx/esm/api';

register();
const { buildFixtures } = await import('../src/engine/test-support/build-fixtures.ts');
const start = performance.now();
let compiled = 0;
const fixtures = await buildFixtures({
  onCompiled: (name, ms) => {
    compiled++;
    console.log(`compiled ${name}.c in ${ms} ms`);
  },
});
const total = Object.keys(fixtures).length;
console.log(`${total} fixtures ready, ${compiled} compiled, in ${Math.round(performance.now() - start)} ms`);
if (process.argv.includes('--list')) {
  for (const [name, path] of Object.entries(fixtures)) console.log(`${name}\t${path}`);
}
