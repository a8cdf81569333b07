import type { RunReport } from '../engine/run/report.ts';
import { runSandbox } from '../engine/run/run-sandbox.ts';
import type { ChannelStorageFactory } from '../engine/run/build-sandbox.ts';
import { SharedGrowableBytes } from '../engine/run/shared-storage.ts';
import { pipeSource } from '../engine/stream/pipe-source.ts';
import type { StdioStreams } from '../engine/stream/stdio-streams.ts';
import { WaitClock } from '../engine/stream/wait-clock.ts';
import { GrowableBytes } from '../engine/wasi/growable-bytes.ts';
import { createOutputSender } from './output-sender.ts';
import { PreparedCache } from './prepared-cache.ts';
import { assertNever } from './protocol.ts';
import type { HostToWorker, PostToHost, PrepareMessage, RunMessage } from './protocol.ts';
import { warmUp } from './warm-up.ts';

/** The worker's message handler, as a plain function of `post` so it can be tested without a Worker. */
export function createMessageHandler(
  post: PostToHost,
  cache = new PreparedCache(),
): (message: HostToWorker) => void {
  let warm = false;
  return (message) => {
    switch (message.type) {
      case 'run':
        handleRun(message, post, cache);
        return;
      case 'prepare':
        if (!warm) warmUp();
        warm = true;
        handlePrepare(message, cache);
        return;
      default:
        assertNever(message);
    }
  };
}

/** Compiles programs ahead of their run; a refused one is left for the run to report. */
function handlePrepare(message: PrepareMessage, cache: PreparedCache): void {
  for (const p of message.programs) cache.prepare(p.programKey, p.program, p.memory);
}

/** Runs one program synchronously and posts `started`, then `done` with the report or `crash`. */
export function handleRun(message: RunMessage, post: PostToHost, cache: PreparedCache): void {
  const { runId } = message;
  // The Timeout clock starts now, not while the worker was still loading.
  post({ type: 'started', runId });
  try {
    const prepared = cache.prepare(message.programKey, message.program, message.manifest.memory);
    const output = message.lengths ? undefined : createOutputSender(runId, post);
    const report = runSandbox({
      manifest: message.manifest,
      nvram: message.nvram,
      program: message.program,
      prepared,
      files: new Map(message.files),
      stdin: message.stdin,
      deterministic: message.deterministic,
      trace: message.trace,
      counters: message.counters ? new Float64Array(message.counters) : undefined,
      storage: message.lengths ? sharedStorage(runId, message, post) : undefined,
      stdio: liveStdio(message),
      onOutput: output?.write,
    });
    output?.flush();
    post({ type: 'done', runId, report }, reportBuffers(report));
  } catch (error) {
    const { name, message: text } = error instanceof Error ? error : new Error(String(error));
    post({ type: 'crash', runId, error: { name, message: text } });
  }
}

/** Typed input from the page's pipe in place of the batch stdin, its waits timed (they leave Timeout). */
function liveStdio(message: Pick<RunMessage, 'stdinPipe' | 'waits'>): StdioStreams | undefined {
  if (!message.stdinPipe) return undefined;
  const waits = message.waits ? new WaitClock(message.waits) : undefined;
  return { stdin: pipeSource(message.stdinPipe, waits) };
}

/**
 * Channel bytes in shared memory, each new buffer announced so the page can read it live. Only channels the
 * guest can write are shared: what it reads (stdin, nvram, input files) the page never needs back, and a
 * shared copy of a 16 MiB input would cost an allocation, a copy and a message for nothing.
 */
function sharedStorage(
  runId: string,
  message: Pick<RunMessage, 'manifest' | 'lengths'>,
  post: PostToHost,
): ChannelStorageFactory {
  const view = new Float64Array(message.lengths!);
  return (index, initial) => {
    const spec = message.manifest.channels[index];
    if (spec && !(spec.puts > 0 && spec.putSize > 0)) return new GrowableBytes(initial);
    return new SharedGrowableBytes(
      index,
      view,
      (channel, buffer) => post({ type: 'grow', runId, channel, buffer }),
      initial,
    );
  };
}

/** The report's own big buffers (console bytes, changed files), to transfer instead of copying. */
export function reportBuffers(report: RunReport): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (bytes: Uint8Array | null): void => {
    if (bytes && bytes.buffer instanceof ArrayBuffer) buffers.add(bytes.buffer);
  };
  add(report.stdout);
  add(report.stderr);
  for (const change of report.changes) add(change.data);
  return [...buffers];
}
