import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { buildFixtures } from '../src/engine/test-support/build-fixtures.ts';
import { runNodeSuite } from './node-suite.ts';

// `npm run bench`: the performance figures of DESIGN.md, as medians with spread and as ratios taken in one run.
const log = (line: string) => console.log(line);
await buildFixtures();
const node = await runNodeSuite(log);
const results = {
  date: new Date().toISOString(),
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  ...node,
};
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
log('wrote bench/results.json');
