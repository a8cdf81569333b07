import { SharedGrowableBytes } from '../engine/run/shared-storage.ts';
import type { SandboxWorker, WorkerFactory, WorkerHandlers } from './browser-worker.ts';
import { createMessageHandler } from './handle-run.ts';
import type { HostToWorker, PrepareMessage, RunMessage } from './protocol.ts';

/** What a fake worker does with a run message (asynchronously, like a real one). */
export type FakeBehaviour = (worker: FakeWorker, message: RunMessage) => void;

/** A Worker stand-in for tests: records messages, runs a behaviour on runs, stops talking once terminated. */
export class FakeWorker implements SandboxWorker {
  readonly received: RunMessage[] = [];
  readonly prepared: PrepareMessage[] = [];
  terminated = false;

  constructor(
    private readonly handlers: WorkerHandlers,
    private readonly behaviour: FakeBehaviour,
  ) {}

  postMessage(message: HostToWorker): void {
    if (message.type === 'prepare') {
      this.prepared.push(message);
      return;
    }
    this.received.push(message);
    queueMicrotask(() => {
      if (!this.terminated) this.behaviour(this, message);
    });
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Delivers a worker message to the page, unless terminated. */
  send(...[message]: Parameters<WorkerHandlers['onMessage']>): void {
    if (!this.terminated) this.handlers.onMessage(message);
  }

  /** Fires the worker's error event. */
  fail(text: string): void {
    if (!this.terminated) this.handlers.onError(text);
  }
}

/** A factory that remembers every fake it made; `behaviour` may be swapped between runs. */
export class FakeWorkers {
  readonly made: FakeWorker[] = [];

  constructor(public behaviour: FakeBehaviour) {}

  readonly factory: WorkerFactory = (handlers) => {
    const worker = new FakeWorker(handlers, (w, m) => this.behaviour(w, m));
    this.made.push(worker);
    return worker;
  };
}

const handlers = new WeakMap<FakeWorker, ReturnType<typeof createMessageHandler>>();

/** Runs the real worker handler in-process, one per fake worker (the engine runs synchronously, as in the worker). */
export const inProcess: FakeBehaviour = (worker, message) => {
  let handle = handlers.get(worker);
  if (!handle) handlers.set(worker, (handle = createMessageHandler((m) => worker.send(m))));
  handle(message);
};

/** Starts, writes `text` to the channels with these aliases (shared memory or output messages), then hangs. */
export function writeThenHang(text: string, aliases = ['/dev/stdout']): FakeBehaviour {
  return (worker, run) => {
    worker.send({ type: 'started', runId: run.runId });
    const data = new TextEncoder().encode(text);
    for (const alias of aliases) {
      const index = run.manifest.channels.findIndex((c) => c.alias === alias);
      if (run.lengths) {
        const lengths = new Float64Array(run.lengths);
        const grow = (channel: number, buffer: SharedArrayBuffer) =>
          worker.send({ type: 'grow', runId: run.runId, channel, buffer });
        new SharedGrowableBytes(index, lengths, grow).write(0, data);
      } else if (alias === '/dev/stdout' || alias === '/dev/stderr') {
        worker.send({
          type: 'output',
          runId: run.runId,
          stream: alias === '/dev/stdout' ? 'stdout' : 'stderr',
          chunk: data,
        });
      }
    }
  };
}
