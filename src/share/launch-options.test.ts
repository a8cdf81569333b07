import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl, hasShareLink, readLaunchOptions, shareUrl } from './launch-options.ts';

describe('launch options', () => {
  it('reads embed, read-only and autorun from the query and keeps the fragment', () => {
    expect(readLaunchOptions({ search: '?embed=1&readonly=1&autorun=1', hash: '#p=1.abc' })).toEqual({
      embed: true,
      readOnly: true,
      autorun: true,
      hash: 'p=1.abc',
    });
    expect(readLaunchOptions({ search: '', hash: '' })).toEqual({
      embed: false,
      readOnly: false,
      autorun: false,
      hash: '',
    });
    expect(readLaunchOptions({ search: '?embed=0&autorun=1', hash: '' }).embed).toBe(false);
  });

  it('tells a share link fragment from others', () => {
    expect(hasShareLink('p=1.abc')).toBe(true);
    expect(hasShareLink('#x=1&p=9.')).toBe(true);
    expect(hasShareLink('#section-2')).toBe(false);
    expect(hasShareLink('')).toBe(false);
  });

  it('honours autorun and read-only only in an embed', () => {
    const full = readLaunchOptions({ search: '?autorun=1&readonly=1', hash: '#p=1.x' });
    expect(full.autorun).toBe(false);
    expect(full.readOnly).toBe(false);
  });

  it('builds share and embed addresses and an escaped iframe snippet', () => {
    const base = 'https://zvm.example/app/';
    expect(shareUrl(base, 'p=1.x')).toBe('https://zvm.example/app/#p=1.x');
    const url = embedUrl(base, 'p=1.x', { readOnly: true, autorun: false });
    expect(url).toBe('https://zvm.example/app/?embed=1&readonly=1#p=1.x');
    expect(embedSnippet(url)).toContain('src="https://zvm.example/app/?embed=1&amp;readonly=1#p=1.x"');
    expect(embedSnippet('x"><script>')).not.toContain('"><script>');
  });
});
