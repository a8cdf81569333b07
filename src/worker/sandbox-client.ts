import type { RunReport } from '../engine/run/report.ts';
import { createBrowserWorker } from './browser-worker.ts';
import type { SandboxWorker, WorkerFactory } from './browser-worker.ts';
import { programKey } from './program-key.ts';
import { PROTOCOL_VERSION, assertNever } from './protocol.ts';
import type { ProgramToPrepare, WorkerToHost } from './protocol.ts';
import { RunSession } from './run-session.ts';
import type { RunCallbacks, SandboxRequest } from './run-session.ts';

/** How often shared console bytes and counters are read while a run goes on. */
export const POLL_MS = 30;
/** Warm workers kept while nothing runs: the last runner and a standby for a run right after a kill. */
export const IDLE_WORKERS = 2;
/**
 * How long a run goes before a standby worker is started beside it: a short run (most are) ends first and
 * nothing boots while it runs; a long one gets its standby, so Stop is followed by a warm worker.
 */
export const STANDBY_DELAY_MS = 100;
/** How many recently run programs a freshly started worker compiles ahead. */
export const PREPARE_RECENT = 2;
// setTimeout fires at once for delays past 2^31 - 1 ms.
const MAX_DELAY_MS = 2 ** 31 - 1;
/** Shortest re-arm of the Timeout timer while the program waits for input (its time left does not move). */
export const TIMEOUT_RECHECK_MS = 50;

/** How a SandboxClient makes workers and talks to them; every field has a browser default. */
export interface SandboxClientOptions {
  /** @default a module Web Worker running sandbox.worker.ts */
  createWorker?: WorkerFactory;
  /** Share channel bytes and counters through SharedArrayBuffers. @default globalThis.crossOriginIsolated */
  sharedMemory?: boolean;
  /** @default POLL_MS */
  pollMs?: number;
  /** Start a worker at once, so the first run does not wait for one. @default true */
  warm?: boolean;
  /** @default performance.now */
  now?: () => number;
}

interface Slot {
  worker: SandboxWorker;
}

interface Pending {
  slot: Slot;
  session: RunSession;
  resolve: (report: RunReport) => void;
  poll: ReturnType<typeof setInterval>;
  timer?: ReturnType<typeof setTimeout>;
  standby?: ReturnType<typeof setTimeout>;
}

/**
 * Runs sandboxes in Web Workers: the one that runs, plus a warm standby, so Stop and Timeout (terminate the
 * running worker) are followed by a run that starts at once, while a new standby loads in the background.
 */
export class SandboxClient {
  private readonly createWorker: WorkerFactory;
  private readonly shared: boolean;
  private readonly pollMs: number;
  private readonly now: () => number;
  /** Idle warm workers, the most recently used first; at most IDLE_WORKERS. */
  private idle: Slot[] = [];
  /** The programs run last (newest first), compiled ahead by each new worker. */
  private recent: ProgramToPrepare[] = [];
  private pending: Pending | null = null;
  private runs = 0;
  private disposed = false;

  constructor(options: SandboxClientOptions = {}) {
    this.createWorker = options.createWorker ?? createBrowserWorker;
    this.shared = options.sharedMemory ?? globalThis.crossOriginIsolated === true;
    this.pollMs = options.pollMs ?? POLL_MS;
    this.now = options.now ?? (() => performance.now());
    if (options.warm ?? true) this.idle.push(this.spawn());
  }

  /** True while a run is in progress. */
  get running(): boolean {
    return this.pending !== null;
  }

  /** Whether a run asked for `liveStdin` gets typed input (needs shared memory: a cross-origin isolated page). */
  get liveInput(): boolean {
    return this.shared;
  }

  /** Sends typed bytes to the running program's stdin; false when no run reads typed input now. */
  input(bytes: Uint8Array): boolean {
    return this.pending?.session.input(bytes) ?? false;
  }

  /** Ends the running program's typed input (Ctrl-D): it reads what was sent, then end of file. */
  endInput(): void {
    this.pending?.session.endInput();
  }

  /** Runs one program; resolves with its report also when it is killed or crashes (never rejects for those). */
  run(request: SandboxRequest, callbacks: RunCallbacks): Promise<RunReport> {
    if (this.disposed) return Promise.reject(new Error('the sandbox client has been disposed'));
    if (this.pending) return Promise.reject(new Error('a run is already in progress: stop it first'));
    const session = new RunSession(`run-${++this.runs}`, request, this.shared, callbacks, this.now);
    const key = programKey(request.program);
    this.remember({ programKey: key, program: request.program, memory: request.manifest.memory });
    const slot = this.idle.shift() ?? this.spawn();
    return new Promise<RunReport>((resolve) => {
      const poll = setInterval(() => session.poll(), this.pollMs);
      const pending: Pending = { slot, session, resolve, poll };
      this.pending = pending;
      try {
        slot.worker.postMessage(session.message(key), []);
      } catch (error) {
        this.settle(
          pending,
          session.crashed(`the run could not be sent to the sandbox (${String(error)})`),
          false,
        );
      }
    });
  }

