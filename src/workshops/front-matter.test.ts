import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './front-matter.ts';

describe('splitFrontMatter', () => {
  it('parses the YAML between the --- lines and returns the body after them', () => {
    expect(splitFrontMatter('---\ntitle: Hi\nfiles-open: [a.c]\n---\n\nBody text.\n')).toEqual({
      data: { title: 'Hi', 'files-open': ['a.c'] },
      body: 'Body text.\n',
    });
  });

  it('says when there is no front matter or it is not YAML', () => {
    expect(splitFrontMatter('# Title\n')).toEqual({ error: expect.stringContaining('no front matter') });
    expect(splitFrontMatter('---\ntitle: [unclosed\n---\n')).toEqual({
      error: expect.stringContaining('not valid YAML'),
    });
  });

  it('says front matter nested past the stack is too deep, instead of overflowing', () => {
    const deep = `---\ntitle: ${'['.repeat(20000)}${']'.repeat(20000)}\n---\nBody\n`;
    expect(splitFrontMatter(deep)).toEqual({ error: 'front matter is nested too deeply to read' });
  });
});
