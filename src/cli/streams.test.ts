import { spawn } from 'node:child_process';
import type { StdioOptions } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../toolchains/compile.ts';
import {
  copyFixture,
  makeTempDir,
  removeTempDirs,
  stdioChannels,
  writeManifest,
  ZVM_BIN,
  YES_WAT,
} from './cli-test-support.ts';

// `zvm exec` / `zvm run` with the process's own stdio: pipes, files, a terminal, `| head`, big streams.
const SLOW = 120_000;
const MIB = 1 << 20;

/** What one spawned process did. */
interface Spawned {
  status: number | null;
  stdout: Buffer;
  stdoutSha: string;
  stdoutBytes: number;
  stderr: string;
  ms: number;
  /** Peak resident memory (VmHWM) in bytes, when watched. */
  peakRss?: number;
}

interface SpawnOptions {
  cwd: string;
  /** The child's stdin: a pipe this test feeds with `feed`, or an open file descriptor. */
  stdin?: number | 'pipe';
  /** Writes the child's stdin (with backpressure; `output` is the stdout so far); the pipe is closed after it. */
  feed?: (write: (chunk: Uint8Array) => Promise<void>, output: () => string) => Promise<void>;
  /** The child's stdout: collected through a pipe (hashed, first 1 MiB kept), or an open file descriptor. */
  stdout?: number;
  /** Poll /proc/PID/status for the peak resident memory. */
  watchMemory?: boolean;
}

/** Runs `command args` to completion, streaming stdin and stdout without holding them whole. */
function run(command: string, args: string[], options: SpawnOptions): Promise<Spawned> {
  const stdio: StdioOptions = [options.stdin ?? 'pipe', options.stdout ?? 'pipe', 'pipe'];
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, stdio });
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let bytes = 0;
  let stderr = '';
  let peakRss = 0;
  const watch = options.watchMemory
    ? setInterval(() => {
        const status = readProcStatus(child.pid!);
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status ?? '')?.[1];
        if (hwm) peakRss = Math.max(peakRss, Number(hwm) * 1024);
      }, 20)
    : undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    if (bytes < MIB) kept.push(chunk);
    bytes += chunk.length;
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (child.stdin) {
    child.stdin.on('error', () => {});
    const stdin = child.stdin;
    const write = (chunk: Uint8Array): Promise<void> =>
      new Promise((resolve) => {
        if (stdin.write(chunk)) return resolve();
        const done = (): void => {
          stdin.off('drain', done).off('close', done);
          resolve();
        };
        stdin.on('drain', done).on('close', done);
      });
    const output = (): string => Buffer.concat(kept).toString();
    void (options.feed ?? (async () => {}))(write, output).then(() => stdin.end());
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(watch);
      resolve({
        status,
        stdout: Buffer.concat(kept),
        stdoutSha: hash.digest('hex'),
        stdoutBytes: bytes,
        stderr,
        ms: performance.now() - started,
        peakRss: options.watchMemory ? peakRss : undefined,
      });
    });
  });
}

function readProcStatus(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
}

const zvmArgs = (args: string[]): string[] => [ZVM_BIN, ...args];
const zvmLine = (args: string): string => `'${process.execPath}' '${ZVM_BIN}' ${args}`;

/** Feeds `size` random bytes in uneven pieces; resolves to their SHA-256. */
function randomFeed(size: number, onSha: (sha: string) => void) {
  return async (write: (chunk: Uint8Array) => Promise<void>): Promise<void> => {
    const hash = createHash('sha256');
    for (let at = 0, n = 777; at < size; at += n, n = ((n * 31 + 4099) % MIB) + 1) {
      const chunk = randomBytes(Math.min(n, size - at));
      hash.update(chunk);
      await write(chunk);
    }
    onSha(hash.digest('hex'));
  };
}

/** A Node stack trace or an unhandled 'error' event in zvm's stderr. */
const NODE_TRACE = /^\s+at |node:internal|Unhandled 'error' event/m;

let dir: string;
beforeAll(async () => {
  dir = makeTempDir();
  for (const name of ['echo-stdin', 'stream-64k', 'tty-probe', 'flood-stdout']) copyFixture(dir, name);
  const yes = await compile({ language: 'wat', files: { 'yes.wat': YES_WAT }, sources: ['yes.wat'] });
  if (!yes.ok || !yes.wasm) throw new Error(yes.log);
  writeFileSync(join(dir, 'yes.wasm'), yes.wasm);
});
afterAll(removeTempDirs);

