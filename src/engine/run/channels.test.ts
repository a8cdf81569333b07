import { describe, expect, it } from 'vitest';
import {
  STDIO_CHANNELS,
  argsNvram,
  changedFile,
  channelReport,
  runFixture,
  text,
} from '../test-support/sandbox-run.ts';

const STDIN = STDIO_CHANNELS[0]!;
const STDOUT = STDIO_CHANNELS[1]!;
const STDERR = STDIO_CHANNELS[2]!;

/** The first ten lines write-lines prints: "line 1\n" .. "line 10\n". */
const TEN_LINES = Array.from({ length: 10 }, (_, i) => `line ${i + 1}\n`).join('');

describe('write quotas', () => {
  it('lets 3 of 10 writes through with puts = 3 and lets the program go on', () => {
    const report = runFixture(
      'write-lines',
      [STDIN, 'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 3, 1048576', STDERR],
      { nvram: argsNvram('write-lines', '10') },
    );
    expect(text(report.stdout)).toBe('line 1\nline 2\nline 3\n');
    expect(text(report.stderr)).toBe('failed writes: 7 (EDQUOT)\n');
    expect(report.exitCode).toBe(0);
    expect(report.state).toBe('quota');
    expect(channelReport(report, '/dev/stdout')).toMatchObject({
      writes: 3,
      bytesWritten: 21,
      quotaHits: 7,
      limits: { puts: 3, putSize: 1048576 },
    });
    expect(report.message).toContain('/dev/stdout');
    expect(report.message).toContain('3 writes');
    expect(report.message).toContain('7 writes refused');
  });

  it('clips the write that crosses put_size and refuses the rest', () => {
    // 7 bytes per line: two whole lines, then 6 of the third ("line 3" without its newline).
    const report = runFixture(
      'write-lines',
      [STDIN, 'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 100, 20', STDERR],
      { nvram: argsNvram('write-lines', '10') },
    );
    expect(text(report.stdout)).toBe('line 1\nline 2\nline 3');
    expect(text(report.stderr)).toBe('failed writes: 7 (EDQUOT)\npartial writes: 1\n');
    const stdout = channelReport(report, '/dev/stdout');
    expect(stdout.bytesWritten).toBe(20);
    expect(stdout.writes).toBe(3);
    expect(stdout.quotaHits).toBe(7);
    expect(report.state).toBe('quota');
    expect(report.message).toContain('/dev/stdout quota of 20 bytes written used up');
  });

  it('reports state ok and no quota hits when the limits are not reached', () => {
    const report = runFixture('write-lines', STDIO_CHANNELS, {
      nvram: argsNvram('write-lines', '10'),
    });
    expect(text(report.stdout)).toBe(TEN_LINES);
    expect(report.state).toBe('ok');
    expect(report.message).toBe('finished with code 0');
    expect(report.channels.map((c) => c.quotaHits)).toEqual([0, 0, 0]);
  });
});

describe('read quotas', () => {
  it('clips stdin reads to get_size, then refuses with EDQUOT', () => {
    const report = runFixture(
      'echo-stdin',
      ['Channel = /dev/stdin, /dev/stdin, 0, 0, 100, 5, 0, 0', STDOUT, STDERR],
      { stdin: 'hello, world\n' },
    );
    expect(text(report.stdout)).toBe('hello');
    expect(text(report.stderr)).toMatch(/^read failed: .* \(EDQUOT\)\n$/);
    expect(channelReport(report, '/dev/stdin')).toMatchObject({ reads: 1, bytesRead: 5, quotaHits: 1 });
    expect(report.state).toBe('quota');
    expect(report.exitCode).toBe(1);
    expect(report.message).toContain('/dev/stdin quota of 5 bytes read used up');
  });

  it('counts EOF against the quota: a 10-byte file with get_size 10 ends in EDQUOT, not 0', () => {
    const channels = (getSize: number) => [
      ...STDIO_CHANNELS,
      `Channel = input.txt, /dev/input, 0, 0, 100, ${getSize}, 0, 0`,
    ];
    const files = { 'input.txt': 'one\ntwo 3\n' };
    const exact = runFixture('wordcount', channels(10), { files });
    expect(text(exact.stderr)).toMatch(/^read failed: .* \(EDQUOT\)\n$/);
    expect(text(exact.stdout)).toBe('');
    expect(channelReport(exact, '/dev/input')).toMatchObject({ reads: 1, bytesRead: 10, quotaHits: 1 });
    // One byte more of quota and the second read is a plain EOF.
    const roomy = runFixture('wordcount', channels(11), { files });
    expect(text(roomy.stdout)).toBe('3 2 10\n');
    expect(roomy.state).toBe('ok');
    expect(channelReport(roomy, '/dev/input')).toMatchObject({ reads: 2, bytesRead: 10, quotaHits: 0 });
  });

  it('refuses reads with EDQUOT once gets calls are spent', () => {
    const report = runFixture(
      'echo-stdin',
      ['Channel = /dev/stdin, /dev/stdin, 0, 0, 1, 1048576, 0, 0', STDOUT, STDERR],
      { stdin: 'abc' },
    );
    expect(text(report.stdout)).toBe('abc');
    expect(text(report.stderr)).toMatch(/\(EDQUOT\)/);
    expect(report.message).toContain('/dev/stdin quota of 1 reads used up');
  });

  it('refuses every read of a channel whose read limits are 0 with EBADF', () => {
    const report = runFixture(
      'echo-stdin',
      ['Channel = /dev/stdin, /dev/stdin, 0, 0, 0, 0, 0, 0', STDOUT, STDERR],
      { stdin: 'never read' },
    );
    expect(text(report.stderr)).toMatch(/^read failed: .* \(EBADF\)\n$/);
    expect(report.exitCode).toBe(1);
    expect(report.state).toBe('exit');
    expect(channelReport(report, '/dev/stdin')).toMatchObject({ reads: 0, bytesRead: 0, quotaHits: 0 });
  });
});

