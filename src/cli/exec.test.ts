import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, lines, makeTempDir, removeTempDirs, zvm } from './cli-test-support.ts';

// `zvm exec PROGRAM.wasm ARGS...`: one real CLI process per test (see cli-test-support.ts).
let dir: string;
beforeAll(() => {
  dir = makeTempDir();
  for (const name of ['hello', 'exit-code', 'echo-stdin', 'args-env', 'malloc-mb']) copyFixture(dir, name);
});
afterAll(removeTempDirs);

describe('zvm exec', () => {
  it('runs a program: its stdout is the console, exit 0, nothing else said', () => {
    const result = zvm(['exec', 'hello.wasm'], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: 'hello, sandbox\n', stderr: '' });
  });

  it("makes the guest's exit code its own", () => {
    expect(zvm(['exec', 'exit-code.wasm', '7'], { cwd: dir }).status).toBe(7);
  });

  it('passes the process stdin to the program', () => {
    const input = 'first line\nsecond line, no newline';
    const result = zvm(['exec', 'echo-stdin.wasm'], { cwd: dir, input });
    expect(result).toMatchObject({ status: 0, stdout: input });
  });

  it('passes --env and the arguments after the program (flags included) to the guest', () => {
    const result = zvm(
      [
        'exec',
        '--env',
        'GREETING=hi there',
        '--env=EMPTY=',
        'args-env.wasm',
        'one',
        'two words',
        '--env',
        'X=1',
      ],
      { cwd: dir },
    );
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual([
      'argc=5',
      'argv[0]=args-env.wasm',
      'argv[1]=one',
      'argv[2]=two words',
      'argv[3]=--env',
      'argv[4]=X=1',
      'env[0]=GREETING=hi there',
      'env[1]=EMPTY=',
    ]);
  });

  it('caps linear memory with --memory: malloc fails past it and succeeds within it', () => {
    const small = zvm(['exec', '--memory', String(2 * 1024 * 1024), 'malloc-mb.wasm', '4'], { cwd: dir });
    expect(small).toMatchObject({ status: 3, stdout: 'malloc failed\n' });
    const enough = zvm(['exec', '--memory', String(32 * 1024 * 1024), 'malloc-mb.wasm', '4'], { cwd: dir });
    expect(enough).toMatchObject({ status: 0, stdout: 'ok\n' });
  });

  it('refuses a file that is not WebAssembly with exit 125 and one line saying so', () => {
    writeFileSync(join(dir, 'x.wasm'), 'int main() { return 0; }\n');
    const result = zvm(['exec', 'x.wasm'], { cwd: dir });
    expect(result.status).toBe(125);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^zvm: refused: .*not a WebAssembly module/);
  });

  it('prints the report as JSON with --report - and writes a trace with --trace FILE', () => {
    const result = zvm(['exec', '--report', '-', '--trace', 'hello.trace', 'hello.wasm'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('hello, sandbox\n')).toBe(true);
    const report = JSON.parse(result.stdout.slice('hello, sandbox\n'.length)) as {
      state: string;
      exitCode: number;
      stdout: string;
      channels: Array<{ alias: string; writes: number; bytesWritten: number }>;
      traceCalls: number;
    };
    expect(report).toMatchObject({ state: 'ok', exitCode: 0, stdout: 'hello, sandbox\n' });
    expect(report.channels.map((c) => c.alias)).toEqual([
      '/dev/stdin',
      '/dev/stdout',
      '/dev/stderr',
      '/dev/nvram',
    ]);
    expect(report.channels[1]).toMatchObject({ writes: 1, bytesWritten: 15 });
    const trace = lines(readFileSync(join(dir, 'hello.trace'), 'utf8'));
    expect(trace).toHaveLength(report.traceCalls);
    expect(trace.some((line) => /fd_write\(fd=1, .*-> SUCCESS \[\/dev\/stdout\] 15 bytes$/.test(line))).toBe(
      true,
    );
  });

  it('writes the report to a file with --report FILE, keeping stdout for the guest', () => {
    const result = zvm(['exec', '--report', 'report.json', 'exit-code.wasm', '4'], { cwd: dir });
    expect(result).toEqual({ status: 4, stdout: '', stderr: '' });
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ state: 'exit', exitCode: 4, message: 'finished with code 4' });
    expect(report).toMatchObject({ argv: ['exit-code.wasm', '4'] });
  });

  it('shows the generated manifest and nvram with --show-manifest (on stderr), then runs', () => {
    const result = zvm(
      ['exec', '--show-manifest', '--timeout', '5', '--env', 'A=b', 'args-env.wasm', 'x y'],
      {
        cwd: dir,
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('argv[1]=x y\n');
    expect(result.stderr).toContain('Version = 20130611\nProgram = args-env.wasm\n');
    expect(result.stderr).toContain('Timeout = 5\n');
    expect(result.stderr).toContain('Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, ');
    expect(result.stderr).toContain('Channel = zvsh.nvram, /dev/nvram, 3, ');
    expect(result.stderr).toContain('[args]\nargs=args-env.wasm "x y"\n[env]\nname=A, value=b\n');
  });
});
