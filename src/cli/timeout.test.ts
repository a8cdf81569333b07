import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, lines, makeTempDir, removeTempDirs, writeManifest, zvm } from './cli-test-support.ts';

// The run's thread is terminated at the Timeout; what the guest wrote before that is kept.
afterAll(removeTempDirs);

describe('zvm timeouts', () => {
  it('exec --timeout 1 kills a looping program: exit 125, one line, earlier output kept', () => {
    const dir = makeTempDir();
    copyFixture(dir, 'loop-forever');
    const started = performance.now();
    const result = zvm(['exec', '--timeout', '1', 'loop-forever.wasm'], { cwd: dir });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.status).toBe(125);
    expect(result.stdout).toBe('looping\n');
    expect(lines(result.stderr)).toEqual(['zvm: killed: timeout after 1 s']);
  });

  it('run with Timeout = 1 keeps the partial output file, marks it partial, leaves mounted folders be', () => {
    const dir = makeTempDir();
    copyFixture(dir, 'loop-forever');
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'keep.txt'), 'kept\n');
    writeFileSync(
      join(dir, 'boot.nvram'),
      '[fstab]\nchannel=/dev/mount/data, mountpoint=/data, access=rw, removable=no\n',
    );
    writeManifest(dir, 'loop.manifest', {
      program: 'loop-forever.wasm',
      timeout: 1,
      channels: [
        'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0',
        'Channel = out.txt, /dev/stdout, 0, 0, 0, 0, 1000, 100000',
        'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576',
        'Channel = boot.nvram, /dev/nvram, 3, 0, 100, 100000, 0, 0',
        // A folder mounted read-write: a killed run has no changes to write back into it.
        'Channel = data, /dev/mount/data, 3, 0, 1000, 1000000, 1000, 1000000',
      ],
    });
    const result = zvm(['run', 'loop.manifest', '--report', 'report.json'], { cwd: dir });
    expect(result).toEqual({ status: 125, stdout: '', stderr: 'zvm: killed: timeout after 1 s\n' });
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('looping\n');
    expect(readdirSync(join(dir, 'data'))).toEqual(['keep.txt']);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      state: string;
      exitCode: number | null;
      changes: unknown[];
      channels: Array<{ alias: string; writes: number; bytesWritten: number }>;
    };
    expect(report).toMatchObject({ state: 'timeout', exitCode: null });
    expect(report.changes).toEqual([{ path: 'out.txt', bytes: 8, deleted: false, partial: true }]);
    expect(report.channels[1]).toMatchObject({ alias: '/dev/stdout', writes: 1, bytesWritten: 8 });
  });
});
