import { describe, expect, it } from 'vitest';
import type { ChannelSink, ChannelSource } from '../stream/stdio-streams.ts';
import { STDIO_CHANNELS, bytes, channelReport, runFixture, text } from '../test-support/sandbox-run.ts';

/** A source that hands out the given pieces one read at a time (a reader that never has to block). */
function piecesSource(pieces: string[]): ChannelSource & { reads: number[] } {
  const queue = pieces.map(bytes);
  const reads: number[] = [];
  return {
    reads,
    read(max) {
      reads.push(max);
      const next = queue.shift();
      if (!next) return null;
      if (next.length > max) queue.unshift(next.subarray(max));
      return next.subarray(0, max);
    },
    peek: () => ({ bytes: queue[0]?.length ?? 0, ended: queue.length === 0 }),
    waitReadable: () => {},
  };
}

function collectingSink(acceptWrites = Infinity): ChannelSink & { chunks: Uint8Array[] } {
  const chunks: Uint8Array[] = [];
  return {
    chunks,
    write(data) {
      if (chunks.length >= acceptWrites) return false;
      chunks.push(data.slice());
      return true;
    },
  };
}

describe('live stdio', () => {
  it('reads stdin from a source piece by piece and hands output to sinks, not the report', () => {
    const stdin = piecesSource(['first line\n', 'second ', 'line\n']);
    const stdout = collectingSink();
    const report = runFixture('echo-stdin', STDIO_CHANNELS, { stdio: { stdin, stdout } });
    expect(report.state).toBe('ok');
    expect(text(Buffer.concat(stdout.chunks))).toBe('first line\nsecond line\n');
    // One fd_read, one read of the source: a read never waits for a second piece.
    expect(stdout.chunks.map(text)).toEqual(['first line\n', 'second ', 'line\n']);
    expect(report.stdout.length).toBe(0);
    const counted = channelReport(report, '/dev/stdin');
    expect(counted.reads).toBe(4);
    expect(counted.bytesRead).toBe(23);
  });

  it('counts live input against the stdin quota, and a spent quota is EDQUOT without reading on', () => {
    const channels = ['Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 10, 0, 0', ...STDIO_CHANNELS.slice(1)];
    const stdin = piecesSource(['0123456789abcdef\n']);
    const report = runFixture('echo-stdin', channels, { stdio: { stdin, stdout: collectingSink() } });
    expect(report.exitCode).toBe(1);
    expect(text(report.stderr)).toContain('EDQUOT');
    expect(stdin.reads).toEqual([10]);
  });

  it('a sink whose consumer is gone gives the guest EPIPE', () => {
    const stdout = collectingSink(1);
    const report = runFixture('echo-stdin', STDIO_CHANNELS, {
      stdio: { stdin: piecesSource(['a\n', 'b\n']), stdout },
    });
    expect(report.exitCode).toBe(1);
    expect(text(report.stderr)).toContain('EPIPE');
    expect(channelReport(report, '/dev/stdout').bytesWritten).toBe(2);
  });

  it('shows stdio as a terminal or not, as the host says', () => {
    const run = (kinds?: Record<string, 'char' | 'pipe'>) =>
      text(runFixture('tty-probe', STDIO_CHANNELS, { stdio: { kinds } }).stdout);
    expect(run()).toBe('tty 1 1 1\n');
    expect(run({ stdin: 'pipe', stdout: 'pipe' })).toBe('tty 0 0 1\n');
  });

  it('poll() on stdin reports bytes ready, then hang-up at the end of input', () => {
    const batch = runFixture('poll-stdin', STDIO_CHANNELS, { stdin: 'abc' });
    expect(text(batch.stdout)).toBe('ready 3\nhup\n');
    expect(batch.exitCode).toBe(0);
    const stdout = collectingSink();
    const live = runFixture('poll-stdin', STDIO_CHANNELS, {
      stdio: { stdin: piecesSource(['abcd', 'ef']), stdout },
    });
    expect(live.exitCode).toBe(0);
    expect(text(Buffer.concat(stdout.chunks))).toBe('ready 4\nready 2\nhup\n');
  });
});
