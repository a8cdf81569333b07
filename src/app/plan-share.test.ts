import { describe, expect, it } from 'vitest';
import { decodeShare } from '../share/share-codec.ts';
import type { ProjectContent } from '../store/index.ts';
import { builtPrograms, planShare } from './plan-share.ts';

const enc = (text: string) => new TextEncoder().encode(text);
// Random bytes do not compress: 12 KB of them cannot fit in an 8 KB link.
function noise(n: number): Uint8Array {
  let x = 2463534242;
  return Uint8Array.from({ length: n }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

const content = (files: Record<string, Uint8Array>, activeFile: string | null = null): ProjectContent => ({
  files,
  folders: [],
  openFiles: activeFile === null ? [] : [activeFile],
  activeFile,
  stdin: 'in',
  args: '',
  env: '',
});

describe('planShare', () => {
  it('shares everything when it fits', () => {
    const plan = planShare(content({ 'a.c': enc('int main(void){return 0;}'), 'a.wasm': noise(100) }, 'a.c'));
    expect(plan.kind).toBe('link');
    const decoded = plan.kind === 'link' ? decodeShare(plan.fragment) : null;
    expect(decoded?.ok && Object.keys(decoded.project.files).sort()).toEqual(['a.c', 'a.wasm']);
  });

  it('leaves out programs Run rebuilds when the whole project would be too long', () => {
    const project = content({ 'a.c': enc('int main(void){return 0;}'), 'a.wasm': noise(12000) }, 'a.wasm');
    expect(builtPrograms(project.files)).toEqual(['a.wasm']);
    const plan = planShare(project);
    expect(plan).toMatchObject({ kind: 'link', omitted: ['a.wasm'] });
    const decoded = plan.kind === 'link' ? decodeShare(plan.fragment) : null;
    expect(decoded?.ok && decoded.project).toMatchObject({ openFile: null, tabs: [], stdin: 'in' });
    expect(planShare(project, true)).toMatchObject({ kind: 'too-long', omitted: [] });
  });

  it('is too long when what is left is still too big', () => {
    const plan = planShare(content({ 'blob.bin': noise(12000) }));
    expect(plan.kind).toBe('too-long');
    expect(plan.kind === 'too-long' && plan.length).toBeGreaterThan(8 * 1024);
  });
});
