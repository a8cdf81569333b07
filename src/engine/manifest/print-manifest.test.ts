import { describe, it, expect } from 'vitest';
import { parseManifest } from './parse-manifest.ts';
import { printChannel, printManifest } from './print-manifest.ts';
import type { Manifest } from './types.ts';

const MANIFEST: Manifest = {
  version: '20130611',
  program: 'runtime:python',
  memory: 4294967296,
  memoryEtag: true,
  timeout: 50,
  node: 1,
  nameServer: 'udp:10.0.0.254:5544',
  job: '/tmp/zvm.sock',
  etag: 'x',
  channels: [
    {
      uri: 'in.txt',
      alias: '/dev/stdin',
      type: 0,
      etag: false,
      gets: 1,
      getSize: 2,
      puts: 0,
      putSize: 0,
      line: 0,
    },
    {
      uri: '/dev/stdout',
      alias: '/dev/stdout',
      type: 1,
      etag: true,
      gets: 0,
      getSize: 0,
      puts: 3,
      putSize: 4,
      line: 0,
    },
    {
      uri: '/dev/stderr',
      alias: '/dev/stderr',
      type: 2,
      etag: false,
      gets: 0,
      getSize: 0,
      puts: 5,
      putSize: 6,
      line: 0,
    },
  ],
};

describe('printManifest', () => {
  it('prints required keys, optional keys, then channels', () => {
    expect(printManifest(MANIFEST)).toBe(
      [
        'Version = 20130611',
        'Program = runtime:python',
        'Memory = 4294967296, 1',
        'Timeout = 50',
        'NameServer = udp:10.0.0.254:5544',
        'Node = 1',
        'Job = /tmp/zvm.sock',
        'Etag = x',
        'Channel = in.txt, /dev/stdin, 0, 0, 1, 2, 0, 0',
        'Channel = /dev/stdout, /dev/stdout, 1, 1, 0, 0, 3, 4',
        'Channel = /dev/stderr, /dev/stderr, 2, 0, 0, 0, 5, 6',
        '',
      ].join('\n'),
    );
  });

  it('leaves out optional keys that are not set', () => {
    const { node: _n, nameServer: _s, job: _j, etag: _e, ...required } = MANIFEST;
    expect(printManifest(required).split('\n').slice(0, 5)).toEqual([
      'Version = 20130611',
      'Program = runtime:python',
      'Memory = 4294967296, 1',
      'Timeout = 50',
      'Channel = in.txt, /dev/stdin, 0, 0, 1, 2, 0, 0',
    ]);
  });

  it('prints one channel line', () => {
    expect(printChannel({ ...MANIFEST.channels[0]!, type: 3, etag: true })).toBe(
      'Channel = in.txt, /dev/stdin, 3, 1, 1, 2, 0, 0',
    );
  });

  it('round-trips through parseManifest, numbering channel lines', () => {
    const { manifest, diagnostics } = parseManifest(printManifest(MANIFEST));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(manifest).toEqual({
      ...MANIFEST,
      channels: MANIFEST.channels.map((c, i) => ({ ...c, line: 9 + i })),
    });
  });
});