describe('channels at alias paths', () => {
  const copy = (input: string, output: string) => [...STDIO_CHANNELS, input, output];

  it('copies /dev/input to /dev/output and puts the output in the project file named by its URI', () => {
    const report = runFixture(
      'copy-channel',
      copy(
        'Channel = data/in.txt, /dev/input, 0, 0, 100, 1048576, 0, 0',
        'Channel = out/result.txt, /dev/output, 0, 0, 0, 0, 100, 1048576',
      ),
      { files: { 'data/in.txt': 'some input\nmore\n' } },
    );
    expect(text(report.stderr)).toBe('copied 16 bytes\nfailed writes: 0\n');
    expect(report.state).toBe('ok');
    expect(report.changes.map((c) => c.path)).toEqual(['out/result.txt']);
    expect(text(changedFile(report, 'out/result.txt'))).toBe('some input\nmore\n');
    expect(channelReport(report, '/dev/output')).toMatchObject({ writes: 1, bytesWritten: 16 });
  });

  it('keeps what was written before the output quota ran out', () => {
    const input = 'x'.repeat(10_000);
    const report = runFixture(
      'copy-channel',
      copy(
        'Channel = in.txt, /dev/input, 0, 0, 100, 1048576, 0, 0',
        'Channel = out.txt, /dev/output, 0, 0, 0, 0, 100, 5000',
      ),
      { files: { 'in.txt': input } },
    );
    // Reads of 4096, 4096 and 1808 bytes; the second write is clipped at 5000, the third refused.
    expect(text(report.stderr)).toBe('copied 5000 bytes\nfailed writes: 1 (EDQUOT)\n');
    expect(text(changedFile(report, 'out.txt'))).toBe('x'.repeat(5000));
    expect(report.state).toBe('quota');
  });

  it('shows exactly the channel aliases in /dev', () => {
    const report = runFixture(
      'list-dir',
      [
        ...STDIO_CHANNELS,
        'Channel = in.txt, /dev/input, 0, 0, 100, 1048576, 0, 0',
        'Channel = reduce.txt, /dev/out/reduce, 0, 0, 0, 0, 100, 1048576',
      ],
      {
        files: { 'in.txt': 'x', 'other.txt': 'not a channel' },
        nvram: argsNvram('list-dir', '/dev'),
      },
    );
    expect(text(report.stdout)).toBe('input\nout\nstderr\nstdin\nstdout\n');
    expect(report.state).toBe('ok');
  });

  it('refuses to start when a readable channel names a file the project does not have', () => {
    const report = runFixture('copy-channel', [
      ...STDIO_CHANNELS,
      'Channel = missing/input.txt, /dev/input, 0, 0, 100, 1048576, 0, 0',
      'Channel = out.txt, /dev/output, 0, 0, 0, 0, 100, 1048576',
    ]);
    expect(report.state).toBe('refused');
    expect(report.exitCode).toBeNull();
    expect(report.message).toContain('missing/input.txt');
    expect(report.message).toContain('/dev/input');
    expect(report.stdout.length + report.stderr.length).toBe(0);
    expect(report.changes).toEqual([]);
  });
});

describe('stdio channels backed by project files', () => {
  it('reads stdin from a project file and writes stdout into one', () => {
    const report = runFixture(
      'echo-stdin',
      [
        'Channel = input.txt, /dev/stdin, 0, 0, 100, 1048576, 0, 0',
        'Channel = output.txt, /dev/stdout, 0, 0, 0, 0, 100, 1048576',
        STDERR,
      ],
      { files: { 'input.txt': 'from a file\n', 'output.txt': 'old contents, replaced' } },
    );
    expect(report.state).toBe('ok');
    expect(report.stdout.length).toBe(0);
    expect(report.changes).toEqual([{ path: 'output.txt', data: new TextEncoder().encode('from a file\n') }]);
  });

  it.each(['../outside.txt', 'a/../../outside.txt'])(
    'refuses to start when a write channel names %s, outside the project',
    (uri) => {
      const report = runFixture('hello', [
        STDIN,
        `Channel = ${uri}, /dev/stdout, 0, 0, 0, 0, 100, 1048576`,
        STDERR,
      ]);
      expect(report.state).toBe('refused');
      expect(report.message).toContain(uri);
      expect(report.message).toContain('outside the project');
      expect(report.changes).toEqual([]);
    },
  );
});

describe('/dev/null channels', () => {
  it('swallows writes while still counting them against the quota', () => {
    const report = runFixture(
      'write-lines',
      [STDIN, 'Channel = /dev/null, /dev/stdout, 0, 0, 0, 0, 5, 1048576', STDERR],
      { nvram: argsNvram('write-lines', '10') },
    );
    expect(report.stdout.length).toBe(0);
    expect(text(report.stderr)).toBe('failed writes: 5 (EDQUOT)\n');
    expect(channelReport(report, '/dev/stdout')).toMatchObject({ writes: 5, bytesWritten: 35, quotaHits: 5 });
    expect(report.changes).toEqual([]);
  });

  it('reads as empty input', () => {
    const report = runFixture('wordcount', [
      'Channel = /dev/null, /dev/stdin, 0, 0, 100, 1048576, 0, 0',
      STDOUT,
      STDERR,
    ]);
    expect(text(report.stdout)).toBe('0 0 0\n');
    expect(report.state).toBe('ok');
  });
});
