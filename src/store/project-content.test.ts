import { describe, expect, it } from 'vitest';
import { contentKey, isEmptyContent } from './project-content.ts';
import type { ProjectContent } from './project-content.ts';
import { cleanProjectName } from './project-meta-slice.ts';

const base: ProjectContent = {
  files: { 'a.c': new Uint8Array([1, 2, 3]) },
  folders: [],
  openFiles: ['a.c'],
  activeFile: 'a.c',
  stdin: '',
  args: '',
  env: '',
};

describe('project content', () => {
  it('fingerprints what the user made, not which tabs are open', () => {
    expect(contentKey(base)).toBe(contentKey({ ...base, openFiles: [], activeFile: null }));
    expect(contentKey(base)).not.toBe(contentKey({ ...base, stdin: 'x' }));
    expect(contentKey(base)).not.toBe(contentKey({ ...base, files: { 'a.c': new Uint8Array([1, 2, 4]) } }));
    expect(contentKey(base)).not.toBe(contentKey({ ...base, files: { 'b.c': new Uint8Array([1, 2, 3]) } }));
    expect(contentKey(base)).not.toBe(contentKey({ ...base, folders: ['out'] }));
  });

  it('knows an empty project', () => {
    expect(isEmptyContent({ ...base, files: {} })).toBe(true);
    expect(isEmptyContent({ ...base, files: {}, folders: ['x'] })).toBe(false);
    expect(isEmptyContent(base)).toBe(false);
  });

  it('cleans project names to one line', () => {
    expect(cleanProjectName('  a\nb\u202e  ')).toBe('a b');
    expect(cleanProjectName('x'.repeat(100))).toHaveLength(80);
  });
});
