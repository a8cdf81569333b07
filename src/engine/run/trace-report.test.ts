import { describe, expect, it } from 'vitest';
import { writeTarImage } from '../image/tar-image.ts';
import { ERRNO_DQUOT } from '../wasi/constants.ts';
import { STDIO_CHANNELS, bytes, channelReport, runFixture, text } from '../test-support/sandbox-run.ts';

const nvram = (...args: string[]) => ({
  args,
  env: [['LANG', 'C.UTF-8']] as Array<[string, string]>,
  fstab: [],
  mapping: [],
});

describe('the trace', () => {
  it('records every call with its name, in order, ending with proc_exit', () => {
    const report = runFixture('exit-code', STDIO_CHANNELS, { trace: true, nvram: nvram('exit-code', '5') });
    const trace = report.trace ?? [];
    expect(trace.map((e) => e.call)).toEqual(['args_sizes_get', 'args_get', 'proc_exit']);
    expect(trace.map((e) => e.seq)).toEqual([0, 1, 2]);
    for (let i = 1; i < trace.length; i++) expect(trace[i]!.time).toBeGreaterThanOrEqual(trace[i - 1]!.time);
    expect(trace.at(-1)).toMatchObject({ call: 'proc_exit', args: [5], errno: -1 });
    expect(report.traceDropped).toBe(0);
  });

  it('records a program that returns from main without proc_exit', () => {
    const report = runFixture('hello', STDIO_CHANNELS, { trace: true });
    const calls = (report.trace ?? []).map((e) => e.call);
    expect(calls).toContain('fd_write');
    expect(calls).not.toContain('proc_exit');
    expect(report.state).toBe('ok');
  });

  it('gives fd_write the bytes it moved and the channel alias of fd 1', () => {
    const report = runFixture('hello', STDIO_CHANNELS, { trace: true });
    const writes = (report.trace ?? []).filter((e) => e.call === 'fd_write');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ channel: '/dev/stdout', bytes: 15, errno: 0 });
    expect(writes[0]!.args[0]).toBe(1);
  });

  it('records refused writes with errno EDQUOT (19) and no byte count', () => {
    const report = runFixture(
      'write-lines',
      [STDIO_CHANNELS[0]!, 'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 3, 1048576', STDIO_CHANNELS[2]!],
      { trace: true, nvram: nvram('write-lines', '10') },
    );
    const toStdout = (report.trace ?? []).filter((e) => e.call === 'fd_write' && e.channel === '/dev/stdout');
    expect(ERRNO_DQUOT).toBe(19);
    expect(toStdout.map((e) => e.errno)).toEqual([0, 0, 0, 19, 19, 19, 19, 19, 19, 19]);
    expect(toStdout.map((e) => e.bytes)).toEqual([7, 7, 7, ...new Array<undefined>(7).fill(undefined)]);
    const toStderr = (report.trace ?? []).filter((e) => e.call === 'fd_write' && e.channel === '/dev/stderr');
    expect(toStderr.length).toBeGreaterThan(0);
    expect(toStderr.every((e) => e.errno === 0)).toBe(true);
  });

  it('decodes the path of path_open and names the channel of reads from an opened alias', () => {
    const image = writeTarImage([{ path: 'notes/today.txt', kind: 'file', data: bytes('remember\n') }]);
    const report = runFixture(
      'cat-file',
      [...STDIO_CHANNELS, 'Channel = image.tar, /dev/image, 3, 0, 100, 1048576, 0, 0'],
      {
        trace: true,
        files: { 'image.tar': image },
        nvram: {
          ...nvram('cat-file', '/notes/today.txt'),
          fstab: [{ channel: '/dev/image', mountpoint: '/', access: 'ro', removable: false, line: 0 }],
        },
      },
    );
    expect(text(report.stdout)).toBe('remember\n');
    const trace = report.trace ?? [];
    const open = trace.find((e) => e.call === 'path_open');
    // wasi-libc resolves the absolute path against the preopened root, fd 3.
    expect(open).toMatchObject({ path: 'notes/today.txt', errno: 0, channel: '/' });
    expect(open!.args[0]).toBe(3);
    const reads = trace.filter((e) => e.call === 'fd_read');
    expect(reads.map((e) => e.bytes)).toEqual([9, 0]);
    expect(reads.every((e) => e.channel === '/notes/today.txt')).toBe(true);
    // The descriptor is gone once fd_close returns; the trace still says what it was.
    const close = trace.find((e) => e.call === 'fd_close');
    expect(close).toMatchObject({ channel: '/notes/today.txt', errno: 0 });
  });

  it('records a failed path_open with its errno', () => {
    const report = runFixture(
      'cat-file',
      [...STDIO_CHANNELS, 'Channel = in.txt, /dev/input, 0, 0, 100, 1048576, 0, 0'],
      { trace: true, files: { 'in.txt': '' }, nvram: nvram('cat-file', '/nowhere.txt') },
    );
    expect(report.exitCode).toBe(1);
    expect(text(report.stderr)).toBe('/nowhere.txt: No such file or directory\n');
    const open = (report.trace ?? []).find((e) => e.call === 'path_open');
    expect(open).toMatchObject({ path: 'nowhere.txt', errno: 44 });
  });

  it('is left out of the report when tracing is off (the default)', () => {
    const report = runFixture('hello', STDIO_CHANNELS);
    expect(report.trace).toBeUndefined();
    expect(report.traceDropped).toBeUndefined();
    expect(text(report.stdout)).toBe('hello, sandbox\n');
  });
});

