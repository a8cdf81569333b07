import type { Diagnostic } from '../diagnostics.ts';
import type { RunReport } from '../run/report.ts';

// Helpers shared by the job tests (pure, so they live beside the code they test).

/** Bytes that pass the job's "is this WebAssembly?" check. */
export const FAKE_WASM = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

/** A project of text files (and fake modules for every `*.wasm` path). */
export function project(paths: Record<string, string> | string[]): Map<string, Uint8Array> {
  const entries = Array.isArray(paths) ? paths.map((p) => [p, '']) : Object.entries(paths);
  return new Map(
    entries.map(([path, text]) => [
      path!,
      path!.endsWith('.wasm') ? FAKE_WASM : new TextEncoder().encode(text),
    ]),
  );
}

/** 1-based line and column of the first `needle` in `text` (its `nth` occurrence, counting from 1). */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} is not in the text`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Diagnostics as `line:column severity message` lines, for compact assertions. */
export function brief(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

/** A run report with only what the scheduler reads; `state` ok unless given. */
export function fakeReport(overrides: Partial<RunReport> = {}): RunReport {
  const state = overrides.state ?? 'ok';
  return {
    state,
    exitCode: state === 'ok' ? 0 : null,
    message: state === 'ok' ? 'finished with code 0' : `${state}`,
    argv: [],
    env: [],
    channels: [],
    stdout: new Uint8Array(0),
    stderr: new Uint8Array(0),
    changes: [],
    wallMs: 1,
    peakMemoryBytes: 0,
    memoryLimitBytes: 0,
    deterministic: true,
    ...overrides,
  };
}
