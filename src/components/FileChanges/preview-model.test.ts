import { describe, expect, it } from 'vitest';
import { changeSentence, firstTab, formatSize, previewTabs, shownBytes, tabForKey } from './preview-model.ts';
import type { PreviewChange } from './preview-model.ts';

const bytes = new Uint8Array([1, 2]);
const modified: PreviewChange = { badge: 'modified', before: new Uint8Array([1]), partial: false };
const deleted: PreviewChange = { badge: 'deleted', before: bytes, partial: false };

describe('preview model', () => {
  it('offers Changes for a changed file, Contents for a tar, then Text and Hex', () => {
    expect(previewTabs('a.txt', bytes, undefined)).toEqual(['text', 'hex']);
    expect(previewTabs('a.txt', bytes, modified)).toEqual(['changes', 'text', 'hex']);
    expect(previewTabs('out/img.TAR', bytes, undefined)).toEqual(['contents', 'text', 'hex']);
    expect(previewTabs('gone.tar', null, deleted)).toEqual(['changes', 'contents', 'text', 'hex']);
    expect(previewTabs('missing', null, undefined)).toEqual([]);
  });

  it('shows a deleted file as it was before the run', () => {
    expect(shownBytes(null, deleted)).toBe(bytes);
    expect(shownBytes(bytes, modified)).toBe(bytes);
    expect(shownBytes(null, undefined)).toBeNull();
  });

  it('picks the first tab: asked for, else Changes, Contents, Hex for binary, Text', () => {
    expect(firstTab(['changes', 'text', 'hex'], false)).toBe('changes');
    expect(firstTab(['changes', 'text', 'hex'], false, 'hex')).toBe('hex');
    expect(firstTab(['text', 'hex'], false, 'contents')).toBe('text');
    expect(firstTab(['contents', 'text', 'hex'], true)).toBe('contents');
    expect(firstTab(['text', 'hex'], true)).toBe('hex');
    expect(firstTab([], true)).toBeNull();
  });

  it('moves between tabs with arrows (wrapping), Home and End', () => {
    const tabs = ['changes', 'text', 'hex'] as const;
    expect(tabForKey(tabs, 'changes', 'ArrowRight')).toBe('text');
    expect(tabForKey(tabs, 'hex', 'ArrowRight')).toBe('changes');
    expect(tabForKey(tabs, 'changes', 'ArrowLeft')).toBe('hex');
    expect(tabForKey(tabs, 'text', 'Home')).toBe('changes');
    expect(tabForKey(tabs, 'text', 'End')).toBe('hex');
    expect(tabForKey(tabs, 'text', 'Enter')).toBeNull();
  });

  it('words badges and sizes', () => {
    expect(changeSentence('deleted')).toBe('deleted by the last run');
    expect([formatSize(1), formatSize(900), formatSize(1536), formatSize(3 * 1024 * 1024)]).toEqual([
      '1 byte',
      '900 bytes',
      '1.5 KiB (1,536 bytes)',
      '3.0 MiB (3,145,728 bytes)',
    ]);
  });
});
