import type { HostToWorker, WorkerToHost } from './protocol.ts';

/** Where a sandbox worker's messages and failures go. */
export interface WorkerHandlers {
  onMessage(message: WorkerToHost): void;
  /** The worker failed (script did not load, uncaught error); `message` is for the user. */
  onError(message: string): void;
}

/** The part of a Worker the client uses. */
export interface SandboxWorker {
  postMessage(message: HostToWorker, transfer: Transferable[]): void;
  terminate(): void;
}

/** Makes a sandbox worker wired to `handlers`; tests pass a fake. */
export type WorkerFactory = (handlers: WorkerHandlers) => SandboxWorker;

/** The real thing: a module Web Worker running sandbox.worker.ts (bundled by Vite). */
export const createBrowserWorker: WorkerFactory = (handlers) => {
  const worker = new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerToHost>) => handlers.onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    handlers.onError(event.message || 'the sandbox worker could not be started');
  };
  worker.onmessageerror = () => handlers.onError('a message from the sandbox worker could not be read');
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
  };
};
