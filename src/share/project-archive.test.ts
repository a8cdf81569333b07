import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTarImage } from '../engine/image/tar-image.ts';
import { projectToTar, projectToZip } from './project-archive.ts';

const files = {
  'main.c': strToU8('int main(void) { return 0; }\n'),
  'src/util/helper.c': strToU8('void helper(void) {}\n'),
  'data/ünïcode name.txt': strToU8('héllo'),
  'empty.bin': new Uint8Array(0),
};
const folders = ['out', 'src/util', 'deep/er/still-empty'];

describe('projectToZip', () => {
  it('round-trips files and folders through unzipSync', () => {
    const unzipped = unzipSync(projectToZip(files, folders));
    expect(Object.keys(unzipped).sort()).toEqual([
      'data/',
      'data/ünïcode name.txt',
      'deep/',
      'deep/er/',
      'deep/er/still-empty/',
      'empty.bin',
      'main.c',
      'out/',
      'src/',
      'src/util/',
      'src/util/helper.c',
    ]);
    for (const [path, data] of Object.entries(files)) expect(unzipped[path]).toEqual(data);
    expect(strFromU8(unzipped['main.c'] ?? new Uint8Array())).toContain('int main');
  });

  it('is deterministic and independent of insertion order', () => {
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    expect(projectToZip(reversed, [...folders].reverse())).toEqual(projectToZip(files, folders));
  });

  it('drops paths that could escape the archive root', () => {
    const unzipped = unzipSync(
      projectToZip({ '../evil': strToU8('x'), '/abs/ok.txt': strToU8('y') }, ['..']),
    );
    expect(Object.keys(unzipped).sort()).toEqual(['abs/', 'abs/ok.txt']);
  });
});

describe('projectToTar', () => {
  it('round-trips files and folders through readTarImage', () => {
    const result = readTarImage(projectToTar(files, folders));
    if (!result.ok) throw new Error(result.reason);
    expect(result.warnings).toEqual([]);
    const byPath = new Map(result.entries.map((e) => [e.path, e]));
    for (const [path, data] of Object.entries(files)) {
      expect(byPath.get(path)?.kind).toBe('file');
      expect(byPath.get(path)?.data).toEqual(data);
    }
    for (const folder of ['out', 'src', 'src/util', 'deep', 'deep/er', 'deep/er/still-empty', 'data']) {
      expect(byPath.get(folder)?.kind).toBe('directory');
    }
    expect(result.entries).toHaveLength(Object.keys(files).length + 7);
  });

  it('is deterministic', () => {
    expect(projectToTar(files, folders)).toEqual(projectToTar({ ...files }, [...folders]));
  });
});
