import { describe, expect, it } from 'vitest';
import type { ToolchainProgress } from '../toolchains/types.ts';
import { CompilerClient } from './compiler-client.ts';
import type { CompilerWorker } from './compiler-client.ts';
import type { CompilerToHost, HostToCompiler } from './compiler-protocol.ts';

/** A compiler worker whose answers the test writes. */
class FakeCompilerWorker implements CompilerWorker {
  sent: HostToCompiler[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<CompilerToHost>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: HostToCompiler): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(message: CompilerToHost): void {
    this.onmessage?.({ data: message } as MessageEvent<CompilerToHost>);
  }
  fail(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

const REQUEST = { language: 'c' as const, files: { 'a.c': 'int main(){}' }, sources: ['a.c'] };

describe('CompilerClient', () => {
  it('starts one worker on first use, passes progress on and resolves with the result', async () => {
    const workers: FakeCompilerWorker[] = [];
    const client = new CompilerClient(() => {
      workers.push(new FakeCompilerWorker());
      return workers.at(-1)!;
    });
    expect(workers).toHaveLength(0);
    const progress: ToolchainProgress[] = [];
    const pending = client.compile(REQUEST, (p) => progress.push(p));
    const worker = workers[0]!;
    const id = worker.sent[0]!.id;
    worker.answer({ type: 'progress', id, progress: { toolchain: 'clang', doneBytes: 5, totalBytes: 10 } });
    worker.answer({ type: 'compiled', id, ms: 12, result: { ok: false, diagnostics: [], log: 'oops' } });
    await expect(pending).resolves.toEqual({ ok: false, diagnostics: [], log: 'oops', ms: 12 });
    expect(progress).toEqual([{ toolchain: 'clang', doneBytes: 5, totalBytes: 10 }]);
    const again = client.compile(REQUEST);
    worker.answer({
      type: 'compiled',
      id: worker.sent[1]!.id,
      ms: 1,
      result: { ok: true, diagnostics: [], log: '' },
    });
    await again;
    expect(workers).toHaveLength(1);
  });

  it('rejects with the reason when the toolchain cannot load', async () => {
    const worker = new FakeCompilerWorker();
    const client = new CompilerClient(() => worker);
    const pending = client.preload('c');
    worker.answer({ type: 'failed', id: worker.sent[0]!.id, message: 'HTTP 404' });
    await expect(pending).rejects.toThrow('HTTP 404');
  });

  it('replaces a worker that died, and cancel() rejects the compile in progress', async () => {
    const workers: FakeCompilerWorker[] = [];
    const client = new CompilerClient(() => {
      workers.push(new FakeCompilerWorker());
      return workers.at(-1)!;
    });
    const first = client.compile(REQUEST);
    workers[0]!.fail('out of memory');
    await expect(first).rejects.toThrow('out of memory');
    const second = client.compile(REQUEST);
    expect(workers).toHaveLength(2);
    client.cancel();
    await expect(second).rejects.toThrow('stopped');
    expect(workers[1]!.terminated).toBe(true);
  });
});
