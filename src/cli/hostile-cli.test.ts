import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  makeTempDir,
  removeTempDirs,
  stdioChannels,
  writeManifest,
  ZVM_BIN,
} from './cli-test-support.ts';
import type { CliResult } from './cli-test-support.ts';

// Hostile-input corpus (issue 9) for the zvm command line: hostile paths, programs and files each end
// with a clear line and a known exit code, no stack trace, and nothing written outside the given folders.
// The processes run side by side (it.concurrent): each one spends most of its time starting up.

afterAll(removeTempDirs);

/** Runs zvm to completion without blocking the other tests; stdin is empty. */
function zvmAsync(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ZVM_BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file under `dir` with its contents, by relative path: a before/after picture of a folder. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(dir);
  return files;
}

/** What a crash inside zvm would print: a JS stack frame or an internal error. */
const INTERNAL = /internal error|\n\s+at .*:\d+:\d+/;

describe('zvm against hostile paths and files', () => {
  it.concurrent(
    'exec --dir: host paths with .., guest paths with .., and a guest climbing out reach nothing outside',
    async () => {
      const base = makeTempDir();
      mkdirSync(join(base, 'host', 'notes'), { recursive: true });
      mkdirSync(join(base, 'other'));
      writeFileSync(join(base, 'host', 'notes', 'todo.txt'), 'water the plants\n');
      writeFileSync(join(base, 'other', 'o.txt'), 'other\n');
      writeFileSync(join(base, 'secret.txt'), 'the secret outside the mounts\n');
      copyFixture(base, 'fs-probe');
      const before = snapshot(base);
      const ops: Array<[op: string, result: string]> = [
        ['read:/mnt/notes/todo.txt', 'OK\nread:/mnt/notes/todo.txt: 17 bytes'],
        [`read:${base}/other/o.txt`, `OK\nread:${base}/other/o.txt: 6 bytes`],
        ['read:../../secret.txt', 'EPERM'],
        ['read:/mnt/../secret.txt', 'ENOENT'],
        [`read:${base}/secret.txt`, 'ENOENT'],
        ['read:/etc/passwd', 'ENOENT'],
        ['read:../../../../../../etc/passwd', 'EPERM'],
        ['create:/mnt/../../escaped.txt', 'EPERM'],
        ['symlink:../../..:/mnt/up', 'OK'],
        ['read:/mnt/up/secret.txt', 'EPERM'],
        ['create:/mnt/made.txt', 'OK'],
      ];
      // HOST::GUEST with .. on both sides: the host path is resolved, the guest one lands inside the guest.
      const dirs = ['--dir', `${base}/other/../host::/data/../../mnt`, '--dir', join(base, 'other')];
      const result = await zvmAsync(['exec', ...dirs, 'fs-probe.wasm', ...ops.map(([op]) => op)], base);
      expect(result).toEqual({
        status: 0,
        stdout: ops.map(([op, outcome]) => `${op}: ${outcome}\n`).join(''),
        stderr: '',
      });
      // The one file the guest made inside its mount is the only change; the symbolic link stayed inside.
      expect(snapshot(base)).toEqual({ ...before, 'host/made.txt': '' });
    },
  );

  it.concurrent(
    'run: a manifest writing outside the work folder is refused; an absolute Program stays inside it',
    async () => {
      const base = makeTempDir();
      const work = join(base, 'work');
      mkdirSync(work);
      writeFileSync(join(base, 'secret.txt'), 'the secret\n');
      copyFixture(work, 'hello');
      writeManifest(work, 'escape.manifest', {
        // Absolute, so it would name a host file if zvm read it as one; it is hello.wasm in the work folder.
        program: '/hello.wasm',
        channels: [...stdioChannels(), 'Channel = ../secret.txt, /dev/output, 0, 0, 0, 0, 10, 1000'],
      });
      const before = snapshot(base);
      const result = await zvmAsync(['run', 'escape.manifest'], work);
      expect(result).toEqual({
        status: 125,
        stdout: '',
        stderr: 'zvm: refused: channel /dev/output: ../secret.txt points outside the project\n',
      });
      expect(snapshot(base)).toEqual(before);
    },
  );

  it.concurrent('exec: a garbage .wasm exits 125 with one line', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'garbage.wasm'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
    const result = await zvmAsync(['exec', 'garbage.wasm'], dir);
    expect(result).toEqual({
      status: 125,
      stdout: '',
      stderr:
        'zvm: refused: this file is not a WebAssembly module (it starts with bytes 7f 45 4c 46: an ELF executable)\n',
    });
  });

  it.concurrent('exec: a missing program is a usage error (exit 2), one line', async () => {
    const result = await zvmAsync(['exec', 'missing.wasm'], makeTempDir());
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'zvm exec: cannot read the program (missing.wasm): ENOENT\n',
    });
  });

  it.concurrent('run: a manifest of binary junk exits 125 with diagnostics, then one line', async () => {
    const dir = makeTempDir();
    writeFileSync(
      join(dir, 'junk.manifest'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    const result = await zvmAsync(['run', 'junk.manifest'], dir);
    expect(result.status).toBe(125);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('zvm: refused: the manifest has errors');
    expect(lines.slice(0, -1).every((line) => line.startsWith('junk.manifest:'))).toBe(true);
    // The PNG signature: \x89PNG, CR LF, then a SUB (0x1a) on line 2 and NULs on line 3.
    expect(lines).toContain(
      'junk.manifest:2:1: error: this line contains the control character U+001A; a manifest is plain text (is this a binary file?)',
    );
    expect(lines).toContain(
      'junk.manifest:3:1: error: this line contains a NUL byte (U+0000); a manifest is plain text (is this a binary file?)',
    );
    expect(result.stderr).not.toMatch(INTERNAL);
  });

  it.concurrent(
    'check: a job nested 100,000 deep gets one positioned error, not a stack overflow',
    async () => {
      const dir = makeTempDir();
      writeFileSync(join(dir, 'deep.json'), '['.repeat(100_000) + ']'.repeat(100_000));
      const result = await zvmAsync(['check', 'deep.json'], dir);
      expect(result).toEqual({
        status: 1,
        stdout:
          'deep.json:1:65: error: the job nests arrays and objects more than 64 levels deep here; a job needs only a few\n' +
          'deep.json: 1 error(s), 0 warning(s)\n',
        stderr: '',
      });
    },
  );
});
