import { describe, expect, it } from 'vitest';
import { ERRNO_SPIPE, ERRNO_SUCCESS } from '../wasi/constants.ts';
import {
  STDIO_CHANNELS,
  argsNvram,
  manifestText,
  parseValidManifest,
  runFixture,
  text,
} from '../test-support/sandbox-run.ts';
import { I32, I64, PROC_EXIT, call, i32Const, wasiProgram } from '../test-support/wasi-program.ts';
import { runSandbox } from './run-sandbox.ts';

const [STDIN, STDOUT, STDERR] = STDIO_CHANNELS as [string, string, string];
const LOG = 'first\nsecond\nlast line\n';

function seekLastLine(type: number) {
  return runFixture(
    'seek-last-line',
    [...STDIO_CHANNELS, `Channel = log.txt, /dev/log, ${type}, 0, 100, 1048576, 0, 0`],
    {
      files: { 'log.txt': LOG },
      nvram: argsNvram('seek-last-line', '/dev/log'),
    },
  );
}

/** A command that calls fd_seek(fd, 4, SEEK_SET) and exits with the errno it got. */
function seekCommand(fd: number): Uint8Array {
  const seek = { call: 'fd_seek', params: [I32, I64, I32, I32], results: [I32] };
  const i64Const4 = [0x42, 4];
  const body = [...i32Const(fd), ...i64Const4, ...i32Const(0), ...i32Const(16), ...call(0), ...call(1)];
  return wasiProgram([seek, PROC_EXIT], body);
}

function seekErrno(fd: number, channels: string[]): number | null {
  const report = runSandbox({
    manifest: parseValidManifest(manifestText(channels)),
    program: seekCommand(fd),
    files: new Map([['in.txt', new TextEncoder().encode('0123456789')]]),
  });
  return report.exitCode;
}

describe('seeking channels, by access type (ZRT channels_mount.c)', () => {
  it.each([0, 2])('refuses lseek with ESPIPE when reads are sequential (type %i)', (type) => {
    const report = seekLastLine(type);
    expect(text(report.stderr)).toBe('lseek failed: Invalid seek\n');
    expect(report.exitCode).toBe(2);
    expect(text(report.stdout)).toBe('');
  });

  it.each([1, 3])('lets a random-read channel (type %i) seek', (type) => {
    const report = seekLastLine(type);
    expect(text(report.stderr)).toBe('');
    expect(text(report.stdout)).toBe('last line\n');
    expect(report.state).toBe('ok');
  });

  it.each([
    [0, ERRNO_SPIPE],
    [1, ERRNO_SUCCESS],
    [2, ERRNO_SPIPE],
    [3, ERRNO_SUCCESS],
  ])('fd_seek on a read-only descriptor of a type %i channel gives errno %i', (type, errno) => {
    const stdin = `Channel = in.txt, /dev/stdin, ${type}, 0, 10, 100, 0, 0`;
    expect(seekErrno(0, [stdin, STDOUT, STDERR])).toBe(errno);
  });

  it.each([
    [0, ERRNO_SPIPE],
    [1, ERRNO_SPIPE],
    [2, ERRNO_SUCCESS],
    [3, ERRNO_SUCCESS],
  ])('fd_seek on a write-only descriptor of a type %i channel gives errno %i', (type, errno) => {
    const stdout = `Channel = out.txt, /dev/stdout, ${type}, 0, 0, 0, 10, 100`;
    expect(seekErrno(1, [STDIN, stdout, STDERR])).toBe(errno);
  });
});