describe('zvm exec streams stdin and stdout', () => {
  it('copies 32 MiB from a pipe into a file byte-exact (4 KiB writes)', { timeout: SLOW }, async () => {
    let sha = '';
    const out = openSync(join(dir, 'out32'), 'w');
    const result = await run(process.execPath, zvmArgs(['exec', 'echo-stdin.wasm']), {
      cwd: dir,
      stdout: out,
      feed: randomFeed(32 * MIB, (s) => (sha = s)),
    });
    closeSync(out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const written = readFileSync(join(dir, 'out32'));
    expect(written.length).toBe(32 * MIB);
    expect(createHash('sha256').update(written).digest('hex')).toBe(sha);
    console.log(`32 MiB pipe -> file (echo-stdin): ${Math.round(result.ms)} ms`);
  });

  it(
    'copies 96 MiB pipe to pipe byte-exact (64 KiB writes) in bounded memory',
    { timeout: SLOW },
    async () => {
      let sha = '';
      const result = await run(process.execPath, zvmArgs(['exec', 'stream-64k.wasm']), {
        cwd: dir,
        feed: randomFeed(96 * MIB, (s) => (sha = s)),
        watchMemory: existsSync('/proc/self/status'),
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdoutBytes).toBe(96 * MIB);
      expect(result.stdoutSha).toBe(sha);
      console.log(
        `96 MiB pipe -> pipe (stream-64k): ${Math.round(result.ms)} ms, peak RSS ${Math.round((result.peakRss ?? 0) / MIB)} MiB`,
      );
      if (result.peakRss !== undefined) expect(result.peakRss).toBeLessThan(224 * MIB);
    },
  );

  it('reads a file (< file) and /dev/null (< /dev/null) as stdin', async () => {
    const data = randomBytes(MIB + 123);
    writeFileSync(join(dir, 'in.bin'), data);
    const file = openSync(join(dir, 'in.bin'), 'r');
    const fromFile = await run(process.execPath, zvmArgs(['exec', 'stream-64k.wasm']), {
      cwd: dir,
      stdin: file,
    });
    closeSync(file);
    expect(fromFile.status).toBe(0);
    expect(fromFile.stdoutSha).toBe(createHash('sha256').update(data).digest('hex'));
    const nul = openSync('/dev/null', 'r');
    const fromNull = await run(process.execPath, zvmArgs(['exec', 'echo-stdin.wasm']), {
      cwd: dir,
      stdin: nul,
    });
    closeSync(nul);
    expect(fromNull).toMatchObject({ status: 0, stdoutBytes: 0, stderr: '' });
  });

  it('gives a slow producer’s lines (another process, pausing) to the program as they come', async () => {
    const result = await run(
      'sh',
      ['-c', `(echo early; sleep 1; echo late) | ${zvmLine('exec echo-stdin.wasm')}`],
      {
        cwd: dir,
      },
    );
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout.toString()).toBe('early\nlate\n');
  });

  it('does not count waiting for input towards --timeout, and reports the wait', async () => {
    const result = await run(
      process.execPath,
      zvmArgs(['exec', '--timeout', '1', '--report', 'wait.json', 'echo-stdin.wasm']),
      {
        cwd: dir,
        feed: async (write, output) => {
          await write(Buffer.from('early\n'));
          // The program has its first line (and so is running) before the pause starts.
          while (output() === '') await sleep(20);
          await sleep(1500);
          await write(Buffer.from('late\n'));
        },
      },
    );
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout.toString()).toBe('early\nlate\n');
    const report = JSON.parse(readFileSync(join(dir, 'wait.json'), 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ state: 'ok', stdout: 'early\nlate\n' });
    expect(report.waitedMs).toBeGreaterThan(1400);
  });

  it('exits once the program ends, though its stdin stays open, and never opens it if unread', async () => {
    // The pipe's writer (this test) neither writes nor closes it until zvm is gone.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const pending = run(process.execPath, zvmArgs(['exec', 'tty-probe.wasm']), {
      cwd: dir,
      feed: () => held,
    });
    const result = await pending;
    release();
    expect(result).toMatchObject({ status: 0, stderr: '' });
    // Not a terminal: stdin and stdout are pipes here, and so is stderr.
    expect(result.stdout.toString()).toBe('tty 0 0 0\n');
  });

  it('counts a stdin quota on what flows: an endless producer, 10 bytes read, then EDQUOT', async () => {
    writeManifest(dir, 'quota.manifest', {
      program: 'echo-stdin.wasm',
      channels: ['Channel = /dev/stdin, /dev/stdin, 0, 0, 1000, 10, 0, 0', ...stdioChannels().slice(1)],
    });
    const result = await run('sh', ['-c', `yes | ${zvmLine('run quota.manifest --report quota.json')}`], {
      cwd: dir,
    });
    expect(result.stdout.toString()).toBe('y\ny\ny\ny\ny\n');
    expect(result.stderr).toMatch(/^read failed: .*\(EDQUOT\)\n/);
    expect(result.status).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'quota.json'), 'utf8')) as {
      channels: Array<{ alias: string; reads: number; bytesRead: number; quotaHits: number }>;
    };
    expect(report.channels[0]).toMatchObject({ alias: '/dev/stdin', bytesRead: 10, quotaHits: 1 });
  });
});

