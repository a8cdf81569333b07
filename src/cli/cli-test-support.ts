import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePath } from '../engine/test-support/fixture-cache.ts';

/** The real CLI entry point, as `npx zvm` would run it. */
export const ZVM_BIN = fileURLToPath(new URL('../../bin/zvm.mjs', import.meta.url));

/** What one `zvm` process did. */
export interface CliResult {
  /** Exit code; null when the process was killed (by the spawn timeout). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Options for one `zvm` process. */
export interface CliOptions {
  cwd?: string;
  /** Bytes for the process stdin; @default '' (closed at once) */
  input?: string;
  /** Milliseconds before the test gives up on the process; @default 20000 */
  timeout?: number;
}

/** Runs `node bin/zvm.mjs ...args` to completion. */
export function zvm(args: string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [ZVM_BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 20_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `node bin/zvm.mjs ...args` in `cwd` without blocking other tests (it.concurrent); stdin is empty.
 * The process is killed after `timeout` ms (status null then).
 */
export function zvmAsync(args: string[], cwd: string, timeout = 20_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ZVM_BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Temporary folders made by {@link makeTempDir}; remove them with {@link removeTempDirs} in afterAll. */
const made: string[] = [];

/** A fresh folder under the OS temp dir. */
export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zvm-cli-'));
  made.push(dir);
  return dir;
}

/** Removes every folder {@link makeTempDir} made. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Copies a compiled test fixture into `dir` as `NAME.wasm` (or `as`); returns its path. */
export function copyFixture(dir: string, name: string, as = `${name}.wasm`): string {
  const target = join(dir, as);
  copyFileSync(fixturePath(name), target);
  return target;
}

/** The three standard channels of a hand-written manifest, stdout limited to `stdoutPuts` writes. */
export function stdioChannels(stdoutPuts = 1024): string[] {
  return [
    'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0',
    `Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, ${stdoutPuts}, 1048576`,
    'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576',
  ];
}

/** Writes a ZeroVM manifest to `dir/file` and returns its path. */
export function writeManifest(
  dir: string,
  file: string,
  manifest: { program: string; timeout?: number; channels: string[] },
): string {
  const lines = [
    'Version = 20130611',
    `Program = ${manifest.program}`,
    'Memory = 67108864, 0',
    `Timeout = ${manifest.timeout ?? 20}`,
    ...manifest.channels,
  ];
  const path = join(dir, file);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** The non-empty lines of `text` (stdout or stderr). */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** WAT of a guest that ignores EPIPE and writes "y" lines forever (WASI has no SIGPIPE to stop it). */
export const YES_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "y\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 2))
    (loop $again
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (br $again))))`;
