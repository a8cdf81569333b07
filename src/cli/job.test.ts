import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCToWasm } from '../../scripts/c-to-wasm.ts';
import { copyFixture, lines, makeTempDir, removeTempDirs, zvm } from './cli-test-support.ts';

// `zvm job` on the example projects: nodes in worker threads, outputs printed per node, files written back.
const EXAMPLES = fileURLToPath(new URL('../app/examples/', import.meta.url));
const SLOW = 120_000;
const TOTALS =
  '     14 data/a.txt\n     21 data/b.txt\n     15 data/c.txt\n     28 data/d.txt\n     78 total (4 mappers)\n';

/** A temp copy of an example project with its C programs compiled beside their sources. */
async function exampleDir(name: string, programs: string[]): Promise<string> {
  const dir = makeTempDir();
  cpSync(join(EXAMPLES, name), dir, { recursive: true });
  for (const program of programs)
    writeFileSync(join(dir, `${program}.wasm`), await compileCToWasm(join(dir, `${program}.c`)));
  return dir;
}

let mapreduce: string;
let pipeline: string;
beforeAll(async () => {
  mapreduce = await exampleDir('mapreduce', ['mapper', 'reducer']);
  pipeline = await exampleDir('pipeline', ['producer', 'upper']);
}, 600_000);
afterAll(removeTempDirs);

describe('zvm job', () => {
  it(
    'runs the C word count: each node’s stdout in a block, the summary on stderr, exit 0',
    { timeout: SLOW },
    () => {
      const result = zvm(['job', 'wordcount.job.json', '--jobs', '2'], { cwd: mapreduce, timeout: SLOW });
      expect(result.stdout).toBe(
        [
          '==> map-1 <==\ndata/a.txt: 14 words\n',
          '==> map-2 <==\ndata/b.txt: 21 words\n',
          '==> map-3 <==\ndata/c.txt: 15 words\n',
          '==> map-4 <==\ndata/d.txt: 28 words\n',
          `==> reduce <==\n${TOTALS}`,
        ].join(''),
      );
      expect(result.stderr).toMatch(/^zvm job: wordcount: 5 nodes done in \d+ ms\n$/);
      expect(result.status).toBe(0);
    },
  );

  it('runs the Python mappers on the built-in runtime', { timeout: SLOW }, () => {
    const result = zvm(['job', join(mapreduce, 'wordcount-py.job.json')], { timeout: SLOW });
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith(`==> reduce <==\n${TOTALS}`)).toBe(true);
  });

  it('writes the job report as JSON with --report -', { timeout: SLOW }, () => {
    const result = zvm(['job', 'pipeline.job.json', '--report', '-'], { cwd: pipeline, timeout: SLOW });
    expect(result.status).toBe(0);
    const json = result.stdout.slice(result.stdout.indexOf('\n{') + 1);
    const report = JSON.parse(json) as {
      name: string;
      state: string;
      nodes: Array<{ name: string; status: string; report: { state: string; stderr: string } }>;
      edges: Array<{ from: string; to: string; bytes: number }>;
      changes: Array<{ path: string; bytes: number }>;
      criticalPath: { nodes: string[] };
    };
    expect(report).toMatchObject({ name: 'pipeline', state: 'done' });
    expect(report.nodes.map((n) => [n.name, n.status, n.report.state])).toEqual([
      ['producer', 'done', 'ok'],
      ['upper', 'done', 'ok'],
    ]);
    expect(report.nodes[0]!.report.stderr).toBe('producer: sent 3 lines\n');
    expect(report.edges).toEqual([{ from: 'producer', to: 'upper', bytes: 108, delivered: true }]);
    expect(report.changes).toEqual([{ path: 'out/poem-upper.txt', bytes: 108 }]);
    expect(report.criticalPath.nodes).toEqual(['producer', 'upper']);
  });

  it('writes output devices with paths back to the work folder', { timeout: SLOW }, () => {
    const result = zvm(['job', 'pipeline.job.json'], { cwd: pipeline, timeout: SLOW });
    expect(result.status).toBe(0);
    expect(lines(result.stdout)[0]).toBe('==> upper <==');
    expect(lines(result.stderr)).toEqual([
      '==> producer (stderr) <==',
      'producer: sent 3 lines',
      expect.stringMatching(/^zvm job: pipeline: 2 nodes done in \d+ ms$/),
    ]);
    expect(readFileSync(join(pipeline, 'out/poem-upper.txt'), 'utf8')).toMatch(/^1: TWO SANDBOXES/);
  });

  it('exits 1 when a node fails, saying which and why; its dependants are skipped', { timeout: SLOW }, () => {
    const dir = makeTempDir();
    copyFixture(dir, 'exit-code');
    writeFileSync(
      join(dir, 'fails.job.json'),
      JSON.stringify([
        { name: 'ok', exec: { path: 'exit-code.wasm' } },
        { name: 'bad', exec: { path: 'exit-code.wasm', args: '3' }, connect: ['after'] },
        { name: 'after', exec: { path: 'exit-code.wasm' } },
      ]),
    );
    const result = zvm(['job', 'fails.job.json'], { cwd: dir, timeout: SLOW });
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: 'zvm job: bad failed: finished with code 3; after skipped\n',
    });
  });

  it('refuses an invalid map with exit 125 and positioned diagnostics', () => {
    const dir = makeTempDir();
    writeFileSync(
      join(dir, 'bad.job.json'),
      '[\n  { "name": "map", "exec": { "path": "missing.wasm" }, "connect": ["reduce"] }\n]\n',
    );
    const result = zvm(['job', 'bad.job.json'], { cwd: dir });
    expect(result.status).toBe(125);
    expect(lines(result.stderr)).toEqual([
      'bad.job.json:2:68: error: group 1 (map): connect names "reduce", but no group has that name',
      'zvm job: refused: the job has errors',
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('checks its flags: --jobs must be a positive whole number', () => {
    expect(zvm(['job', 'x.json', '--jobs', '0'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'zvm job: --jobs needs a positive whole number, got "0"\n',
    });
    expect(zvm(['job']).stderr).toMatch(/^zvm job: usage: zvm job SYSTEM_MAP/);
  });
});

describe('zvm check on a job', () => {
  it('accepts the examples', () => {
    for (const file of ['wordcount.job.json', 'wordcount-py.job.json'])
      expect(zvm(['check', file], { cwd: mapreduce })).toEqual({
        status: 0,
        stdout: `${file}: 0 error(s), 0 warning(s)\n`,
        stderr: '',
      });
  });

  it('prints every problem with its line and column against the files beside the map, exit 1', () => {
    writeFileSync(
      join(mapreduce, 'broken.json'),
      [
        '[',
        '  { "name": "map", "exec": { "path": "mapper.wasm" }, "replicate": 2,',
        '    "devices": [{ "name": "input", "path": "swift://~/data/*.csv" }] }',
        ']',
      ].join('\n'),
    );
    const result = zvm(['check', 'broken.json'], { cwd: mapreduce });
    expect(result.status).toBe(1);
    expect(lines(result.stdout)).toEqual([
      'broken.json:2:55: warning: group 1 (map): `replicate` is accepted but has no effect here: the playground runs one copy of each node',
      'broken.json:3:44: error: group 1 (map): swift://~/data/*.csv matches no project file (it looks for data/*.csv, where * stands for any part of one file name)',
      'broken.json: 1 error(s), 1 warning(s)',
    ]);
  });
});
