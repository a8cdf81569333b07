import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** How to run a module under node:wasi. */
export interface NodeWasiOptions {
  /** argv, including argv[0]. */
  args?: string[];
  env?: Record<string, string>;
  stdin?: string | Uint8Array;
  /** Guest path -> host directory. */
  preopens?: Record<string, string>;
  /** Open the stdout file read-only, so every write to fd 1 fails (EBADF). */
  readOnlyStdout?: boolean;
  /** The worker is terminated after this long; default 10 s. */
  timeoutMs?: number;
}

/** What a node:wasi run produced. */
export interface NodeWasiResult {
  /** The exit code, or null when the module trapped or timed out. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The trap's message when the module crashed. */
  trap?: string;
  timedOut: boolean;
}

type Outcome = { exitCode?: number; trap?: string; timedOut?: boolean };

// Runs in a worker thread so that a trap or an endless loop cannot take the test process with it.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { WASI } = require('node:wasi');
const fs = require('node:fs');
const { wasm, args, env, preopens, files, readOnlyStdout } = workerData;
const stdin = fs.openSync(files.stdin, 'r');
const stdout = fs.openSync(files.stdout, readOnlyStdout ? 'r' : 'w');
const stderr = fs.openSync(files.stderr, 'w');
const options = { version: 'preview1', args, env, preopens, stdin, stdout, stderr, returnOnExit: true };
const wasi = new WASI(options);
let result;
try {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), wasi.getImportObject());
  result = { exitCode: wasi.start(instance) };
} catch (error) {
  result = { trap: String(error && error.message ? error.message : error) };
}
for (const fd of [stdin, stdout, stderr]) fs.closeSync(fd);
parentPort.postMessage(result);
`;

/** Runs a WASI command with Node's own node:wasi: the reference the fixtures and the engine are held to. */
export async function runNodeWasi(wasm: Uint8Array, options: NodeWasiOptions = {}): Promise<NodeWasiResult> {
  const dir = mkdtempSync(join(tmpdir(), 'node-wasi-'));
  const files = { stdin: join(dir, 'stdin'), stdout: join(dir, 'stdout'), stderr: join(dir, 'stderr') };
  writeFileSync(files.stdin, options.stdin ?? '');
  writeFileSync(files.stdout, '');
  writeFileSync(files.stderr, '');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // node:wasi's ExperimentalWarning would otherwise land in the test output.
    stderr: true,
    workerData: {
      wasm,
      args: options.args ?? ['program'],
      env: options.env ?? {},
      preopens: options.preopens ?? {},
      files,
      readOnlyStdout: options.readOnlyStdout ?? false,
    },
  });
  worker.stderr.resume();
  try {
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => resolve({ timedOut: true }), options.timeoutMs ?? 10_000);
      worker.once('message', (message: Outcome) => {
        clearTimeout(timer);
        resolve(message);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        resolve({ trap: error.message });
      });
    });
    await worker.terminate();
    return {
      exitCode: outcome.exitCode ?? null,
      stdout: readFileSync(files.stdout, 'utf8'),
      stderr: readFileSync(files.stderr, 'utf8'),
      ...(outcome.trap === undefined ? {} : { trap: outcome.trap }),
      timedOut: outcome.timedOut ?? false,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
