import {
  COUNTER_BYTES_READ,
  COUNTER_BYTES_WRITTEN,
  COUNTER_FIELDS,
  COUNTER_QUOTA_HITS,
  COUNTER_READS,
  COUNTER_WRITES,
} from '../wasi/channel.ts';
import type { Channel } from '../wasi/channel.ts';
import type { StartOutcome } from '../wasi/wasi-host.ts';
import type { ChannelReport, ExitState } from './report.ts';

const PAGE = 65536;

/** Per-channel accounting from the counters. */
export function channelReports(
  channels: ReadonlyArray<Pick<Channel, 'index' | 'spec' | 'etag'>>,
  counters: Float64Array,
): ChannelReport[] {
  return channels.map((c) => {
    const at = c.index * COUNTER_FIELDS;
    const report: ChannelReport = {
      alias: c.spec.alias,
      uri: c.spec.uri,
      type: c.spec.type,
      limits: { gets: c.spec.gets, getSize: c.spec.getSize, puts: c.spec.puts, putSize: c.spec.putSize },
      reads: counters[at + COUNTER_READS]!,
      bytesRead: counters[at + COUNTER_BYTES_READ]!,
      writes: counters[at + COUNTER_WRITES]!,
      bytesWritten: counters[at + COUNTER_BYTES_WRITTEN]!,
      quotaHits: counters[at + COUNTER_QUOTA_HITS]!,
    };
    const etag = c.etag();
    if (etag) report.etag = etag;
    return report;
  });
}

/** Says in plain words why a channel refused calls: "/dev/stdout quota of 3 writes used up; 7 writes refused". */
export function describeQuota(r: ChannelReport): string {
  const l = r.limits;
  let spent: string;
  let refused: 'write' | 'read' = 'write';
  if (r.writes >= l.puts && l.puts > 0) spent = `${l.puts} writes`;
  else if (r.bytesWritten >= l.putSize && l.putSize > 0) spent = `${l.putSize} bytes written`;
  else {
    refused = 'read';
    spent = r.reads >= l.gets && l.gets > 0 ? `${l.gets} reads` : `${l.getSize} bytes read`;
  }
  return `${r.alias} quota of ${spent} used up; ${r.quotaHits} ${refused}${r.quotaHits === 1 ? '' : 's'} refused`;
}

/** Turns how _start ended into ZeroVM's exit state and a sentence. */
export function describeOutcome(
  outcome: StartOutcome,
  channels: Channel[],
  counters: Float64Array,
  memoryBytes: number,
  memoryLimit: number,
): { state: ExitState; exitCode: number | null; message: string } {
  if (outcome.kind === 'trap') {
    const error = outcome.error as Error;
    const text = error?.message ?? String(error);
    if (memoryBytes + PAGE > memoryLimit) {
      return {
        state: 'memory',
        exitCode: null,
        message: `out of memory: the program used all ${memoryBytes} bytes that Memory allows, then crashed (${text})`,
      };
    }
    if (error instanceof RangeError && /call stack/i.test(text)) {
      return { state: 'crash', exitCode: null, message: 'crashed: stack overflow (too deep recursion)' };
    }
    if (!(error instanceof WebAssembly.RuntimeError) && !(error instanceof RangeError)) throw error;
    // C keeps its stack in linear memory, so runaway recursion in C ends here, not in a RangeError.
    const hint = /memory access out of bounds/i.test(text)
      ? ' (the program used an address outside its memory: a bad pointer, or too deep recursion overflowing the C stack)'
      : '';
    return { state: 'crash', exitCode: null, message: `crashed: ${text}${hint}` };
  }
  const code = outcome.code;
  const hit = channelReports(channels, counters).filter((r) => r.quotaHits > 0);
  if (hit.length > 0) {
    return {
      state: 'quota',
      exitCode: code,
      message: `finished with code ${code}, but ${hit.map(describeQuota).join('; ')}`,
    };
  }
  return { state: code === 0 ? 'ok' : 'exit', exitCode: code, message: `finished with code ${code}` };
}