describe('zvm exec into a pipe whose reader goes away', () => {
  it('`| head -c 100` ends promptly, with no stack trace; the program gets EPIPE', async () => {
    writeFileSync(join(dir, 'in8'), randomBytes(8 * MIB));
    const result = await run(
      'bash',
      ['-c', `${zvmLine('exec echo-stdin.wasm')} < in8 | head -c 100; echo "zvm exit \${PIPESTATUS[0]}" >&2`],
      { cwd: dir },
    );
    expect(result.stdoutBytes).toBe(100);
    expect(result.stderr).not.toMatch(NODE_TRACE);
    expect(result.stderr).toBe('write failed: Broken pipe (EPIPE)\nzvm exit 1\n');
    expect(result.ms).toBeLessThan(10_000);
  });

  it('a program that ignores EPIPE and writes on is stopped as SIGPIPE would: exit 141, quietly', async () => {
    const result = await run(
      'bash',
      [
        '-c',
        `${zvmLine('exec --report yes.json yes.wasm')} | head -1; echo "zvm exit \${PIPESTATUS[0]}" >&2`,
      ],
      { cwd: dir },
    );
    expect(result.stdout.toString()).toBe('y\n');
    expect(result.stderr).toBe('zvm exit 141\n');
    const report = JSON.parse(readFileSync(join(dir, 'yes.json'), 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ state: 'killed', brokenPipe: 'stdout' });
    expect(result.ms).toBeLessThan(10_000);
  });

  it('zvm job | head: the job’s output stops cleanly too', async () => {
    writeFileSync(
      join(dir, 'flood.job.json'),
      JSON.stringify([
        { name: 'flood', exec: { path: 'flood-stdout.wasm', args: '8' }, devices: [{ name: 'stdout' }] },
      ]),
    );
    const whole = await run(process.execPath, zvmArgs(['job', 'flood.job.json']), { cwd: dir });
    expect(whole.status).toBe(0);
    expect(whole.stdoutBytes).toBe('==> flood <==\n'.length + 8 * MIB + 1);
    const cut = await run(
      'bash',
      ['-c', `${zvmLine('job flood.job.json')} | head -c 100; echo "zvm exit \${PIPESTATUS[0]}" >&2`],
      { cwd: dir },
    );
    expect(cut.stdoutBytes).toBe(100);
    expect(cut.stderr).not.toMatch(NODE_TRACE);
    expect(cut.stderr).toMatch(/zvm exit 0\n$/);
  });
});

describe('zvm exec on a terminal', () => {
  /** Runs `command` under script(1), so it has a pseudo-terminal as stdin, stdout and stderr. */
  function inTerminal(command: string, typing: Array<{ after: string; type: string }>): Promise<Spawned> {
    return run('script', ['-qec', command, '/dev/null'], {
      cwd: dir,
      feed: async (write, output) => {
        for (const { after, type } of typing) {
          for (let i = 0; !output().includes(after) && i < 500; i++) await sleep(20);
          await write(Buffer.from(type));
        }
      },
    });
  }

  it('shows stdio as a terminal', async () => {
    const result = await inTerminal(zvmLine('exec tty-probe.wasm'), []);
    expect(result.stdout.toString()).toBe('tty 1 1 1\r\n');
  });

  it('reads typed lines as they are typed, EOF at Ctrl-D, and leaves the terminal as it found it', async () => {
    // Each line shows twice: the terminal's echo of the typing, then the program's copy.
    const result = await inTerminal(`stty -g; ${zvmLine('exec echo-stdin.wasm')}; echo "exit $?"; stty -g`, [
      { after: ':', type: 'hello tty\n' },
      { after: 'hello tty\r\nhello tty\r\n', type: 'second line\n' },
      { after: 'second line\r\nsecond line\r\n', type: '\x04' },
    ]);
    const lines = result.stdout.toString().split('\r\n');
    expect(lines.slice(1, -2)).toEqual(['hello tty', 'hello tty', 'second line', 'second line', 'exit 0']);
    expect(lines.at(-2)).toBe(lines[0]);
  });
});
