import type {
  CompileRequest,
  CompileResult,
  CompiledLanguage,
  ToolchainProgress,
} from '../toolchains/types.ts';
import type { CompilerToHost, HostToCompiler } from './compiler-protocol.ts';

/** The part of a Worker the compiler client uses (tests pass a fake). */
export interface CompilerWorker {
  postMessage(message: HostToCompiler): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<CompilerToHost>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A compile's result and how long the worker took. */
export type TimedCompileResult = CompileResult & { ms: number };

interface Waiting {
  resolve(value: CompilerToHost): void;
  reject(error: Error): void;
  onProgress?: (progress: ToolchainProgress) => void;
}

/** Makes the real compiler worker (bundled by Vite). */
export const createCompilerWorker = (): CompilerWorker =>
  new Worker(new URL('./compiler.worker.ts', import.meta.url), { type: 'module' }) as CompilerWorker;

/**
 * Compiles in one Web Worker kept warm between compiles (the toolchain stays loaded), started on first use.
 * A worker that dies (out of memory, cancelled) is replaced by a fresh one on the next compile.
 */
export class CompilerClient {
  private worker: CompilerWorker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  constructor(private readonly createWorker: () => CompilerWorker = createCompilerWorker) {}

  /** Compiles sources to wasm; rejects only when the toolchain cannot load or the worker dies. */
  async compile(
    request: CompileRequest,
    onProgress?: (progress: ToolchainProgress) => void,
  ): Promise<TimedCompileResult> {
    const reply = await this.send((id) => ({ type: 'compile', id, request }), onProgress);
    if (reply.type !== 'compiled') throw new Error('the compiler answered out of turn');
    return { ...reply.result, ms: reply.ms };
  }

  /** Downloads (or takes from the cache) and starts a language's toolchain ahead of a compile. */
  async preload(
    language: CompiledLanguage,
    onProgress?: (progress: ToolchainProgress) => void,
  ): Promise<void> {
    await this.send((id) => ({ type: 'preload', id, language }), onProgress);
  }

  /** Kills the worker (and with it any compile in progress, which rejects); the next compile starts afresh. */
  cancel(reason = 'the compile was stopped'): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(reason);
  }

  private send(
    message: (id: number) => HostToCompiler,
    onProgress?: (progress: ToolchainProgress) => void,
  ): Promise<CompilerToHost> {
    const id = ++this.nextId;
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, onProgress });
      worker.postMessage(message(id));
    });
  }

  private ensureWorker(): CompilerWorker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.cancel(`the compiler stopped working (${event.message || 'the worker could not start'})`);
    };
    this.worker = worker;
    return worker;
  }

  private onMessage(message: CompilerToHost): void {
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    if (message.type === 'progress') {
      waiting.onProgress?.(message.progress);
      return;
    }
    this.waiting.delete(message.id);
    if (message.type === 'failed') waiting.reject(new Error(message.message));
    else waiting.resolve(message);
  }

  private failAll(reason: string): void {
    for (const waiting of this.waiting.values()) waiting.reject(new Error(reason));
    this.waiting.clear();
  }
}
