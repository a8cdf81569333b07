import { describe, it, expect } from 'vitest';
import { isManifestKey, suggestKey } from './manifest-keys.ts';

describe('manifest keys', () => {
  it('matches keys case-sensitively', () => {
    expect(isManifestKey('Memory')).toBe(true);
    expect(isManifestKey('memory')).toBe(false);
    expect(isManifestKey('Broker')).toBe(false);
  });

  it('suggests the key meant by a case mistake or a small typo', () => {
    expect(suggestKey('memory')).toBe('Memory');
    expect(suggestKey('MEMORY')).toBe('Memory');
    expect(suggestKey('Chanel')).toBe('Channel');
    expect(suggestKey('Channels')).toBe('Channel');
    expect(suggestKey('Timout')).toBe('Timeout');
    expect(suggestKey('Nameserver')).toBe('NameServer');
    expect(suggestKey('job')).toBe('Job');
  });

  it('does not suggest anything for unrelated words', () => {
    expect(suggestKey('Foo')).toBeUndefined();
    expect(suggestKey('Broker')).toBeUndefined();
    expect(suggestKey('Jx')).toBeUndefined();
    expect(suggestKey('x'.repeat(100))).toBeUndefined();
  });
});
