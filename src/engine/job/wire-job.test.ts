import { describe, expect, it } from 'vitest';
import { readTarImage } from '../image/tar-image.ts';
import { runSandbox } from '../run/run-sandbox.ts';
import { loadFixture } from '../test-support/fixture-cache.ts';
import { APP_IMAGE_URI, inUri, jobPath, outUri } from './job-paths.ts';
import { planJob } from './plan-job.ts';
import { brief, project } from './test-helpers.ts';
import type { JobNode, JobPlan } from './types.ts';

const GiB = 2 ** 30;

function plan(
  text: string,
  files = project(['app/m.wasm', 'data/a.txt', 'data/b.txt', 'mapper.py']),
): JobPlan {
  const planned = planJob(text, files);
  if (!planned.plan) throw new Error(brief(planned.diagnostics).join('\n'));
  return planned.plan;
}

function node(p: JobPlan, name: string): JobNode {
  const found = p.nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no node ${name}`);
  return found;
}

/** Channels as `alias <- uri (type, r|w)` lines. */
function channels(n: JobNode): string[] {
  return n.manifest.channels.map((c) => `${c.alias} ${c.gets > 0 ? '<-' : '->'} ${c.uri} (${c.type})`);
}

describe('wireJob: manifests as ZeroCloud made them', () => {
  const job = plan(`[
    { "name": "map", "exec": { "path": "app/m.wasm", "args": "--words" },
      "devices": [{ "name": "input", "path": "swift://~/data/*.txt" }, { "name": "stdout" }, { "name": "output" }],
      "connect": ["reduce"] },
    { "name": "reduce", "exec": { "path": "app/m.wasm", "env": { "MODE": "sum" } },
      "devices": [{ "name": "stdout", "path": "swift://~/out/total.txt" }, { "name": "stderr" }] }
  ]`);

  it('each device is a /dev/<name> channel (0 for stdio, 3 otherwise), links are /dev/out and /dev/in', () => {
    expect(channels(node(job, 'map-1'))).toEqual([
      '/dev/stdin <- /dev/null (0)',
      '/dev/stdout -> /dev/stdout (0)',
      '/dev/stderr -> /dev/stderr (0)',
      '/dev/input <- data/a.txt (3)',
      '/dev/output -> zvm://map-1:/dev/output (3)',
      '/dev/out/reduce -> zvm://reduce:/dev/in/map-1 (0)',
    ]);
    expect(channels(node(job, 'reduce'))).toEqual([
      '/dev/stdin <- /dev/null (0)',
      '/dev/stdout -> out/total.txt (0)',
      '/dev/stderr -> /dev/stderr (0)',
      '/dev/in/map-1 <- zvm://map-1:/dev/out/reduce (0)',
      '/dev/in/map-2 <- zvm://map-2:/dev/out/reduce (0)',
    ]);
  });

  it('gives every channel 1 GiB of calls and bytes in its direction, and a 10 s Timeout', () => {
    const [stdin, stdout] = node(job, 'map-1').manifest.channels;
    expect(stdin).toMatchObject({ gets: GiB, getSize: GiB, puts: 0, putSize: 0 });
    expect(stdout).toMatchObject({ gets: 0, getSize: 0, puts: GiB, putSize: GiB });
    expect(node(job, 'map-1').manifest).toMatchObject({
      program: 'app/m.wasm',
      timeout: 10,
      memory: 2 ** 32,
    });
    const quick = planJob('[{ "name": "a", "exec": { "path": "app/m.wasm" } }]', project(['app/m.wasm']), {
      timeout: 2,
    });
    expect(quick.plan!.nodes[0]!.manifest.timeout).toBe(2);
  });

  it('argv[0] is the node name, then exec.args; env from exec.env, plus ZVM_OBJECT for a fanned-out node', () => {
    expect(node(job, 'map-2').nvram).toEqual({
      args: ['map-2', '--words'],
      env: [['ZVM_OBJECT', 'data/b.txt']],
      fstab: [],
      mapping: [],
    });
    expect(node(job, 'reduce').nvram.args).toEqual(['reduce']);
    expect(node(job, 'reduce').nvram.env).toEqual([['MODE', 'sum']]);
  });

  it('passes each node only the project files its channels read', () => {
    expect([...node(job, 'map-2').files.keys()]).toEqual(['data/b.txt']);
    expect([...node(job, 'reduce').files.keys()]).toEqual([]);
  });

  it('lists nodes after the ones sending to them, and records both ends of every link', () => {
    expect(job.nodes.map((n) => n.name)).toEqual(['map-1', 'map-2', 'reduce']);
    expect(node(job, 'reduce').inputs).toEqual(['map-1', 'map-2']);
    expect(node(job, 'map-1').outputs).toEqual(['reduce']);
  });
});

describe('wireJob: images', () => {
  it('runs a Python node on the runtime with the project (less the job’s data) as a read-only tar at /', () => {
    const files = project({
      'mapper.py': 'print(1)',
      'data/a.txt': 'x',
      'data/b.txt': 'y',
      'lib/util.py': '',
    });
    const py = plan(
      '[{ "name": "map", "exec": { "path": "file://python:python", "args": "mapper.py" }, "devices": [{ "name": "python" }, { "name": "input", "path": "data/b.txt" }] }]',
      files,
    ).nodes[0]!;
    expect(py.manifest.program).toBe('runtime:python');
    expect(py.nvram.args).toEqual(['map', 'mapper.py']);
    expect(channels(py)).toContain(`/dev/image <- ${APP_IMAGE_URI} (3)`);
    expect(py.nvram.fstab).toEqual([
      { channel: '/dev/image', mountpoint: '/', access: 'ro', removable: false, line: 0 },
    ]);
    const tar = readTarImage(py.files.get(jobPath(APP_IMAGE_URI))!);
    expect(tar.ok && tar.entries.map((e) => e.path)).toEqual(['data/a.txt', 'lib/util.py', 'mapper.py']);
  });

  it('mounts an image device with a path (a tar in the project) instead', () => {
    const files = project({ 'app/m.wasm': '', 'lib.tar': 'tar bytes' });
    const n = plan(
      '[{ "name": "a", "exec": { "path": "app/m.wasm" }, "devices": [{ "name": "image", "path": "swift://~/lib.tar" }] }]',
      files,
    ).nodes[0]!;
    expect(channels(n)).toContain('/dev/image <- lib.tar (3)');
    expect([...n.files.keys()]).toEqual(['lib.tar']);
    expect(n.nvram.fstab).toHaveLength(1);
  });
});

describe('wired nodes in a real guest', () => {
  it('can list /dev/in and /dev/out to find their peers', () => {
    const files = project(['src.wasm']);
    files.set('list-dir.wasm', loadFixture('list-dir'));
    const job = plan(
      `[
        { "name": "a", "count": 2, "exec": { "path": "src.wasm" }, "connect": ["lister"] },
        { "name": "lister", "exec": { "path": "list-dir.wasm", "args": "/dev/in" },
          "devices": [{ "name": "stdout" }], "connect": ["sink-x", "sink-y"] },
        { "name": "sink-x", "exec": { "path": "src.wasm" } },
        { "name": "sink-y", "exec": { "path": "src.wasm" } }
      ]`,
      files,
    );
    const lister = node(job, 'lister');
    const run = (args: string[]) => {
      const inputs = new Map(lister.files);
      for (const from of lister.inputs)
        inputs.set(jobPath(inUri(from, 'lister')), new TextEncoder().encode(from));
      return runSandbox({
        manifest: lister.manifest,
        nvram: { ...lister.nvram, args },
        program: files.get('list-dir.wasm')!,
        files: inputs,
      });
    };
    const listIn = run(['lister', '/dev/in']);
    expect(listIn.state).toBe('ok');
    expect(new TextDecoder().decode(listIn.stdout)).toBe('a-1\na-2\n');
    expect(new TextDecoder().decode(run(['lister', '/dev/out']).stdout)).toBe('sink-x\nsink-y\n');
    expect(new TextDecoder().decode(run(['lister', '/dev']).stdout)).toBe('in\nout\nstderr\nstdin\nstdout\n');
    // Writes to /dev/out/<dst> come back as changes under the link's zvm:// path.
    expect(jobPath(outUri('lister', 'sink-x'))).toBe('zvm:/sink-x:/dev/in/lister');
  });
});
