import type { RunReport } from '../engine/run/report.ts';
import type { LessonFiles } from './types.ts';

const encoder = new TextEncoder();

/** A valid lesson.md: a quick run of hello.c. */
export const SAMPLE_LESSON_MD = `---
title: Hello
goal: Greet on stdout.
minutes: 5
run: quick
run-file: hello.c
files-open: [hello.c]
---

Some words.
`;

/** A valid one-lesson workshop's files (start fails, solution passes); `overrides` replace or add files. */
export function sampleWorkshop(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'workshop.json': JSON.stringify({ title: 'W', description: 'D', lessons: ['01-hello'] }),
    '01-hello/lesson.md': SAMPLE_LESSON_MD,
    '01-hello/check.json': JSON.stringify({ expect: [{ exit: 'ok' }] }),
    '01-hello/start/hello.c': 'int main(void) { return 1; }\n',
    '01-hello/solution/hello.c': 'int main(void) { return 0; }\n',
    ...overrides,
  };
}

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