  /** Kills the run in progress (terminate, no cancel message); it resolves as 'killed' with its partial output. */
  stop(): void {
    this.kill('stopped');
  }

  /** Terminates every worker; a run in progress resolves as stopped. */
  dispose(): void {
    this.disposed = true;
    this.kill('stopped');
    for (const slot of this.idle) slot.worker.terminate();
    this.idle = [];
  }

  /** A new worker, told at once to warm up and compile the recent programs, so a run after Stop starts fast. */
  private spawn(): Slot {
    const slot = {} as Slot;
    slot.worker = this.createWorker({
      onMessage: (message) => this.onMessage(slot, message),
      onError: (text) => this.onError(slot, text),
    });
    try {
      slot.worker.postMessage({ type: 'prepare', programs: this.recent }, []);
    } catch {
      // Only a head start; the run itself will report a worker that cannot take messages.
    }
    return slot;
  }

  private remember(program: ProgramToPrepare): void {
    const same = (p: ProgramToPrepare) => p.programKey === program.programKey && p.memory === program.memory;
    this.recent = [program, ...this.recent.filter((p) => !same(p))].slice(0, PREPARE_RECENT);
  }

  private onMessage(slot: Slot, message: WorkerToHost): void {
    if (message.type === 'ready') {
      if (message.version !== PROTOCOL_VERSION) {
        this.onError(
          slot,
          `the sandbox worker is out of date (protocol ${message.version}); reload the page`,
        );
      }
      return;
    }
    const p = this.pending;
    if (!p || p.slot !== slot || p.session.runId !== message.runId) return;
    switch (message.type) {
      case 'started': {
        p.session.started();
        // The standby that takes over if this run is killed.
        p.standby = setTimeout(() => {
          if (this.idle.length === 0 && !this.disposed) this.idle.push(this.spawn());
        }, STANDBY_DELAY_MS);
        this.armTimeout(p);
        return;
      }
      case 'grow':
        p.session.grew(message.channel, message.buffer);
        return;
      case 'output':
        p.session.output(message.stream, message.chunk);
        return;
      case 'done':
        p.session.poll();
        this.settle(p, p.session.finished(message.report), true);
        return;
      case 'crash':
        this.settle(p, p.session.crashed(`the sandbox failed: ${message.error.message}`), false);
        return;
      default:
        assertNever(message);
    }
  }

  private onError(slot: Slot, text: string): void {
    const p = this.pending;
    if (p && p.slot === slot) {
      p.session.poll();
      this.settle(p, p.session.crashed(`the sandbox failed: ${text}`), false);
    } else if (this.idle.includes(slot)) {
      // Not replaced at once: a worker that cannot load would fail again; the next run makes a new one.
      slot.worker.terminate();
      this.idle = this.idle.filter((s) => s !== slot);
    }
  }

  /**
   * Kills the run at its Timeout, counted from `started` without the time the program spent waiting for
   * typed input: when the timer fires early because of such waits, it is set again for the time left.
   */
  private armTimeout(p: Pending): void {
    const timeoutMs = p.session.request.manifest.timeout * 1000;
    const check = (): void => {
      if (this.pending !== p) return;
      const left = timeoutMs - (p.session.wallMs() - p.session.inputWaitMs());
      if (left <= 0) return this.kill('timeout');
      p.timer = setTimeout(check, Math.min(Math.max(left, TIMEOUT_RECHECK_MS), MAX_DELAY_MS));
    };
    p.timer = setTimeout(check, Math.min(timeoutMs, MAX_DELAY_MS));
  }

  private kill(cause: 'timeout' | 'stopped'): void {
    const p = this.pending;
    if (!p) return;
    p.slot.worker.terminate();
    p.session.poll();
    this.settle(p, p.session.killed(cause), false);
  }

  /** Ends the pending run; keeps its worker warm, or terminates it (and starts a worker if none is left idle). */
  private settle(p: Pending, report: RunReport, keepWorker: boolean): void {
    clearInterval(p.poll);
    clearTimeout(p.timer);
    clearTimeout(p.standby);
    p.session.close();
    this.pending = null;
    if (keepWorker && !this.disposed) {
      this.idle.unshift(p.slot);
      for (const extra of this.idle.splice(IDLE_WORKERS)) extra.worker.terminate();
    } else {
      p.slot.worker.terminate();
      // One warm worker is enough for the next run; its start tops up the standby, so a new worker does not
      // boot beside the run the user starts right after Stop.
      if (!this.disposed && this.idle.length === 0) this.idle.push(this.spawn());
    }
    p.resolve(report);
  }
}
