import { Worker } from 'node:worker_threads';
import { killedReport } from '../engine/run/killed-report.ts';
import type { RunRequest } from '../engine/run/run-sandbox.ts';
import type { RunReport } from '../engine/run/report.ts';
import { SharedStorageReader, sharedLengthsBytes } from '../engine/run/shared-storage.ts';
import type { ConsoleStream } from '../engine/stream/console-mux.ts';
import { COUNTER_FIELDS } from '../engine/wasi/channel.ts';
import { LiveStdio } from './live-stdio.ts';
import type { HostStdio } from './live-stdio.ts';
import type { ThreadMessage, ThreadRunMessage } from './thread-protocol.ts';

const THREAD_ENTRY = new URL('../../bin/sandbox-thread.mjs', import.meta.url);

/** What a threaded run needs beyond the engine's request. */
export interface ThreadRunOptions {
  /**
   * Joins the guest's /dev/stdin, /dev/stdout and /dev/stderr to host streams as it reads and writes (the
   * CLI's exec and run), in place of `request.stdin` and collected output: the report then keeps only the
   * first 64 KiB of each console stream.
   */
  stdio?: HostStdio;
}

/** A run's report, with what live stdio adds. */
export interface ThreadRunReport extends RunReport {
  /**
   * Live stdio only: milliseconds the guest spent blocked on the host (for input, or for a slow reader of its
   * output), not counted towards Timeout.
   */
  waitedMs?: number;
  /** Set when the guest was stopped for going on after a write to a stream whose reader is gone (SIGPIPE). */
  brokenPipe?: ConsoleStream;
}

/** How the thread's run ended. */
type Ending =
  { kind: 'done'; report: RunReport } | { kind: 'timeout' } | { kind: 'broken-pipe'; stream: ConsoleStream };

/**
 * Runs the sandbox in a worker thread and terminates it at the manifest's Timeout. Channel bytes live
 * in shared memory, so output written before a kill still reaches the console and the project files.
 * With live stdio, time the guest spends waiting on the host does not count towards the Timeout.
 */
export async function runInThread(
  request: Omit<RunRequest, 'counters' | 'storage' | 'onOutput' | 'stdio'>,
  options: ThreadRunOptions = {},
): Promise<ThreadRunReport> {
  const { manifest } = request;
  const count = manifest.channels.length;
  const counters = new SharedArrayBuffer(Math.max(1, count * COUNTER_FIELDS) * 8);
  const lengths = new SharedArrayBuffer(sharedLengthsBytes(count));
  const reader = new SharedStorageReader(new Float64Array(lengths));
  let stopForBrokenPipe: (stream: ConsoleStream) => void = () => {};
  const live = options.stdio
    ? new LiveStdio(options.stdio, { onBrokenPipe: (stream) => stopForBrokenPipe(stream) })
    : undefined;
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
    stdio: live?.link,
  };
  try {
    const ending = await new Promise<Ending>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const end = (outcome: Ending | Error): void => {
        clearTimeout(timer);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      // The deadline counts the guest's own time: waits on the host are given back, so re-check, not kill.
      const limitMs = manifest.timeout * 1000;
      let startedAt = 0;
      const check = (): void => {
        const active = Date.now() - startedAt - (live?.waitedMs() ?? 0);
        if (active >= limitMs) end({ kind: 'timeout' });
        else timer = setTimeout(check, limitMs - active);
      };
      stopForBrokenPipe = (stream) => end({ kind: 'broken-pipe', stream });
      worker.removeAllListeners();
      worker.on('message', (m: ThreadMessage) => {
        if (m.type === 'started') {
          started = performance.now();
          startedAt = Date.now();
          timer = setTimeout(check, limitMs);
        } else if (m.type === 'grow') reader.grew(m.channel, m.buffer);
        else if (m.type === 'done') end({ kind: 'done', report: m.report });
        else end(new Error(m.message));
      });
      worker.on('error', end);
      // A thread that dies without a word (killed by V8, say) must not leave zvm waiting forever.
      worker.on('exit', (code) =>
        end(new Error(`the sandbox thread stopped unexpectedly (exit code ${code})`)),
      );
      live?.start();
      worker.postMessage(message);
    });
    if (ending.kind === 'done') {
      reusable = true;
      if (!live) return ending.report;
      await live.finish();
      return withLiveOutput(ending.report, live);
    }
    await worker.terminate();
    const cause = ending.kind === 'timeout' ? 'timeout' : 'stopped';
    const killed = killedReport(
      request,
      reader,
      new Float64Array(counters),
      performance.now() - started,
      cause,
    );
    if (!live) return killed;
    await live.finishKilled();
    if (ending.kind === 'timeout') return withLiveOutput(killed, live);
    return {
      ...withLiveOutput(killed, live),
      message: `killed: broken pipe (it went on after a write to ${ending.stream} failed: the reader is gone)`,
      brokenPipe: ending.stream,
    };
  } finally {
    live?.abandon();
    worker.removeAllListeners();
    if (reusable && idleThreads.length < MAX_IDLE_THREADS) {
      // Idle threads must not keep zvm alive once its work is done.
      worker.unref();
      idleThreads.push(worker);
    } else void worker.terminate();
  }
}

/** The report of a live-stdio run: the console bytes the host kept, and the time spent waiting on the host. */
function withLiveOutput(report: RunReport, live: LiveStdio): ThreadRunReport {
  return { ...report, stdout: live.kept('stdout'), stderr: live.kept('stderr'), waitedMs: live.waitedMs() };
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
