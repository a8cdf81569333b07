import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, makeTempDir, removeTempDirs, stdioChannels, writeManifest, zvm } from './cli-test-support.ts';

// Python scripts on the built-in runtime (CPython 3.12 for WASI), through the real CLI.
const SLOW = 60_000;
let dir: string;
beforeAll(() => {
  dir = makeTempDir();
  writeFileSync(
    join(dir, 'main.py'),
    [
      'import os, sys',
      'print("argv", sys.argv)',
      'print("stdin", sys.stdin.read().strip())',
      'print("sibling", open(os.path.join(os.path.dirname(sys.argv[0]), "data.txt")).read().strip())',
      'if len(sys.argv) > 1 and sys.argv[1] == "write":',
      '    open(os.path.join(os.path.dirname(sys.argv[0]), "out.txt"), "w").write("written")',
      'if len(sys.argv) > 1 and sys.argv[1] == "fail":',
      '    sys.exit(3)',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'data.txt'), 'next to the script\n');
});
afterAll(removeTempDirs);

describe('zvm exec SCRIPT.py', () => {
  it('runs the script with its folder read-only at /, passing stdin and arguments', { timeout: SLOW }, () => {
    const result = zvm(['exec', 'main.py', 'one', 'two words'], {
      cwd: dir,
      input: 'from stdin\n',
      timeout: SLOW,
    });
    expect(result).toEqual({
      status: 0,
      stdout: "argv ['/main.py', 'one', 'two words']\nstdin from stdin\nsibling next to the script\n",
      stderr: '',
    });
  });

  it('makes the script exit code its own, and cannot write without --dir', { timeout: SLOW }, () => {
    expect(zvm(['exec', 'main.py', 'fail'], { cwd: dir, timeout: SLOW }).status).toBe(3);
    const readOnly = zvm(['exec', 'main.py', 'write'], { cwd: dir, timeout: SLOW });
    expect(readOnly.status).toBe(1);
    expect(readOnly.stderr).toMatch(/OSError|PermissionError|Read-only/);
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
  });

  it('finds the script through --dir, whose writes land in the folder', { timeout: SLOW }, () => {
    const result = zvm(['exec', '--dir', '.::/app', 'main.py', 'write'], { cwd: dir, timeout: SLOW });
    expect(result.status).toBe(0);
    expect(lines(result.stdout)[0]).toBe("argv ['/app/main.py', 'write']");
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('written');
  });

  it('refuses a script outside every --dir, or missing, as a usage error', () => {
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    const outside = zvm(['exec', '--dir', 'elsewhere', 'main.py'], { cwd: dir });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toBe('zvm exec: main.py is not inside any --dir: mount its folder too\n');
    expect(zvm(['exec', 'nope.py'], { cwd: dir }).status).toBe(2);
  });

  it('shows Program = runtime:python and argv python SCRIPT with --show-manifest', { timeout: SLOW }, () => {
    const result = zvm(['exec', '--show-manifest', 'main.py', 'x'], { cwd: dir, timeout: SLOW });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Program = runtime:python\n');
    expect(result.stderr).toContain('[args]\nargs=python /main.py x\n');
    expect(result.stderr).toContain('mountpoint=/, access=ro');
  });
});

describe('zvm run with a Python Program', () => {
  for (const program of ['runtime:python', 'file://python:python']) {
    it(
      `runs the script the nvram names (Program = ${program}), reading /dev/input`,
      { timeout: SLOW },
      () => {
        const job = makeTempDir();
        mkdirSync(join(job, 'app'));
        writeFileSync(
          join(job, 'app/main.py'),
          'import sys\nprint("got", open("/dev/input").read().strip(), sys.argv[1:])\n',
        );
        writeFileSync(join(job, 'data.txt'), 'channel data\n');
        writeFileSync(
          join(job, 'py.nvram'),
          '[args]\nargs = python /app/main.py arg\n[fstab]\nchannel=/dev/mount/app, mountpoint=/app, access=ro\n',
        );
        const manifest = writeManifest(job, 'py.manifest', {
          program,
          channels: [
            ...stdioChannels(),
            'Channel = data.txt, /dev/input, 0, 0, 100, 100000, 0, 0',
            'Channel = app, /dev/mount/app, 3, 0, 1000, 10000000, 0, 0',
            'Channel = py.nvram, /dev/nvram, 3, 0, 100, 100000, 0, 0',
          ],
        });
        expect(zvm(['run', manifest], { timeout: SLOW })).toEqual({
          status: 0,
          stdout: "got channel data ['arg']\n",
          stderr: '',
        });
      },
    );
  }
});
