import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from './cli-test-support.ts';
import { applyChanges } from './host-writes.ts';

// Writing a run's changes back to a host folder: only plain files inside the folder's real path.
afterAll(removeTempDirs);

const bytes = (text: string) => new TextEncoder().encode(text);

/** BASE/{victim.txt, root/}: a folder to write into, with a file beside it that must not change. */
function layout(): { base: string; root: string } {
  const base = makeTempDir();
  const root = join(base, 'root');
  mkdirSync(root);
  writeFileSync(join(base, 'victim.txt'), 'victim\n');
  return { base, root };
}

describe('applyChanges', () => {
  it('writes files, making their folders, and deletes the ones the run removed', () => {
    const { root } = layout();
    writeFileSync(join(root, 'old.txt'), 'old\n');
    const warnings = applyChanges(root, [
      { path: 'out/new.txt', data: bytes('new\n') },
      { path: 'old.txt', data: null },
    ]);
    expect(warnings).toEqual([]);
    expect(readFileSync(join(root, 'out', 'new.txt'), 'utf8')).toBe('new\n');
    expect(existsSync(join(root, 'old.txt'))).toBe(false);
  });

  it('refuses paths holding \\ or :, which some hosts read as a separator or a drive', () => {
    const { root } = layout();
    const warnings = applyChanges(root, [
      { path: 'a\\b.txt', data: bytes('x') },
      { path: 'c:d.txt', data: bytes('x') },
    ]);
    expect(warnings).toEqual([
      `${join(root, 'a\\b.txt')} was not written: its path holds \\ or :, which a host path could read as a separator or drive`,
      `${join(root, 'c:d.txt')} was not written: its path holds \\ or :, which a host path could read as a separator or drive`,
    ]);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses a path that climbs out of the folder', () => {
    const { base, root } = layout();
    const warnings = applyChanges(root, [{ path: '../victim.txt', data: bytes('pwned') }]);
    expect(warnings).toEqual([
      `${join(base, 'victim.txt')} was not written: its path is not a plain path inside the folder`,
    ]);
    expect(readFileSync(join(base, 'victim.txt'), 'utf8')).toBe('victim\n');
  });

  it('refuses to write a file with another hard link, but may remove its name here', () => {
    const { base, root } = layout();
    linkSync(join(base, 'victim.txt'), join(root, 'one.txt'));
    linkSync(join(base, 'victim.txt'), join(root, 'two.txt'));
    const warnings = applyChanges(root, [
      { path: 'one.txt', data: bytes('pwned') },
      { path: 'two.txt', data: null },
    ]);
    expect(warnings).toEqual([
      `${join(root, 'one.txt')} was not written: it has 3 hard links, so writing it would change the same file under its other names`,
    ]);
    expect(readFileSync(join(base, 'victim.txt'), 'utf8')).toBe('victim\n');
    expect(readdirSync(root)).toEqual(['one.txt']);
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO (writing one would wait for a reader forever)',
    () => {
      const { root } = layout();
      execFileSync('mkfifo', [join(root, 'pipe')]);
      const warnings = applyChanges(root, [{ path: 'pipe', data: bytes('x') }]);
      expect(warnings).toEqual([`${join(root, 'pipe')} was not written: it is not a regular file`]);
    },
  );
});
