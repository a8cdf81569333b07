import type { SandboxClock } from './clock.ts';
import { ERRNO_FAULT, ERRNO_ILSEQ } from './constants.ts';
import { ProcExit } from './context.ts';
import type { Syscall, WasiContext } from './context.ts';
import type { FdTable } from './fd-table.ts';
import { FileSpace } from './file-space.ts';
import { GuestMemory } from './guest-memory.ts';
import { fdSyscalls } from './syscalls-fd.ts';
import { pathSyscalls } from './syscalls-path.ts';
import { procSyscalls } from './syscalls-proc.ts';
import { TraceRecorder } from './trace.ts';

/** Options for a WASI host. */
export interface WasiHostOptions {
  args: string[];
  env: string[];
  fds: FdTable;
  clock: SandboxClock;
  /** Bytes the guest's in-memory files may grow by in all (the sandbox passes its Memory limit, as ZRT's filesystem lived in memory). */
  fileSpace: number;
  /** Record every call (default false). */
  trace?: boolean;
}

/** How a guest's _start ended. */
export type StartOutcome = { kind: 'exit'; code: number } | { kind: 'trap'; error: unknown };

/**
 * A wasi_snapshot_preview1 implementation over the engine's in-memory filesystem and channels.
 * Every call goes through here, so quotas, the deterministic clock and the trace see everything.
 */
export class WasiHost {
  readonly ctx: WasiContext;
  readonly imports: Record<string, Syscall>;
  readonly trace: TraceRecorder | undefined;

  constructor(options: WasiHostOptions) {
    this.ctx = {
      mem: new GuestMemory(),
      fds: options.fds,
      clock: options.clock,
      args: options.args,
      env: options.env,
      fileSpace: new FileSpace(options.fileSpace),
    };
    const calls = { ...fdSyscalls(this.ctx), ...pathSyscalls(this.ctx), ...procSyscalls(this.ctx) };
    this.trace = options.trace ? new TraceRecorder(this.ctx) : undefined;
    // No prototype: a guest importing `constructor` or `toString` must not be handed Object's methods.
    this.imports = Object.create(null) as Record<string, Syscall>;
    for (const [name, fn] of Object.entries(calls)) this.imports[name] = this.guard(name, fn);
  }

  /** Runs the instance's `_start`; a proc_exit or a return is an exit, anything else a trap. */
  start(instance: WebAssembly.Instance): StartOutcome {
    const memory = instance.exports.memory;
    if (!(memory instanceof WebAssembly.Memory)) throw new Error('the module exports no memory');
    this.ctx.mem.bind(memory);
    try {
      (instance.exports._start as () => void)();
      return { kind: 'exit', code: 0 };
    } catch (error) {
      if (error instanceof ProcExit) return { kind: 'exit', code: error.code };
      return { kind: 'trap', error };
    }
  }

  private guard(name: string, fn: Syscall): Syscall {
    const trace = this.trace;
    const call = fn as (...args: Array<number | bigint>) => number;
    const safe = (...args: Array<number | bigint>): number => {
      try {
        return call(...args);
      } catch (error) {
        if (error instanceof RangeError) return ERRNO_FAULT;
        if (error instanceof TypeError && /decode|encoded/i.test(error.message)) return ERRNO_ILSEQ;
        throw error;
      }
    };
    if (!trace) return safe as Syscall;
    return ((...args: Array<number | bigint>): number => {
      if (name === 'proc_exit') trace.recordExit(Number(args[0]));
      const channel = trace.channelOf(name, args);
      const errno = safe(...args);
      trace.record(name, args, errno, channel);
      return errno;
    }) as Syscall;
  }
}
