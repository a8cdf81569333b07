import type { Channel } from './channel.ts';
import * as W from './constants.ts';
import { ProcExit } from './context.ts';
import type { Syscall, WasiContext } from './context.ts';
import { utf8 } from './guest-memory.ts';

/** args, environ, clocks, randomness, poll, exit and the socket calls (which there are no sockets for). */
export function procSyscalls(ctx: WasiContext): Record<string, Syscall> {
  const { mem, fds, clock } = ctx;
  const encodedArgs = ctx.args.map(utf8);
  const encodedEnv = ctx.env.map(utf8);

  const sizes = (list: Uint8Array[], countPtr: number, sizePtr: number): number => {
    const view = mem.view();
    view.setUint32(countPtr, list.length, true);
    view.setUint32(
      sizePtr,
      list.reduce((n, s) => n + s.length + 1, 0),
      true,
    );
    return W.ERRNO_SUCCESS;
  };
  const copyOut = (list: Uint8Array[], ptrs: number, buf: number): number => {
    const view = mem.view();
    const u8 = mem.u8();
    let at = buf;
    list.forEach((s, i) => {
      view.setUint32(ptrs + i * 4, at, true);
      u8.set(s, at);
      u8[at + s.length] = 0;
      at += s.length + 1;
    });
    return W.ERRNO_SUCCESS;
  };
  const notSocket = (fd: number): number => (fds.get(fd) ? W.ERRNO_NOTSOCK : W.ERRNO_BADF);

  return {
    args_sizes_get: (countPtr: number, sizePtr: number) => sizes(encodedArgs, countPtr, sizePtr),
    args_get: (ptrs: number, buf: number) => copyOut(encodedArgs, ptrs, buf),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(encodedEnv, countPtr, sizePtr),
    environ_get: (ptrs: number, buf: number) => copyOut(encodedEnv, ptrs, buf),

    clock_res_get(id: number, resultPtr: number) {
      if (id > W.CLOCKID_THREAD_CPUTIME_ID) return W.ERRNO_INVAL;
      mem.view().setBigUint64(resultPtr, 1000n, true);
      return W.ERRNO_SUCCESS;
    },

    clock_time_get(id: number, _precision: bigint, resultPtr: number) {
      if (id > W.CLOCKID_THREAD_CPUTIME_ID) return W.ERRNO_INVAL;
      mem.view().setBigUint64(resultPtr, clock.now(id), true);
      return W.ERRNO_SUCCESS;
    },

    random_get(buf: number, len: number) {
      const u8 = mem.u8();
      if (buf + len > u8.length) return W.ERRNO_FAULT;
      clock.fillRandom(u8.subarray(buf, buf + len));
      return W.ERRNO_SUCCESS;
    },

    poll_oneoff(inPtr: number, outPtr: number, count: number, neventsPtr: number) {
      if (count === 0) return W.ERRNO_INVAL;
      const view = mem.view();
      const ready: Array<{ userdata: bigint; type: number; error: number; nbytes: bigint; flags?: number }> =
        [];
      let pendingInput: Channel | undefined;
      let soonest: { userdata: bigint; wait: bigint } | undefined;
      for (let i = 0; i < count; i++) {
        const sub = inPtr + i * 48;
        const userdata = view.getBigUint64(sub, true);
        const tag = view.getUint8(sub + 8);
        if (tag === W.EVENTTYPE_CLOCK) {
          const id = view.getUint32(sub + 16, true);
          const timeout = view.getBigUint64(sub + 24, true);
          const absolute =
            (view.getUint16(sub + 40, true) & W.SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME) !== 0;
          if (id > W.CLOCKID_THREAD_CPUTIME_ID) {
            ready.push({ userdata, type: tag, error: W.ERRNO_INVAL, nbytes: 0n });
            continue;
          }
          const wait = absolute ? timeout - clock.now(id) : timeout;
          if (!soonest || wait < soonest.wait) soonest = { userdata, wait };
        } else if (tag === W.EVENTTYPE_FD_READ || tag === W.EVENTTYPE_FD_WRITE) {
          const entry = fds.get(view.getUint32(sub + 16, true));
          const channel = entry?.node.kind === 'channel' ? entry.node.channel : undefined;
          if (tag === W.EVENTTYPE_FD_READ && channel?.readable) {
            const { bytes, ended } = channel.readiness();
            // Live input with nothing in it yet is not ready: the poll waits for it (below).
            if (bytes === 0 && !ended) {
              pendingInput ??= channel;
              continue;
            }
            const flags = ended ? W.EVENTRWFLAGS_FD_READWRITE_HANGUP : 0;
            ready.push({ userdata, type: tag, error: W.ERRNO_SUCCESS, nbytes: BigInt(bytes), flags });
            continue;
          }
          ready.push({ userdata, type: tag, error: entry ? W.ERRNO_SUCCESS : W.ERRNO_BADF, nbytes: 0n });
        } else {
          return W.ERRNO_INVAL;
        }
      }
      // Only live input blocks (until it is readable); a clock is advanced instead, as ZRT's nanosleep does.
      if (ready.length === 0 && !soonest && pendingInput) {
        pendingInput.source!.waitReadable();
        const { bytes, ended } = pendingInput.readiness();
        const flags = ended ? W.EVENTRWFLAGS_FD_READWRITE_HANGUP : 0;
        // The subscription that waited is reported; its userdata is found again by fd.
        for (let i = 0; i < count; i++) {
          const sub = inPtr + i * 48;
          const entry = fds.get(view.getUint32(sub + 16, true));
          if (
            view.getUint8(sub + 8) === W.EVENTTYPE_FD_READ &&
            entry?.node.kind === 'channel' &&
            entry.node.channel === pendingInput
          ) {
            const userdata = view.getBigUint64(sub, true);
            ready.push({ userdata, type: W.EVENTTYPE_FD_READ, error: 0, nbytes: BigInt(bytes), flags });
          }
        }
      }
      if (ready.length === 0 && soonest) {
        clock.advance(soonest.wait);
        ready.push({ userdata: soonest.userdata, type: W.EVENTTYPE_CLOCK, error: 0, nbytes: 0n });
      }
      ready.forEach((event, i) => {
        const ev = outPtr + i * 32;
        view.setBigUint64(ev, event.userdata, true);
        view.setUint16(ev + 8, event.error, true);
        view.setUint8(ev + 10, event.type);
        view.setBigUint64(ev + 16, event.nbytes, true);
        view.setUint16(ev + 24, event.flags ?? 0, true);
      });
      view.setUint32(neventsPtr, ready.length, true);
      return W.ERRNO_SUCCESS;
    },

    proc_exit(code: number): number {
      throw new ProcExit(code >>> 0);
    },
    proc_raise: () => W.ERRNO_NOSYS,
    sched_yield: () => W.ERRNO_SUCCESS,
    sock_accept: (fd: number) => notSocket(fd),
    sock_recv: (fd: number) => notSocket(fd),
    sock_send: (fd: number) => notSocket(fd),
    sock_shutdown: (fd: number) => notSocket(fd),
  };
}
