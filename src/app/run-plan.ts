import type { Diagnostic } from '../engine/diagnostics.ts';
import type { Manifest } from '../engine/manifest/types.ts';
import type { Nvram } from '../engine/nvram/types.ts';

/** What Run looks at in the project. */
export interface PlanProject {
  files: Record<string, Uint8Array>;
  activeFile: string | null;
}

/** The run inputs the user typed (args and env are used by quick runs only). */
export interface PlanInputs {
  stdin: string;
  args: string;
  env: string;
}

/** What the sandbox is asked to run (add `deterministic` and `trace` from the UI before SandboxClient.run). */
export interface PlannedRequest {
  manifest: Manifest;
  nvram?: Nvram;
  program: Uint8Array;
  /** The engine's files: paths relative to `workdir`. */
  files: Map<string, Uint8Array>;
  stdin: Uint8Array;
}

/** Run can go ahead. */
export interface PlannedRun {
  kind: 'run';
  request: PlannedRequest;
  /** What is run, for the UI: "hello.manifest", "greet.wasm (quick run)". */
  label: string;
  mode: 'manifest' | 'quick';
  /** Project folder the engine's paths (channel URIs, report changes) are relative to; pass it to finishRun. */
  workdir: string;
  /** A built-in runtime image the program is (its bytes are loaded before the run; request.program is empty). */
  runtime?: 'python';
  /** Quick runs: the manifest and nvram zvsh would have generated. */
  generated?: { manifestText: string; nvramText: string };
}

/** Run cannot start, and why (a sentence), with editor diagnostics by project path. */
export interface BlockedRun {
  kind: 'blocked';
  reason: string;
  diagnostics: Record<string, Diagnostic[]>;
}

/** What pressing Run does. */
export type RunPlan = PlannedRun | BlockedRun;

/** Shown when the project has neither a manifest nor an open .wasm file. */
export const NOTHING_TO_RUN = 'Nothing to run: open a .wasm file or add a .manifest';

/** A blocked plan. */
export function blocked(reason: string, diagnostics: Record<string, Diagnostic[]> = {}): BlockedRun {
  return { kind: 'blocked', reason, diagnostics };
}
