import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/parse-manifest.ts';
import { loadFixture } from '../test-support/fixture-cache.ts';
import type { ProjectFiles } from './project-files.ts';
import { runSandbox } from './run-sandbox.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function manifest(program: string, channels: string[]): ReturnType<typeof parseManifest>['manifest'] {
  const { manifest, diagnostics } = parseManifest(
    [
      'Version = 20130611',
      `Program = ${program}`,
      'Memory = 16777216, 0',
      'Timeout = 5',
      'Channel = /dev/stdin, /dev/stdin, 0, 0, 100, 65536, 0, 0',
      'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 100, 65536',
      'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 100, 65536',
      ...channels,
    ].join('\n'),
  );
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return manifest;
}

// A ZeroCloud job is several runs whose channels meet in a project file: what one node writes on
// /dev/out/<dst> is what the next reads on /dev/in/<src>.
describe('runs chained through channels (the shape of a job)', () => {
  it('feeds one run’s output channel to the next run’s input channel', () => {
    const files: ProjectFiles = new Map([
      ['data.txt', new TextEncoder().encode('one two three\nfour five\n')],
    ]);
    const producer = runSandbox({
      manifest: manifest('copy-channel.wasm', [
        'Channel = data.txt, /dev/input, 3, 0, 100, 65536, 0, 0',
        'Channel = edges/map-reduce, /dev/output, 0, 0, 0, 0, 100, 65536',
      ])!,
      program: loadFixture('copy-channel'),
      files,
    });
    expect(producer.state).toBe('ok');
    for (const change of producer.changes) if (change.data) files.set(change.path, change.data);

    const consumer = runSandbox({
      manifest: manifest('wordcount.wasm', [
        'Channel = edges/map-reduce, /dev/input, 0, 0, 100, 65536, 0, 0',
      ])!,
      program: loadFixture('wordcount'),
      files,
    });
    expect(consumer.state).toBe('ok');
    expect(text(consumer.stdout).trim()).toBe('5 2 24');
    expect(consumer.channels.find((c) => c.alias === '/dev/input')?.bytesRead).toBe(24);
  });
});
