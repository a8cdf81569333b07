import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from './cli-test-support.ts';
import { HostLimitError, HostLoad, HostReadError, realPathInside } from './host-files.ts';

// Loading host files into a project: folders walked without following links, within a limit.
afterAll(removeTempDirs);

const text = (data: Uint8Array | undefined) =>
  data === undefined ? undefined : new TextDecoder().decode(data);

describe('HostLoad', () => {
  it('loads a tree with marks for folders without files, leaving out links (noted) and FIFOs', () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'a', 'empty'), { recursive: true });
    mkdirSync(join(dir, 'links'));
    writeFileSync(join(dir, 'a', 'f.txt'), 'f\n');
    symlinkSync('../a/f.txt', join(dir, 'links', 'f.txt'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [join(dir, 'a', 'pipe')]);
    const skippedLinks = new Map<string, string>();
    const load = new HostLoad({ entries: 100, bytes: 100 });
    load.add(dir, 'p', { skippedLinks });
    expect([...load.files.keys()].sort()).toEqual(['p/a/empty/', 'p/a/f.txt', 'p/links/']);
    expect(text(load.files.get('p/a/f.txt'))).toBe('f\n');
    expect(skippedLinks).toEqual(new Map([['p/links/f.txt', '../a/f.txt']]));
  });

  it('stops past its limit before reading a file, counting across adds', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'a.txt'), 'x'.repeat(60));
    writeFileSync(join(dir, 'b.txt'), 'x'.repeat(60));
    const load = new HostLoad({ entries: 100, bytes: 100 });
    load.add(join(dir, 'a.txt'), 'a.txt');
    expect(() => load.add(join(dir, 'b.txt'), 'b.txt')).toThrow(new HostLimitError('more than 100 B'));
    expect([...load.files.keys()]).toEqual(['a.txt']);
    expect(() => new HostLoad({ entries: 2, bytes: 1000 }).add(dir, '')).toThrow(
      new HostLimitError('more than 2 files and folders'),
    );
  });
});

describe('realPathInside', () => {
  it('follows links that stay inside, and says nothing is there for a missing or dangling path', () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'v1.txt'), 'v1\n');
    symlinkSync('data/v1.txt', join(dir, 'current.txt'));
    symlinkSync('nowhere.txt', join(dir, 'dangling.txt'));
    expect(realPathInside(dir, 'current.txt')).toBe(realpathSync(join(dir, 'data', 'v1.txt')));
    expect(realPathInside(dir, 'missing.txt')).toBeUndefined();
    expect(realPathInside(dir, 'dangling.txt')).toBeUndefined();
  });

  it('refuses a path whose real path leaves the folder, naming the link', () => {
    const base = makeTempDir();
    mkdirSync(join(base, 'work'));
    mkdirSync(join(base, 'other'));
    writeFileSync(join(base, 'other', 'x.txt'), 'x\n');
    symlinkSync('../other', join(base, 'work', 'sub'));
    symlinkSync(join(base, 'other', 'x.txt'), join(base, 'work', 'abs.txt'));
    expect(() => realPathInside(join(base, 'work'), 'sub/x.txt')).toThrow(
      new HostReadError('sub/x.txt goes through sub, a symbolic link to ../other, outside the work folder'),
    );
    expect(() => realPathInside(join(base, 'work'), 'abs.txt')).toThrow(
      new HostReadError(
        `abs.txt is a symbolic link to ${join(base, 'other', 'x.txt')}, outside the work folder`,
      ),
    );
  });
});
