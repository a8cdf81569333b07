import type { RunReport } from '../engine/run/report.ts';
import type { LessonFiles } from './types.ts';

const encoder = new TextEncoder();

/** Text files as lesson files. */
export function textFiles(files: Record<string, string>): LessonFiles {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [path, encoder.encode(text)]));
}

/** A run report with everything at rest, for evaluator tests; override what the test is about. */
export function fakeReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    state: 'ok',
    exitCode: 0,
    message: 'finished with code 0',
    argv: ['prog'],
    env: [],
    channels: [
      {
        alias: '/dev/stdout',
        uri: '/dev/stdout',
        type: 0,
        limits: { gets: 0, getSize: 0, puts: 10, putSize: 1024 },
        reads: 0,
        bytesRead: 0,
        writes: 2,
        bytesWritten: 12,
        quotaHits: 0,
      },
    ],
    stdout: encoder.encode('one\ntwo\n'),
    stderr: new Uint8Array(0),
    changes: [],
    wallMs: 1,
    peakMemoryBytes: 65536,
    memoryLimitBytes: 16777216,
    deterministic: true,
    ...overrides,
  };
}
