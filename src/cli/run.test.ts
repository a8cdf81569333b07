import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTarImage } from '../engine/image/tar-image.ts';
import {
  copyFixture,
  lines,
  makeTempDir,
  removeTempDirs,
  stdioChannels,
  writeManifest,
  zvm,
} from './cli-test-support.ts';

// `zvm run MANIFEST`: channel URIs are project paths relative to the work folder.
afterAll(removeTempDirs);

const COPY_CHANNELS = [
  ...stdioChannels(),
  'Channel = in.txt, /dev/input, 0, 0, 100, 100000, 0, 0',
  'Channel = out/result.txt, /dev/output, 0, 0, 0, 0, 100, 100000',
];

describe('zvm run', () => {
  it('reads a data file channel and writes an output file channel in the manifest folder', () => {
    const dir = makeTempDir();
    copyFixture(dir, 'copy-channel');
    writeFileSync(join(dir, 'in.txt'), 'payload for the sandbox\n');
    const manifest = writeManifest(dir, 'copy.manifest', {
      program: 'copy-channel.wasm',
      channels: COPY_CHANNELS,
    });
    const result = zvm(['run', manifest], { cwd: makeTempDir() });
    expect(result).toMatchObject({ status: 0, stdout: '' });
    expect(result.stderr).toContain('copied 24 bytes\n');
    expect(readFileSync(join(dir, 'out', 'result.txt'), 'utf8')).toBe('payload for the sandbox\n');
  });

  it('resolves Program and channel URIs against --workdir instead of the manifest folder', () => {
    const manifests = makeTempDir();
    const work = makeTempDir();
    copyFixture(work, 'copy-channel');
    writeFileSync(join(work, 'in.txt'), 'from the work folder\n');
    writeManifest(manifests, 'copy.manifest', { program: 'copy-channel.wasm', channels: COPY_CHANNELS });
    const result = zvm(['run', join(manifests, 'copy.manifest'), '--workdir', '.'], { cwd: work });
    expect(result.status).toBe(0);
    expect(readFileSync(join(work, 'out', 'result.txt'), 'utf8')).toBe('from the work folder\n');
    expect(existsSync(join(manifests, 'out'))).toBe(false);
  });

  it('stops writes at the stdout quota with EDQUOT and lets the program finish', () => {
    const dir = makeTempDir();
    copyFixture(dir, 'write-lines');
    writeManifest(dir, 'quota.manifest', { program: 'write-lines.wasm', channels: stdioChannels(3) });
    const result = zvm(['run', 'quota.manifest'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('line 1\nline 2\nline 3\n');
    expect(lines(result.stderr)).toEqual([
      'failed writes: 7 (EDQUOT)',
      'zvm: finished with code 0, but /dev/stdout quota of 3 writes used up; 7 writes refused',
    ]);
  });

  it('prints file:line:col diagnostics for a broken manifest and exits 125 without running it', () => {
    const dir = makeTempDir();
    copyFixture(dir, 'hello');
    const path = writeManifest(dir, 'broken.manifest', {
      program: 'hello.wasm',
      channels: [
        'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0',
        'Channel = out.txt, /dev/stdout, 0, 0, 0, 0, 1024, 1048576',
        'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024',
      ],
    });
    writeFileSync(path, readFileSync(path, 'utf8').replace('Memory = 67108864, 0', 'Memory = lots, 0'));
    const result = zvm(['run', 'broken.manifest'], { cwd: dir });
    expect(result.status).toBe(125);
    expect(result.stdout).toBe('');
    const stderr = lines(result.stderr);
    expect(stderr).toContainEqual(
      expect.stringMatching(/^broken\.manifest:3:10: error: Memory must be a number/),
    );
    expect(stderr).toContainEqual(expect.stringMatching(/^broken\.manifest:7:\d+: error: Channel needs 8/));
    expect(stderr.at(-1)).toBe('zvm: refused: the manifest has errors');
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
  });

  it('gives the program its arguments and environment from a /dev/nvram channel', () => {
    const dir = makeTempDir();
    copyFixture(dir, 'args-env');
    writeFileSync(
      join(dir, 'boot.nvram'),
      '[args]\nargs=prog one "two words"\n[env]\nname=MODE, value=test\n',
    );
    writeManifest(dir, 'nvram.manifest', {
      program: 'args-env.wasm',
      channels: [...stdioChannels(), 'Channel = boot.nvram, /dev/nvram, 3, 0, 100, 100000, 0, 0'],
    });
    const result = zvm(['run', 'nvram.manifest'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual([
      'argc=3',
      'argv[0]=prog',
      'argv[1]=one',
      'argv[2]=two words',
      'env[0]=MODE=test',
    ]);
  });

  it('mounts a tar image channel read from the work folder through [fstab]', () => {
    const dir = makeTempDir();
    copyFixture(dir, 'cat-file');
    const text = new TextEncoder().encode('from the image\n');
    writeFileSync(
      join(dir, 'image.tar'),
      writeTarImage([
        { path: 'docs', kind: 'directory' },
        { path: 'docs/readme.txt', kind: 'file', data: text },
      ]),
    );
    mkdirSync(join(dir, 'etc'));
    writeFileSync(
      join(dir, 'etc', 'boot.nvram'),
      '[args]\nargs=cat-file /data/docs/readme.txt\n' +
        '[fstab]\nchannel=/dev/mount/image, mountpoint=/data, access=ro, removable=no\n',
    );
    writeManifest(dir, 'image.manifest', {
      program: 'cat-file.wasm',
      channels: [
        ...stdioChannels(),
        'Channel = etc/boot.nvram, /dev/nvram, 3, 0, 100, 100000, 0, 0',
        'Channel = image.tar, /dev/mount/image, 3, 0, 100, 10000000, 0, 0',
      ],
    });
    const result = zvm(['run', 'image.manifest'], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: 'from the image\n', stderr: '' });
  });

  it('refuses a Program outside the work folder before reading it', () => {
    const dir = makeTempDir();
    writeManifest(dir, 'outside.manifest', { program: '../elsewhere/x.wasm', channels: stdioChannels() });
    const result = zvm(['run', 'outside.manifest'], { cwd: dir });
    expect(result).toMatchObject({ status: 125, stdout: '' });
    expect(result.stderr).toBe('zvm: refused: Program ../elsewhere/x.wasm is outside the work folder\n');
  });
});
