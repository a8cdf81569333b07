import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { copyFixture, lines, makeTempDir, removeTempDirs, zvm } from './cli-test-support.ts';

// `zvm exec --dir HOST[::GUEST]`: a host folder mounted read-write; nothing outside it is reachable.
// Each test gets a fresh layout: BASE/{programs, host/, secret.txt}, with the mount at BASE/host.
let base: string;
let host: string;
beforeEach(() => {
  base = makeTempDir();
  host = join(base, 'host');
  mkdirSync(join(host, 'notes'), { recursive: true });
  writeFileSync(join(host, 'notes', 'todo.txt'), 'water the plants\n');
  writeFileSync(join(base, 'secret.txt'), 'the secret outside the mount\n');
  for (const name of ['cat-file', 'write-file', 'loop-forever']) copyFixture(base, name);
});
afterAll(removeTempDirs);

const exec = (...args: string[]) => zvm(['exec', ...args], { cwd: base });

describe('zvm exec --dir', () => {
  it('HOST::/ lets the guest read a host file at its path under /', () => {
    const result = exec('--dir', `${host}::/`, 'cat-file.wasm', '/notes/todo.txt');
    expect(result).toEqual({ status: 0, stdout: 'water the plants\n', stderr: '' });
  });

  it('writes a file the guest creates back to the host folder', () => {
    const result = exec('--dir', 'host::/', 'write-file.wasm', '/notes/made.txt', 'made in the sandbox');
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(host, 'notes', 'made.txt'), 'utf8')).toBe('made in the sandbox');
    expect(readFileSync(join(host, 'notes', 'todo.txt'), 'utf8')).toBe('water the plants\n');
  });

  it('HOST::/sub mounts the folder at /sub, and writes there land in HOST', () => {
    const read = exec('--dir', `${host}::/sub`, 'cat-file.wasm', '/sub/notes/todo.txt');
    expect(read).toMatchObject({ status: 0, stdout: 'water the plants\n' });
    const write = exec('--dir', `${host}::/sub`, 'write-file.wasm', '/sub/top.txt', 'top');
    expect(write.status).toBe(0);
    expect(readFileSync(join(host, 'top.txt'), 'utf8')).toBe('top');
    expect(existsSync(join(host, 'sub'))).toBe(false);
  });

  it('refuses ../ paths that climb out of the mount: the guest fails, nothing outside is read', () => {
    for (const path of ['../secret.txt', '../../etc/passwd']) {
      const result = exec('--dir', `${host}::/`, 'cat-file.wasm', path);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}: `));
    }
  });

  it('does not reach a host path outside the mount given as an absolute guest path', () => {
    const result = exec('--dir', `${host}::/`, 'cat-file.wasm', join(base, 'secret.txt'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No such file or directory');
  });

  it('writes nothing outside HOST when the guest aims a write at ../', () => {
    const result = exec('--dir', `${host}::/notes`, 'write-file.wasm', '/notes/../../escaped.txt', 'x');
    // WASI resolves the path from the preopened root and refuses to climb above it.
    expect(result).toMatchObject({
      status: 1,
      stderr: '/notes/../../escaped.txt: Operation not permitted\n',
    });
    expect(readdirSync(base).sort()).toEqual(
      ['cat-file.wasm', 'host', 'loop-forever.wasm', 'secret.txt', 'write-file.wasm'].sort(),
    );
    expect(readdirSync(host)).toEqual(['notes']);
  });

  it('does not write through a symbolic link that was already in HOST', () => {
    symlinkSync(join(base, 'victim.txt'), join(host, 'link.txt'));
    const result = exec('--dir', `${host}::/`, 'write-file.wasm', '/link.txt', 'pwned');
    expect(existsSync(join(base, 'victim.txt'))).toBe(false);
    expect(result.status).toBe(0);
    expect(lines(result.stderr)).toEqual([
      `zvm: warning: ${join(host, 'link.txt')} was not written: ${join(host, 'link.txt')} is a symbolic link`,
    ]);
  });

  it('refuses a --dir that is not a directory, as a usage error', () => {
    const result = exec('--dir', join(base, 'missing'), 'cat-file.wasm', '/x');
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(/^zvm exec: --dir .*missing: no such directory\n$/);
  });

  it('leaves HOST as it was when the run is killed at --timeout (no files are made from the mount)', () => {
    const result = exec('--timeout', '1', '--dir', `${host}::/`, 'loop-forever.wasm');
    expect(result.status).toBe(125);
    expect(result.stdout).toBe('looping\n');
    expect(lines(result.stderr)).toEqual(['zvm: killed: timeout after 1 s']);
    expect(readdirSync(host)).toEqual(['notes']);
    expect(readFileSync(join(host, 'notes', 'todo.txt'), 'utf8')).toBe('water the plants\n');
  });
});
