import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, makeTempDir, removeTempDirs, stdioChannels, writeManifest, zvm } from './cli-test-support.ts';

// `zvm check` prints diagnostics only; the usage paths exit 2.
let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(removeTempDirs);

describe('zvm check', () => {
  it('accepts a valid manifest: a summary line, exit 0', () => {
    writeManifest(dir, 'good.manifest', { program: 'hello.wasm', channels: stdioChannels() });
    const result = zvm(['check', 'good.manifest'], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: 'good.manifest: 0 error(s), 0 warning(s)\n', stderr: '' });
  });

  it('lists every problem with its line and column, then exits 1', () => {
    writeFileSync(
      join(dir, 'broken.manifest'),
      [
        'Version = 20130611',
        'Program = hello.wasm',
        'Memory = 64 MiB, 0',
        'Timeout = 10',
        ...stdioChannels(),
        'Channel = data.txt, /dev/input, 7, 0, 1, 1, 0, 0',
      ].join('\n') + '\n',
    );
    const result = zvm(['check', 'broken.manifest'], { cwd: dir });
    expect(result.status).toBe(1);
    const out = lines(result.stdout);
    expect(out).toEqual([
      expect.stringMatching(/^broken\.manifest:3:10: error: Memory /),
      expect.stringMatching(/^broken\.manifest:8:\d+: error: .*type/i),
      'broken.manifest: 2 error(s), 0 warning(s)',
    ]);
  });

  it('treats an unknown key as a warning: printed, but exit 0', () => {
    writeFileSync(
      join(dir, 'odd.manifest'),
      ['Version = 20130611', 'Program = hello.wasm', 'Memory = 67108864, 0', 'Timeout = 10', 'Colour = blue']
        .concat(stdioChannels())
        .join('\n') + '\n',
    );
    const result = zvm(['check', 'odd.manifest'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual([
      expect.stringMatching(/^odd\.manifest:5:1: warning: unknown key 'Colour' is ignored/),
      'odd.manifest: 0 error(s), 1 warning(s)',
    ]);
  });
});

describe('zvm usage', () => {
  it('with no arguments prints the usage on stderr and exits 2', () => {
    const result = zvm([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('zvm run MANIFEST');
    expect(result.stderr).toContain('zvm exec ');
  });

  it('--help prints the usage on stdout and exits 0', () => {
    const result = zvm(['--help']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain('zvm check MANIFEST|JOB');
  });

  it('names an unknown command and shows the usage, exit 2', () => {
    const result = zvm(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^zvm: unknown command "frobnicate"\n/);
    expect(result.stderr).toContain('zvm run MANIFEST');
  });

  it('names an unknown flag, exit 2', () => {
    expect(zvm(['exec', '--bogus', 'x.wasm'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'zvm exec: unknown option --bogus\n',
    });
  });

  it('checks flag values before looking for the program', () => {
    const result = zvm(['exec', '--timeout', 'soon', 'missing.wasm'], { cwd: dir });
    expect(result).toMatchObject({
      status: 2,
      stderr: 'zvm exec: --timeout needs a positive number, got "soon"\n',
    });
  });

  it('says what is missing when run has no manifest, exit 2', () => {
    const result = zvm(['run']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^zvm run: usage: zvm run MANIFEST/);
  });

  it('says what is missing when job has no map, exit 2', () => {
    const result = zvm(['job']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^zvm job: usage: zvm job SYSTEM_MAP/);
  });

  it('names a job map that cannot be read, exit 2', () => {
    const result = zvm(['job', 'system.map.json'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(/^zvm job: cannot read the job \(system\.map\.json\): ENOENT/),
    ]);
  });
});
