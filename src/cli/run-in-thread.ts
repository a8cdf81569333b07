import { Worker } from 'node:worker_threads';
import { channelHost } from '../engine/run/build-sandbox.ts';
import { killedReport } from '../engine/run/killed-report.ts';
import type { RunRequest } from '../engine/run/run-sandbox.ts';
import type { RunReport } from '../engine/run/report.ts';
import { SharedStorageReader, sharedLengthsBytes } from '../engine/run/shared-storage.ts';
import { COUNTER_FIELDS } from '../engine/wasi/channel.ts';
import type { ThreadMessage, ThreadRunMessage } from './thread-protocol.ts';

const THREAD_ENTRY = new URL('../../bin/sandbox-thread.mjs', import.meta.url);
const POLL_MS = 15;

/** What a threaded run needs beyond the engine's request. */
export interface ThreadRunOptions {
  /** Streams console bytes as they are written. */
  onOutput?: (stream: 'stdout' | 'stderr', data: Uint8Array) => void;
}

/**
 * Runs the sandbox in a worker thread and terminates it at the manifest's Timeout. Channel bytes live
 * in shared memory, so output written before a kill still reaches the console and the project files.
 */
export async function runInThread(
  request: Omit<RunRequest, 'counters' | 'storage' | 'onOutput'>,
  options: ThreadRunOptions = {},
): Promise<RunReport> {
  const { manifest } = request;
  const count = manifest.channels.length;
  const counters = new SharedArrayBuffer(Math.max(1, count * COUNTER_FIELDS) * 8);
  const lengths = new SharedArrayBuffer(sharedLengthsBytes(count));
  const reader = new SharedStorageReader(new Float64Array(lengths));
  const consoles = manifest.channels
    .map((c, index) => ({ index, host: channelHost(c.uri), sent: 0 }))
    .filter((c) => c.host === 'stdout' || c.host === 'stderr');
  const flush = (): void => {
    for (const c of consoles) {
      const length = reader.length(c.index);
      if (length > c.sent) {
        options.onOutput?.(c.host as 'stdout' | 'stderr', reader.read(c.index, c.sent, length));
        c.sent = length;
      }
    }
  };

  const worker = idleThreads.pop() ?? new Worker(THREAD_ENTRY);
  worker.ref();
  let reusable = false;
  let started = performance.now();
  const message: ThreadRunMessage = {
    type: 'run',
    manifest,
    nvram: request.nvram,
    program: request.program,
    files: [...request.files],
    stdin: request.stdin ?? new Uint8Array(0),
    deterministic: request.deterministic ?? true,
    trace: request.trace ?? false,
    counters,
    lengths,
  };
  const poll = setInterval(flush, POLL_MS);
  try {
    const outcome = await new Promise<RunReport | 'timeout'>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      worker.removeAllListeners();
      worker.on('message', (m: ThreadMessage) => {
        if (m.type === 'started') {
          started = performance.now();
          timer = setTimeout(() => resolve('timeout'), manifest.timeout * 1000);
        } else if (m.type === 'grow') reader.grew(m.channel, m.buffer);
        else if (m.type === 'done') {
          clearTimeout(timer);
          resolve(m.report);
        } else {
          clearTimeout(timer);
          reject(new Error(m.message));
        }
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      // A thread that dies without a word (killed by V8, say) must not leave zvm waiting forever.
      worker.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the sandbox thread stopped unexpectedly (exit code ${code})`));
      });
      worker.postMessage(message);
    });
    if (outcome !== 'timeout') {
      flush();
      reusable = true;
      return outcome;
    }
    await worker.terminate();
    flush();
    return killedReport(request, reader, new Float64Array(counters), performance.now() - started, 'timeout');
  } finally {
    clearInterval(poll);
    worker.removeAllListeners();
    if (reusable && idleThreads.length < MAX_IDLE_THREADS) {
      // Idle threads must not keep zvm alive once its work is done.
      worker.unref();
      idleThreads.push(worker);
    } else void worker.terminate();
  }
}

/** Starts threads ahead of a burst of runs (a job's first nodes), so they load the engine side by side. */
export function warmThreads(count: number): void {
  while (idleThreads.length < Math.min(count, MAX_IDLE_THREADS)) {
    const worker = new Worker(THREAD_ENTRY);
    worker.unref();
    idleThreads.push(worker);
  }
}

/** Threads that finished a run normally, kept to start the next run (a job's next node) without loading the engine again. */
const idleThreads: Worker[] = [];
const MAX_IDLE_THREADS = 8;
