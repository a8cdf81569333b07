import { describe, expect, it } from 'vitest';
import type { ChannelSpec } from '../../engine/manifest/types.ts';
import {
  accessOf,
  classifyHost,
  describeChannel,
  directionOf,
  formatBytes,
  formatCount,
  limitLines,
  spokenCount,
} from './channel-text.ts';

const base: ChannelSpec = {
  uri: '/dev/stdout',
  alias: '/dev/stdout',
  type: 0,
  etag: false,
  gets: 0,
  getSize: 0,
  puts: 16,
  putSize: 65536,
  line: 8,
};

describe('classifyHost', () => {
  it('names the stdio devices, null, folders, network and project files', () => {
    expect(classifyHost('/dev/stdin')).toEqual({ kind: 'stdin', label: 'stdin box' });
    expect(classifyHost('/dev/stdout')).toEqual({ kind: 'console', label: 'console', detail: 'stdout' });
    expect(classifyHost('/dev/stderr')).toEqual({ kind: 'console', label: 'console', detail: 'stderr' });
    expect(classifyHost('/dev/null')).toEqual({ kind: 'null', label: 'null' });
    expect(classifyHost('.')).toMatchObject({ kind: 'folder', label: 'project' });
    expect(classifyHost('out/')).toMatchObject({ kind: 'folder', label: 'out/' });
    expect(classifyHost('tcp:2:')).toMatchObject({ kind: 'network' });
    expect(classifyHost('data/input.txt')).toEqual({ kind: 'file', label: 'data/input.txt' });
  });
});

describe('formatting', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(4096)).toBe('4 KiB');
    expect(formatBytes(65536)).toBe('64 KiB');
    expect(formatBytes(999999)).toBe('977 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1048575)).toBe('1 MiB');
    expect(formatBytes(16777216)).toBe('16 MiB');
    expect(formatBytes(4294967296)).toBe('4 GiB');
    expect(formatBytes(Number.MAX_SAFE_INTEGER)).toBe('8 PiB');
  });

  it('formats counts compactly from 10,000 on', () => {
    expect(formatCount(16)).toBe('16');
    expect(formatCount(9999)).toBe('9999');
    expect(formatCount(10000)).toBe('10k');
    expect(formatCount(999999)).toBe('1M');
    expect(formatCount(123456)).toBe('123k');
    expect(formatCount(4294967296)).toBe('4.3G');
    expect(spokenCount(16)).toBe('16');
    expect(spokenCount(4294967296)).toBe('4.3 billion');
  });
});

describe('access and limits', () => {
  it('derives direction from the limits and sequential/random from the type bits', () => {
    expect(directionOf(base)).toBe('write');
    expect(directionOf({ ...base, gets: 1, getSize: 1 })).toBe('both');
    expect(directionOf({ ...base, puts: 0 })).toBe('none');
    expect(accessOf(base)).toBe('sequential');
    expect(accessOf({ ...base, type: 2 })).toBe('random');
    expect(accessOf({ ...base, type: 1 })).toBe('sequential');
    expect(accessOf({ ...base, type: 1, gets: 1, getSize: 1 })).toBe('mixed');
  });

  it('prints one limit line per direction', () => {
    expect(limitLines(base)).toEqual(['puts 16 · 64 KiB · seq']);
    expect(limitLines({ ...base, type: 1, gets: 16, getSize: 4096 })).toEqual([
      'gets 16 · 4 KiB · rand',
      'puts 16 · 64 KiB · seq',
    ]);
    expect(limitLines({ ...base, puts: 0 })).toEqual(['no access (limits 0)']);
  });
});

describe('describeChannel', () => {
  it('gives the accessible name of a channel', () => {
    expect(describeChannel(base)).toBe('Channel /dev/stdout: console, sequential write, 16 writes, 64 KiB');
    const input = { ...base, uri: 'data.txt', alias: '/dev/input', type: 3 as const, gets: 1, getSize: 4096 };
    expect(describeChannel(input, 2)).toBe(
      'Channel /dev/input: file data.txt, random read, 1 read, 4 KiB, random write, 16 writes, 64 KiB, ' +
        'quota exceeded 2 times (EDQUOT)',
    );
    expect(describeChannel({ ...base, etag: true, puts: 0 }, 1)).toBe(
      'Channel /dev/stdout: console, no access (all limits are 0), traffic hashed (etag), quota exceeded once (EDQUOT)',
    );
  });
});
