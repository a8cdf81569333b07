/// <reference lib="webworker" />
import { createCachedFetch } from './cached-fetch.ts';
import { PreludeHeaders } from '../toolchains/clang/prelude-pch.ts';
import type { ToolchainProgress } from '../toolchains/types.ts';
import type { CompilerToHost, HostToCompiler } from './compiler-protocol.ts';

// @yowasp/clang takes globalThis.fetch when it is first imported: the caching fetch must be in place before.
globalThis.fetch = createCachedFetch(globalThis.fetch.bind(globalThis));

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: CompilerToHost, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
// Imported after the fetch swap (static imports would be evaluated first).
const toolchains = import('../toolchains/compile.ts');

const preludes = new PreludeHeaders();

// One request at a time: clang is not reentrant, and a queue keeps progress events in order.
let queue = Promise.resolve();

scope.onmessage = (event: MessageEvent<HostToCompiler>) => {
  const message = event.data;
  queue = queue.then(() => handle(message));
};

async function handle(message: HostToCompiler): Promise<void> {
  const onProgress = (progress: ToolchainProgress) => post({ type: 'progress', id: message.id, progress });
  try {
    const { buildWantedPreludes, compile, preloadToolchain } = await toolchains;
    if (message.type === 'preload') {
      await preloadToolchain(message.language, onProgress);
      post({ type: 'loaded', id: message.id });
      return;
    }
    const started = performance.now();
    const result = await compile(message.request, { onProgress, preludes });
    const ms = performance.now() - started;
    post(
      { type: 'compiled', id: message.id, result, ms },
      result.wasm ? [result.wasm.buffer as ArrayBuffer] : [],
    );
    // After the answer: the next compile of a C++ program that includes <iostream> skips parsing it.
    await buildWantedPreludes(preludes);
  } catch (error) {
    post({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
}
