import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  STDIO_CHANNELS,
  channelReport,
  manifestText,
  parseValidManifest,
  runFixture,
  text,
} from '../test-support/sandbox-run.ts';
import type { FixtureRun } from '../test-support/sandbox-run.ts';
import { I32, PROC_EXIT, call, i32Const, wasiProgram } from '../test-support/wasi-program.ts';
import { runSandbox } from './run-sandbox.ts';

/** stdio with etag = 1 on stdin and stdout. */
const ETAG_CHANNELS = [
  'Channel = /dev/stdin, /dev/stdin, 0, 1, 1024, 1048576, 0, 0',
  'Channel = /dev/stdout, /dev/stdout, 0, 1, 0, 0, 1024, 1048576',
  STDIO_CHANNELS[2]!,
];

function clockRandom(options: FixtureRun = {}) {
  const report = runFixture('clock-random', ETAG_CHANNELS, options);
  expect(report.state).toBe('ok');
  const out = text(report.stdout);
  const value = (key: string) => new RegExp(`^${key} (\\S+)$`, 'm').exec(out)?.[1];
  return { report, out, realtime: value('realtime'), random: value('random') };
}

/** A command that exits with the (low 32 bits of the) inode number fd_filestat_get gives for stdin. */
function stdinInode(): Uint8Array {
  const filestat = { call: 'fd_filestat_get', params: [I32, I32], results: [I32] };
  const drop = 0x1a;
  const loadInode = [...i32Const(8), 0x29, 3, 0, 0xa7]; // i64.load offset=0 align=8; i32.wrap_i64
  return wasiProgram(
    [filestat, PROC_EXIT],
    [...i32Const(0), ...i32Const(0), ...call(0), drop, ...loadInode, ...call(1)],
  );
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('deterministic runs (the default)', () => {
  it('give byte-identical output and identical etags for the same program and inputs', () => {
    const a = clockRandom();
    const b = clockRandom();
    expect(a.report.deterministic).toBe(true);
    expect(a.out).toBe(b.out);
    expect(a.random).toMatch(/^[0-9a-f]{16}$/);
    const etagA = channelReport(a.report, '/dev/stdout').etag;
    expect(etagA).toMatch(/^[0-9a-f]{64}$/);
    expect(channelReport(b.report, '/dev/stdout').etag).toBe(etagA);
    expect(a.report.channels.map((c) => c.etag)).toEqual(b.report.channels.map((c) => c.etag));
  });

  it('give the same inode numbers however many runs came before in this thread', () => {
    const run = () =>
      runSandbox({
        manifest: parseValidManifest(manifestText(STDIO_CHANNELS)),
        program: stdinInode(),
        files: new Map(),
      }).exitCode;
    const first = run();
    runFixture('list-dir', [...STDIO_CHANNELS, 'Channel = a.txt, /dev/a, 0, 0, 0, 0, 1, 1']);
    expect(first).toBeGreaterThan(0);
    expect(run()).toBe(first);
  });

  it('hash the channel traffic into the etag', () => {
    const { report } = clockRandom();
    expect(channelReport(report, '/dev/stdout').etag).toBe(sha256(report.stdout));
    // Nothing was read from stdin: the etag is the hash of no bytes.
    expect(channelReport(report, '/dev/stdin').etag).toBe(sha256(new Uint8Array(0)));
  });

  it('leave the etag out of the report for channels with etag = 0', () => {
    const { report } = clockRandom();
    expect(channelReport(report, '/dev/stderr').etag).toBeUndefined();
  });

  it('give different etags when the traffic differs', () => {
    const echo = (stdin: string) => runFixture('echo-stdin', ETAG_CHANNELS, { stdin });
    const a = echo('first input\n');
    const b = echo('second input\n');
    const again = echo('first input\n');
    expect(text(a.stdout)).toBe('first input\n');
    for (const alias of ['/dev/stdin', '/dev/stdout']) {
      expect(channelReport(a, alias).etag).not.toBe(channelReport(b, alias).etag);
      expect(channelReport(a, alias).etag).toBe(channelReport(again, alias).etag);
    }
    expect(channelReport(a, '/dev/stdin').etag).toBe(sha256(new TextEncoder().encode('first input\n')));
  });
});

describe('runs with determinism switched off', () => {
  it('use real randomness, so two runs differ', () => {
    const a = clockRandom({ deterministic: false });
    const b = clockRandom({ deterministic: false });
    expect(a.report.deterministic).toBe(false);
    expect(a.random).toMatch(/^[0-9a-f]{16}$/);
    // 64 random bits: equal by chance once in 2^64 runs.
    expect(a.random).not.toBe(b.random);
    expect(channelReport(a.report, '/dev/stdout').etag).not.toBe(channelReport(b.report, '/dev/stdout').etag);
  });

  it('use the real clock', () => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const { realtime } = clockRandom({ deterministic: false });
    const after = BigInt(Date.now() + 1) * 1_000_000n;
    expect(BigInt(realtime ?? -1)).toBeGreaterThanOrEqual(before);
    expect(BigInt(realtime ?? -1)).toBeLessThanOrEqual(after);
  });
});