describe('the report', () => {
  it('gives a non-zero exit code as state exit', () => {
    const report = runFixture('exit-code', STDIO_CHANNELS, { nvram: nvram('exit-code', '7') });
    expect(report).toMatchObject({ state: 'exit', exitCode: 7, message: 'finished with code 7' });
  });

  it('gives exit code 0 as state ok', () => {
    const report = runFixture('exit-code', STDIO_CHANNELS, { nvram: nvram('exit-code', '0') });
    expect(report).toMatchObject({ state: 'ok', exitCode: 0, message: 'finished with code 0' });
  });

  it('carries argv, env, timing, memory and the determinism setting', () => {
    const report = runFixture('args-env', STDIO_CHANNELS, {
      nvram: nvram('args-env', 'one', 'two words'),
      head: { memory: 32 * 1024 * 1024 },
    });
    expect(report.argv).toEqual(['args-env', 'one', 'two words']);
    expect(report.env).toEqual(['LANG=C.UTF-8']);
    expect(text(report.stdout)).toContain('argv[2]=two words\nenv[0]=LANG=C.UTF-8\n');
    expect(report.wallMs).toBeGreaterThan(0);
    expect(report.peakMemoryBytes).toBeGreaterThan(0);
    expect(report.peakMemoryBytes % 65536).toBe(0);
    expect(report.memoryLimitBytes).toBe(32 * 1024 * 1024);
    expect(report.deterministic).toBe(true);
  });

  it('gives argv[0] as the program file name also when the run is refused', () => {
    const report = runFixture('hello', STDIO_CHANNELS, {
      head: { program: 'bin/hello.wasm', memory: 65536 },
    });
    expect(report.state).toBe('refused');
    expect(report.argv).toEqual(['hello.wasm']);
  });

  it('accounts every channel against its limits', () => {
    const report = runFixture(
      'copy-channel',
      [
        ...STDIO_CHANNELS,
        'Channel = in.txt, /dev/input, 1, 0, 50, 4000, 0, 0',
        'Channel = out.txt, /dev/output, 2, 0, 0, 0, 60, 5000',
      ],
      { files: { 'in.txt': 'a'.repeat(100) } },
    );
    expect(channelReport(report, '/dev/input')).toEqual({
      alias: '/dev/input',
      uri: 'in.txt',
      type: 1,
      limits: { gets: 50, getSize: 4000, puts: 0, putSize: 0 },
      reads: 2,
      bytesRead: 100,
      writes: 0,
      bytesWritten: 0,
      quotaHits: 0,
    });
    expect(channelReport(report, '/dev/output')).toMatchObject({
      type: 2,
      limits: { gets: 0, getSize: 0, puts: 60, putSize: 5000 },
      reads: 0,
      writes: 1,
      bytesWritten: 100,
    });
    expect(report.channels.map((c) => c.alias)).toEqual([
      '/dev/stdin',
      '/dev/stdout',
      '/dev/stderr',
      '/dev/input',
      '/dev/output',
    ]);
  });

  it('streams console output through onOutput as it is written', () => {
    const chunks: Array<[string, string]> = [];
    const report = runFixture('write-lines', STDIO_CHANNELS, {
      nvram: nvram('write-lines', '3'),
      onOutput: (stream, data) => chunks.push([stream, text(data)]),
    });
    expect(chunks.filter(([stream]) => stream === 'stdout')).toEqual([
      ['stdout', 'line 1\n'],
      ['stdout', 'line 2\n'],
      ['stdout', 'line 3\n'],
    ]);
    // stderr is unbuffered, so fprintf reaches it in several writes.
    const stderr = chunks.filter(([stream]) => stream === 'stderr').map(([, data]) => data);
    expect(stderr.join('')).toBe('failed writes: 0\n');
    expect(text(report.stdout)).toBe('line 1\nline 2\nline 3\n');
  });
});
