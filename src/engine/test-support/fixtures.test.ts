import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from './fixture-cache.ts';
import { runNodeWasi, type NodeWasiOptions } from './run-node-wasi.ts';

const dirs: string[] = [];

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'fixture-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function run(name: string, args: string[] = [], options: NodeWasiOptions = {}) {
  return runNodeWasi(loadFixture(name), { ...options, args: [name, ...args] });
}

describe('C fixtures under node:wasi', () => {
  it('has every fixture the engine tests rely on', () => {
    expect(fixtureNames()).toEqual([
      'args-env',
      'cat-file',
      'clock-random',
      'copy-channel',
      'echo-stdin',
      'exit-code',
      'flood-stdout',
      'fs-probe',
      'hello',
      'list-dir',
      'loop-forever',
      'malloc-mb',
      'poll-stdin',
      'recurse',
      'seek-last-line',
      'stream-64k',
      'tty-probe',
      'unreachable',
      'wordcount',
      'write-file',
      'write-lines',
    ]);
  });

  it('hello prints its line', async () => {
    expect(await run('hello')).toMatchObject({ exitCode: 0, stdout: 'hello, sandbox\n', stderr: '' });
  });

  it('echo-stdin copies stdin across several 4 KiB reads', async () => {
    const input = 'abcdefghij\n'.repeat(1000);
    expect(await run('echo-stdin', [], { stdin: input })).toMatchObject({ exitCode: 0, stdout: input });
  });

  it('cat-file copies a file, and reports a missing one', async () => {
    const preopens = { '/data': tempDir({ 'a.txt': 'some text\n' }) };
    expect(await run('cat-file', ['/data/a.txt'], { preopens })).toMatchObject({
      exitCode: 0,
      stdout: 'some text\n',
    });
    expect(await run('cat-file', ['/data/nope'], { preopens })).toMatchObject({
      exitCode: 1,
      stderr: '/data/nope: No such file or directory\n',
    });
  });

  it('write-lines writes N lines, and counts failed writes by errno name', async () => {
    expect(await run('write-lines', ['3'])).toMatchObject({
      exitCode: 0,
      stdout: 'line 1\nline 2\nline 3\n',
      stderr: 'failed writes: 0\n',
    });
    expect(await run('write-lines', ['4'], { readOnlyStdout: true })).toMatchObject({
      exitCode: 0,
      stdout: '',
      stderr: 'failed writes: 4 (EBADF)\n',
    });
  });

  it('copy-channel copies /dev/input to /dev/output', async () => {
    const input = 'x'.repeat(10_000);
    const dev = tempDir({ input });
    const result = await run('copy-channel', [], { preopens: { '/dev': dev } });
    expect(result).toMatchObject({ exitCode: 0, stderr: 'copied 10000 bytes\nfailed writes: 0\n' });
    expect(readFileSync(join(dev, 'output'), 'utf8')).toBe(input);
    expect(await run('copy-channel', [], { preopens: { '/dev': tempDir() } })).toMatchObject({
      exitCode: 1,
      stderr: 'open /dev/input: No such file or directory (ENOENT)\n',
    });
  });

  it('seek-last-line prints the last line, reading back across chunks', async () => {
    const long = 'y'.repeat(700);
    const preopens = { '/d': tempDir({ a: 'one\ntwo\nthree\n', b: `first\n${long}`, c: '', d: 'single' }) };
    const outputs = await Promise.all(
      ['a', 'b', 'c', 'd'].map((f) => run('seek-last-line', [`/d/${f}`], { preopens })),
    );
    expect(outputs.map((o) => [o.exitCode, o.stdout])).toEqual([
      [0, 'three\n'],
      [0, `${long}\n`],
      [0, '\n'],
      [0, 'single\n'],
    ]);
  });

  it('args-env prints argc, argv and environ', async () => {
    const result = await run('args-env', ['a b', ''], { env: { K: 'v', EMPTY: '' } });
    expect(result.stdout).toBe(
      'argc=3\nargv[0]=args-env\nargv[1]=a b\nargv[2]=\nenv[0]=K=v\nenv[1]=EMPTY=\n',
    );
  });

  it('clock-random prints both clocks in ns and 8 random bytes', async () => {
    const result = await run('clock-random');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^realtime \d{19}\nmonotonic \d+\nrandom [0-9a-f]{16}\n$/);
  });

  it('malloc-mb allocates and touches memory, or says malloc failed', async () => {
    expect(await run('malloc-mb', ['8'])).toMatchObject({ exitCode: 0, stdout: 'ok\n' });
    expect(await run('malloc-mb', ['5000'])).toMatchObject({ exitCode: 3, stdout: 'malloc failed\n' });
  });

  it('loop-forever prints, then never returns', async () => {
    const result = await run('loop-forever', [], { timeoutMs: 1000 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, stdout: 'looping\n' });
  });

  it('exit-code exits with its argument', async () => {
    expect((await run('exit-code', ['42'])).exitCode).toBe(42);
    expect((await run('exit-code')).exitCode).toBe(0);
  });

  it('list-dir prints sorted names', async () => {
    const dir = tempDir({ 'b.txt': '', 'a.txt': '', 'c/inner': '' });
    const result = await run('list-dir', ['/d'], { preopens: { '/d': dir } });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'a.txt\nb.txt\nc\n' });
    expect(await run('list-dir', ['/d/none'], { preopens: { '/d': dir } })).toMatchObject({
      exitCode: 1,
      stderr: '/d/none: No such file or directory\n',
    });
  });

  it('write-file creates and overwrites a file', async () => {
    const dir = tempDir({ 'old.txt': 'a much longer old text' });
    const preopens = { '/d': dir };
    expect((await run('write-file', ['/d/new.txt', 'fresh'], { preopens })).exitCode).toBe(0);
    expect((await run('write-file', ['/d/old.txt', 'short'], { preopens })).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'new.txt'), 'utf8')).toBe('fresh');
    expect(readFileSync(join(dir, 'old.txt'), 'utf8')).toBe('short');
    expect(await run('write-file', ['/d/no/such/dir', 'x'], { preopens })).toMatchObject({
      exitCode: 1,
      stderr: '/d/no/such/dir: No such file or directory\n',
    });
  });

  it('unreachable prints, then traps', async () => {
    const result = await run('unreachable');
    expect(result).toMatchObject({ exitCode: null, stdout: 'about to trap\n', timedOut: false });
    expect(result.trap).toMatch(/unreachable/);
  });

  it('wordcount counts stdin, or /dev/input when there is one', async () => {
    expect((await run('wordcount', [], { stdin: 'hello world\n  foo\tbar\n' })).stdout).toBe('4 2 22\n');
    const dev = tempDir({ input: 'one two three' });
    expect((await run('wordcount', [], { preopens: { '/dev': dev } })).stdout).toBe('3 0 13\n');
  });
});
