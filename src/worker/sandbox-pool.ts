import type { RunReport } from '../engine/run/report.ts';
import { SandboxClient } from './sandbox-client.ts';
import type { RunCallbacks, SandboxRequest } from './run-session.ts';

/** Makes one client of the pool (tests pass clients over fake workers). */
export type ClientFactory = () => SandboxClient;

/** Sandboxes the page can run side by side: as many as the machine has cores, at least two. */
export const DEFAULT_POOL_SIZE = Math.max(2, globalThis.navigator?.hardwareConcurrency ?? 2);

/**
 * Runs several sandboxes at once (the nodes of a job), each in its own warm worker: a run waits for a free
 * client, and stopAll() kills every run in progress (each resolves as stopped, never rejects).
 */
export class SandboxPool {
  private readonly free: SandboxClient[] = [];
  private readonly busy = new Set<SandboxClient>();
  private readonly waiting: Array<(client: SandboxClient) => void> = [];
  private made = 0;

  constructor(
    readonly size = DEFAULT_POOL_SIZE,
    private readonly makeClient: ClientFactory = () => new SandboxClient({ warm: false }),
  ) {}

  /**
   * Runs one program when a client is free; resolves with its report (also when killed or crashed).
   * Aborting `signal` kills this run (it resolves as stopped); a run aborted while queued never starts.
   */
  async run(request: SandboxRequest, callbacks: RunCallbacks, signal?: AbortSignal): Promise<RunReport> {
    const client = await this.acquire();
    const stop = () => client.stop();
    signal?.addEventListener('abort', stop);
    try {
      const running = client.run(request, callbacks);
      if (signal?.aborted) client.stop();
      return await running;
    } finally {
      signal?.removeEventListener('abort', stop);
      this.release(client);
    }
  }

  /** Kills every run in progress; queued runs start and are killed only if stopAll() is called again. */
  stopAll(): void {
    for (const client of this.busy) client.stop();
  }

  /** Terminates every worker of the pool. */
  dispose(): void {
    for (const client of [...this.free, ...this.busy]) client.dispose();
    this.free.length = 0;
    this.busy.clear();
  }

  private acquire(): Promise<SandboxClient> {
    const client = this.free.pop() ?? (this.made < this.size ? this.create() : undefined);
    if (client) {
      this.busy.add(client);
      return Promise.resolve(client);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private create(): SandboxClient {
    this.made++;
    return this.makeClient();
  }

  private release(client: SandboxClient): void {
    const next = this.waiting.shift();
    if (next) {
      next(client);
      return;
    }
    this.busy.delete(client);
    this.free.push(client);
  }
}
