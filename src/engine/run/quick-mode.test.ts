import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/parse-manifest.ts';
import { parseNvram } from '../nvram/parse-nvram.ts';
import { loadFixture } from '../test-support/fixture-cache.ts';
import { bytes, changedFile, text } from '../test-support/sandbox-run.ts';
import { I32, PROC_EXIT, call, i32Const, wasiProgram } from '../test-support/wasi-program.ts';
import { QUICK_LIMIT, QUICK_NVRAM_PATH, quickRun } from './quick-mode.ts';
import type { QuickRunOptions } from './quick-mode.ts';
import type { RunReport } from './report.ts';
import { runSandbox } from './run-sandbox.ts';

/** Runs a fixture the way `zvm exec` does: generated manifest, nvram placed in the project. */
function exec(
  fixture: string,
  options: Omit<QuickRunOptions, 'program'> & { files?: Record<string, string> } = {},
  program = loadFixture(fixture),
): RunReport {
  const { files = {}, ...rest } = options;
  const quick = quickRun({ program: `${fixture}.wasm`, ...rest });
  const project = new Map(Object.entries(files).map(([path, data]) => [path, bytes(data)]));
  project.set(quick.nvramPath, bytes(quick.nvramText));
  return runSandbox({ manifest: quick.manifest, program, files: project });
}

/** A command that unlinks `path` beneath the preopened root (fd 3) and exits with the errno. */
function unlinkCommand(path: string): Uint8Array {
  const pathBytes = [...new TextEncoder().encode(path)];
  const unlink = { call: 'path_unlink_file', params: [I32, I32, I32], results: [I32] };
  const body = [...i32Const(3), ...i32Const(16), ...i32Const(pathBytes.length), ...call(0), ...call(1)];
  return wasiProgram([unlink, PROC_EXIT], body, { at: 16, bytes: pathBytes });
}

describe('quickRun: what zvsh generates', () => {
  it('prints a manifest that parses back without errors, with stdio at 2^32 limits', () => {
    const quick = quickRun({ program: 'hello.wasm' });
    const { manifest, diagnostics } = parseManifest(quick.manifestText);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(manifest?.program).toBe('hello.wasm');
    const byAlias = new Map(manifest?.channels.map((c) => [c.alias, c]));
    expect(byAlias.get('/dev/stdin')).toMatchObject({ uri: '/dev/stdin', gets: 2 ** 32, getSize: 2 ** 32 });
    expect(byAlias.get('/dev/stdin')).toMatchObject({ puts: 0, putSize: 0 });
    for (const alias of ['/dev/stdout', '/dev/stderr']) {
      expect(byAlias.get(alias)).toMatchObject({ uri: alias, gets: 0, puts: 2 ** 32, putSize: 2 ** 32 });
    }
    expect(byAlias.get('/dev/nvram')).toMatchObject({ uri: QUICK_NVRAM_PATH, gets: QUICK_LIMIT });
    expect(QUICK_LIMIT).toBe(2 ** 32);
    expect(manifest?.channels.map(({ line: _line, ...c }) => c)).toEqual(
      quick.manifest.channels.map(({ line: _line, ...c }) => c),
    );
  });

  it('prints an nvram that parses back to the same args, env and mounts', () => {
    const quick = quickRun({
      program: 'bin/tool.wasm',
      args: ['a b', 'c,d', '"quoted"'],
      env: [['NAME', 'value, with comma']],
      dirs: [{ projectDir: 'data', guest: '/data' }],
    });
    const { nvram, diagnostics } = parseNvram(quick.nvramText);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(nvram.args).toEqual(['tool.wasm', 'a b', 'c,d', '"quoted"']);
    expect(nvram.env).toEqual([['NAME', 'value, with comma']]);
    expect(nvram.fstab).toMatchObject([{ channel: '/dev/mount/0', mountpoint: '/data', access: 'rw' }]);
    expect(quick.manifest.channels.find((c) => c.alias === '/dev/mount/0')?.uri).toBe('data');
  });
});

describe('running in quick mode', () => {
  it('passes args and env through the generated nvram', () => {
    const report = exec('args-env', { args: ['one', 'two words'], env: [['K', 'v']] });
    expect(text(report.stdout)).toBe(
      'argc=3\nargv[0]=args-env.wasm\nargv[1]=one\nargv[2]=two words\nenv[0]=K=v\n',
    );
    expect(report.state).toBe('ok');
  });

  it('lets a program create a file in a read-write project folder mounted at /', () => {
    const report = exec('write-file', {
      args: ['/notes/new.txt', 'written by the guest'],
      dirs: [{ projectDir: 'proj', guest: '/' }],
      files: { 'proj/notes/old.txt': 'kept', 'elsewhere.txt': 'not mounted' },
    });
    expect(text(report.stderr)).toBe('');
    expect(report.state).toBe('ok');
    expect(report.changes.map((c) => c.path)).toEqual(['proj/notes/new.txt']);
    expect(text(changedFile(report, 'proj/notes/new.txt'))).toBe('written by the guest');
  });

  it('reports a rewritten file, relative to the project root when the whole project is mounted', () => {
    const report = exec('write-file', {
      args: ['/a.txt', 'new contents'],
      dirs: [{ projectDir: '', guest: '/' }],
      files: { 'a.txt': 'old contents', 'b.txt': 'untouched' },
    });
    expect(report.changes).toEqual([{ path: 'a.txt', data: bytes('new contents') }]);
  });

  it('lets a program read project files through the mount', () => {
    const report = exec('cat-file', {
      args: ['/work/input.txt'],
      dirs: [{ projectDir: 'src', guest: '/work' }],
      files: { 'src/input.txt': 'project data\n' },
    });
    expect(text(report.stdout)).toBe('project data\n');
    expect(report.changes).toEqual([]);
  });

  it('does not show unmounted project files to the guest', () => {
    const report = exec('cat-file', {
      args: ['/secret.txt'],
      dirs: [{ projectDir: 'public', guest: '/' }],
      files: { 'public/a.txt': 'a', 'secret.txt': 'hidden' },
    });
    expect(report.exitCode).toBe(1);
    expect(text(report.stderr)).toBe('/secret.txt: No such file or directory\n');
    expect(report.stdout.length).toBe(0);
  });

  it('mounts a folder read-only when asked: reads work, writes fail and change nothing', () => {
    const dirs = [{ projectDir: '', guest: '/', access: 'ro' as const }];
    const files = { 'a.txt': 'old contents' };
    const read = exec('cat-file', { args: ['/a.txt'], dirs, files });
    expect(text(read.stdout)).toBe('old contents');
    const write = exec('write-file', { args: ['/a.txt', 'new'], dirs, files });
    expect(write.exitCode).toBe(1);
    expect(text(write.stderr)).toMatch(/^\/a\.txt: /);
    expect(write.changes).toEqual([]);
    expect(quickRun({ program: 'x.wasm', dirs }).nvramText).toContain('mountpoint=/, access=ro');
  });

  it('reports a file the program deleted as data null', () => {
    const report = exec(
      'unlink',
      { dirs: [{ projectDir: 'proj', guest: '/' }], files: { 'proj/victim.txt': 'x', 'proj/keep.txt': 'y' } },
      unlinkCommand('victim.txt'),
    );
    expect(report).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(report.changes).toEqual([{ path: 'proj/victim.txt', data: null }]);
  });
});
