import { describe, expect, it } from 'vitest';
import { tabLabels } from './tab-labels.ts';

describe('tabLabels', () => {
  it('shows base names', () => {
    expect(tabLabels(['main.c', 'src/util.h', 'hello.manifest'])).toEqual([
      'main.c',
      'util.h',
      'hello.manifest',
    ]);
  });

  it('shows full paths when base names collide', () => {
    expect(tabLabels(['a/main.c', 'b/main.c', 'nvram'])).toEqual(['a/main.c', 'b/main.c', 'nvram']);
  });

  it('keeps a path that ends in a slash readable', () => {
    expect(tabLabels(['dir/'])).toEqual(['dir/']);
  });
});
