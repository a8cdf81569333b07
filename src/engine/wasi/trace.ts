import { ERRNO_NAMES } from './constants.ts';
import type { WasiContext } from './context.ts';

/** One recorded system call. */
export interface TraceEntry {
  /** 0-based call number. */
  seq: number;
  call: string;
  /** Raw arguments as the guest passed them. */
  args: Array<number | bigint>;
  /** Decoded path or target argument, for path_* calls. */
  path?: string;
  /** Returned errno (0 = success); -1 for proc_exit. */
  errno: number;
  /** Channel alias or guest path of the descriptor the call used. */
  channel?: string;
  /** Bytes moved by read/write calls. */
  bytes?: number;
  /** Milliseconds since the run started (wall clock). */
  time: number;
}

/** Parameter names of every preview1 call, for decoding traces. */
export const SYSCALL_PARAMS: Record<string, readonly string[]> = {
  args_get: ['argv', 'argv_buf'],
  args_sizes_get: ['argc_ptr', 'size_ptr'],
  environ_get: ['environ', 'environ_buf'],
  environ_sizes_get: ['count_ptr', 'size_ptr'],
  clock_res_get: ['id', 'result_ptr'],
  clock_time_get: ['id', 'precision', 'result_ptr'],
  fd_advise: ['fd', 'offset', 'len', 'advice'],
  fd_allocate: ['fd', 'offset', 'len'],
  fd_close: ['fd'],
  fd_datasync: ['fd'],
  fd_fdstat_get: ['fd', 'stat_ptr'],
  fd_fdstat_set_flags: ['fd', 'flags'],
  fd_fdstat_set_rights: ['fd', 'rights_base', 'rights_inheriting'],
  fd_filestat_get: ['fd', 'stat_ptr'],
  fd_filestat_set_size: ['fd', 'size'],
  fd_filestat_set_times: ['fd', 'atim', 'mtim', 'fst_flags'],
  fd_pread: ['fd', 'iovs', 'iovs_len', 'offset', 'nread_ptr'],
  fd_prestat_get: ['fd', 'prestat_ptr'],
  fd_prestat_dir_name: ['fd', 'path', 'path_len'],
  fd_pwrite: ['fd', 'iovs', 'iovs_len', 'offset', 'nwritten_ptr'],
  fd_read: ['fd', 'iovs', 'iovs_len', 'nread_ptr'],
  fd_readdir: ['fd', 'buf', 'buf_len', 'cookie', 'bufused_ptr'],
  fd_renumber: ['fd', 'to'],
  fd_seek: ['fd', 'offset', 'whence', 'newoffset_ptr'],
  fd_sync: ['fd'],
  fd_tell: ['fd', 'offset_ptr'],
  fd_write: ['fd', 'iovs', 'iovs_len', 'nwritten_ptr'],
  path_create_directory: ['fd', 'path', 'path_len'],
  path_filestat_get: ['fd', 'flags', 'path', 'path_len', 'stat_ptr'],
  path_filestat_set_times: ['fd', 'flags', 'path', 'path_len', 'atim', 'mtim', 'fst_flags'],
  path_link: ['old_fd', 'old_flags', 'old_path', 'old_path_len', 'new_fd', 'new_path', 'new_path_len'],
  path_open: [
    'fd',
    'dirflags',
    'path',
    'path_len',
    'oflags',
    'rights_base',
    'rights_inheriting',
    'fdflags',
    'fd_ptr',
  ],
  path_readlink: ['fd', 'path', 'path_len', 'buf', 'buf_len', 'nread_ptr'],
  path_remove_directory: ['fd', 'path', 'path_len'],
  path_rename: ['fd', 'old_path', 'old_path_len', 'new_fd', 'new_path', 'new_path_len'],
  path_symlink: ['old_path', 'old_path_len', 'fd', 'new_path', 'new_path_len'],
  path_unlink_file: ['fd', 'path', 'path_len'],
  poll_oneoff: ['in', 'out', 'nsubscriptions', 'nevents_ptr'],
  proc_exit: ['code'],
  proc_raise: ['signal'],
  random_get: ['buf', 'buf_len'],
  sched_yield: [],
  sock_accept: ['fd', 'flags', 'fd_ptr'],
  sock_recv: ['fd', 'ri_data', 'ri_data_len', 'ri_flags', 'ro_datalen_ptr', 'ro_flags_ptr'],
  sock_send: ['fd', 'si_data', 'si_data_len', 'si_flags', 'so_datalen_ptr'],
  sock_shutdown: ['fd', 'how'],
};

const BYTE_RESULT: Record<string, number> = { fd_read: 3, fd_write: 3, fd_pread: 4, fd_pwrite: 4 };

/** Records every system call of a run, up to a cap. */
export class TraceRecorder {
  readonly entries: TraceEntry[] = [];
  /** Calls not kept because the cap was reached. */
  dropped = 0;
  private seq = 0;
  private readonly origin = performance.now();

  constructor(
    private readonly ctx: WasiContext,
    private readonly cap = 1_000_000,
  ) {}

  /** The channel alias or guest path of the descriptor a call names; look it up before the call, which may close it. */
  channelOf(call: string, args: Array<number | bigint>): string | undefined {
    if (SYSCALL_PARAMS[call]?.[0] !== 'fd') return undefined;
    const fd = this.ctx.fds.get(Number(args[0]));
    if (!fd) return undefined;
    return fd.node.kind === 'channel' ? fd.node.channel.spec.alias : fd.path;
  }

  /** Records one finished call; `channel` is what {@link channelOf} said before the call. */
  record(
    call: string,
    args: Array<number | bigint>,
    errno: number,
    channel = this.channelOf(call, args),
  ): void {
    const seq = this.seq++;
    if (this.entries.length >= this.cap) {
      this.dropped++;
      return;
    }
    const entry: TraceEntry = { seq, call, args, errno, time: performance.now() - this.origin };
    const params = SYSCALL_PARAMS[call];
    if (channel !== undefined) entry.channel = channel;
    const pathAt = params ? params.findIndex((p) => p === 'path' || p === 'old_path') : -1;
    if (pathAt >= 0) entry.path = this.safeString(Number(args[pathAt]), Number(args[pathAt + 1]));
    const resultAt = BYTE_RESULT[call];
    if (resultAt !== undefined && errno === 0) {
      entry.bytes = this.ctx.mem.view().getUint32(Number(args[resultAt]), true);
    }
    this.entries.push(entry);
  }

  /** Records a proc_exit, which never returns. */
  recordExit(code: number): void {
    this.record('proc_exit', [code], -1);
  }

  private safeString(ptr: number, len: number): string | undefined {
    try {
      return new TextDecoder().decode(this.ctx.mem.u8().subarray(ptr, ptr + Math.min(len, 4096)));
    } catch {
      return undefined;
    }
  }
}

/** Formats a trace entry's arguments as `name=value` pairs, with the decoded path. */
export function formatTraceArgs(entry: TraceEntry): string {
  const params = SYSCALL_PARAMS[entry.call] ?? [];
  const parts = entry.args.map((value, i) => {
    const name = params[i] ?? `arg${i}`;
    if ((name === 'path' || name === 'old_path') && entry.path !== undefined)
      return `${name}=${JSON.stringify(entry.path)}`;
    return `${name}=${value}`;
  });
  return parts.filter((_, i) => !(params[i] ?? '').endsWith('path_len')).join(', ');
}

/** POSIX name of a WASI errno (`EDQUOT`), or `SUCCESS`. */
export function errnoName(errno: number): string {
  return ERRNO_NAMES[errno] ?? `errno ${errno}`;
}
