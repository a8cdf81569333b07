import type { RunReport } from '../engine/run/report.ts';
import { errnoName, formatTraceArgs } from '../engine/wasi/trace.ts';

/**
 * The report as JSON: console bytes as text (for a live-stdio run, the first 64 KiB of each stream: the rest
 * went to the host's streams only), file changes as sizes, the trace as a count.
 */
export function reportToJson(report: RunReport): string {
  const { stdout, stderr, changes, trace, ...rest } = report;
  const decoder = new TextDecoder();
  return JSON.stringify(
    {
      ...rest,
      stdout: decoder.decode(stdout),
      stderr: decoder.decode(stderr),
      changes: changes.map((c) => ({
        path: c.path,
        bytes: c.data?.length ?? null,
        deleted: c.data === null,
        partial: c.partial ?? false,
      })),
      traceCalls: trace?.length,
    },
    null,
    2,
  );
}

/** The trace as text, one call per line: `time call(args) -> errno [channel] bytes`. */
export function traceToText(report: RunReport): string {
  const lines = (report.trace ?? []).map((e) => {
    const result = e.errno < 0 ? '' : ` -> ${errnoName(e.errno)}`;
    const channel = e.channel ? ` [${e.channel}]` : '';
    const bytes = e.bytes !== undefined ? ` ${e.bytes} bytes` : '';
    return `${e.time.toFixed(3).padStart(10)} ms  ${e.call}(${formatTraceArgs(e)})${result}${channel}${bytes}`;
  });
  if (report.traceDropped) lines.push(`... ${report.traceDropped} more calls not recorded`);
  return lines.join('\n') + '\n';
}
