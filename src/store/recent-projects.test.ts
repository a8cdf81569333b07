import { describe, expect, it } from 'vitest';
import type { ProjectContent } from './project-content.ts';
import { memoryKeyValue, recentProjects } from './recent-projects.ts';

const content = (text: string): ProjectContent => ({
  files: { 'a.txt': new TextEncoder().encode(text), 'b.bin': new Uint8Array([1, 2]) },
  folders: ['empty'],
  openFiles: ['a.txt'],
  activeFile: 'a.txt',
  stdin: 'in',
  args: '-v',
  env: 'A=1',
});

describe('recent projects', () => {
  it('keeps projects newest first, replacing an entry with the same id', async () => {
    const recent = recentProjects(memoryKeyValue());
    await recent.keep('one', 'First', content('1'));
    await recent.keep('two', 'Second', content('22'));
    const list = await recent.keep('one', 'First again', content('333'));
    expect(list.map((e) => [e.id, e.name, e.fileCount, e.bytes])).toEqual([
      ['one', 'First again', 2, 5],
      ['two', 'Second', 2, 4],
    ]);
    expect(await recent.load('one')).toEqual(content('333'));
  });

  it('renames and deletes', async () => {
    const kv = memoryKeyValue();
    const recent = recentProjects(kv);
    await recent.keep('one', 'First', content('1'));
    await recent.keep('two', 'Second', content('2'));
    expect((await recent.rename('two', 'Renamed')).map((e) => e.name)).toEqual(['Renamed', 'First']);
    expect((await recent.remove('two')).map((e) => e.id)).toEqual(['one']);
    expect(await recent.load('two')).toBeUndefined();
    expect(await recentProjects(kv).list()).toHaveLength(1);
  });

  it('reads a missing or damaged index as empty', async () => {
    const kv = memoryKeyValue();
    expect(await recentProjects(kv).list()).toEqual([]);
    await kv.set('recent-projects', 'garbage');
    expect(await recentProjects(kv).list()).toEqual([]);
  });
});
