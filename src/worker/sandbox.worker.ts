/// <reference lib="webworker" />
import { createMessageHandler } from './handle-run.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import type { HostToWorker, PostToHost } from './protocol.ts';

// The sandbox runs here, so the page can terminate it at the Timeout or on Stop.
const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The one place the worker sends from. */
const post: PostToHost = (message, transfer = []) => scope.postMessage(message, transfer);

const handle = createMessageHandler(post);
scope.onmessage = (event: MessageEvent<HostToWorker>) => handle(event.data);
post({ type: 'ready', version: PROTOCOL_VERSION });
