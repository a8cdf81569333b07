import { parentPort } from 'node:worker_threads';
import { runSandbox } from '../engine/run/run-sandbox.ts';
import { SharedGrowableBytes } from '../engine/run/shared-storage.ts';
import { guestStdio } from './stdio-link.ts';
import type { ThreadMessage, ThreadRunMessage } from './thread-protocol.ts';

// The sandbox runs here, in a worker thread, so the main thread can terminate it at the Timeout.
const port = parentPort!;
const post = (message: ThreadMessage): void => port.postMessage(message);

// One run at a time; the thread is kept for the next run (a job's nodes) unless it was terminated.
port.on('message', (message: ThreadRunMessage) => {
  // The Timeout clock starts now, not while this thread was still loading the engine.
  post({ type: 'started' });
  const live = message.stdio ? guestStdio(message.stdio) : undefined;
  try {
    const lengths = new Float64Array(message.lengths);
    const report = runSandbox({
      manifest: message.manifest,
      nvram: message.nvram,
      program: message.program,
      files: new Map(message.files),
      stdin: message.stdin,
      deterministic: message.deterministic,
      trace: message.trace,
      stdio: live?.stdio,
      counters: new Float64Array(message.counters),
      storage: (index, initial) =>
        new SharedGrowableBytes(
          index,
          lengths,
          (channel, buffer) => post({ type: 'grow', channel, buffer }),
          initial,
        ),
    });
    // The console ends before 'done' goes out, so the host has every byte once it sees the report.
    live?.close();
    post({ type: 'done', report });
  } catch (error) {
    live?.close();
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
