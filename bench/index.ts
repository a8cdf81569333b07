import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { buildFixtures } from '../src/engine/test-support/build-fixtures.ts';
import { runBrowserSuite } from './browser-suite.ts';
import { runNodeSuite } from './node-suite.ts';
import { formatTable } from './table.ts';

// `npm run bench`: the performance figures of DESIGN.md, as medians with spread and as ratios taken in one run.
// `npm run bench -- node` or `-- browser` runs one side only.
const log = (line: string) => console.log(line);
const only = process.argv[2];
await buildFixtures();
const node = only === 'browser' ? {} : await runNodeSuite(log);
const browser = only === 'node' ? {} : await runBrowserSuite(log);
const results = {
  date: new Date().toISOString(),
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  ...node,
  ...browser,
};
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
const table = formatTable(results);
writeFileSync('bench/results.md', `${table}\n`);
log(`\n${table}\nwrote bench/results.json and bench/results.md`);
