import { parseEnvLines } from '../components/RunInputs/env-lines.ts';
import type { Diagnostic } from '../engine/diagnostics.ts';
import { parseManifest } from '../engine/manifest/parse-manifest.ts';
import { parseNvram } from '../engine/nvram/parse-nvram.ts';
import { splitArgs } from '../engine/nvram/split-args.ts';
import { quickRun } from '../engine/run/quick-mode.ts';
import { PYTHON_RUNTIME, pythonArgs, runtimeOf } from '../toolchains/python.ts';
import { parentOf } from '../store/paths.ts';
import { planManifestRun } from './plan-manifest-run.ts';
import { NOTHING_TO_RUN, blocked } from './run-plan.ts';
import type { PlanInputs, PlanProject, RunPlan } from './run-plan.ts';

export type { BlockedRun, PlanInputs, PlannedRequest, PlannedRun, PlanProject, RunPlan } from './run-plan.ts';
export { NOTHING_TO_RUN } from './run-plan.ts';

const encoder = new TextEncoder();

/**
 * Decides what Run does. An open .wasm runs under the manifest whose Program it is, or else in quick
 * mode (zvsh); otherwise the project's manifest runs (the open one, or one named like the open file).
 */
export function planRun(project: PlanProject, inputs: PlanInputs): RunPlan {
  const stdin = encoder.encode(inputs.stdin);
  const paths = Object.keys(project.files);
  const active = project.activeFile;
  if (active !== null && active.toLowerCase().endsWith('.wasm') && Object.hasOwn(project.files, active)) {
    const owner = manifestRunning(project.files, active);
    if (owner === undefined) return planQuickRun(project.files, active, inputs, stdin);
    return planManifestRun(project.files, owner, stdin);
  }
  if (active !== null && active.toLowerCase().endsWith('.py') && Object.hasOwn(project.files, active)) {
    const own = ownManifest(project.files, active);
    if (own !== undefined) return planManifestRun(project.files, own, stdin);
    return planPythonRun(project.files, active, inputs, stdin);
  }
  const manifestPath = chooseManifest(paths, active);
  if (manifestPath !== undefined) return planManifestRun(project.files, manifestPath, stdin);
  return blocked(NOTHING_TO_RUN);
}

/** The manifest (sorted first) whose Program is `wasmPath`, relative to its folder or the project root. */
function manifestRunning(files: Record<string, Uint8Array>, wasmPath: string): string | undefined {
  const decoder = new TextDecoder();
  return Object.keys(files)
    .filter((p) => p.endsWith('.manifest'))
    .sort()
    .find((path) => {
      const program = parseManifest(decoder.decode(files[path])).manifest?.program;
      if (program === undefined) return false;
      const base = parentOf(path);
      const relative = program.replace(/^\/+/, '');
      return wasmPath === relative || (base !== '' && wasmPath === `${base}/${relative}`);
    });
}

/** Editor diagnostics of every `.manifest` and `.nvram` file (an empty list clears a file's markers). */
export function manifestDiagnostics(files: Record<string, Uint8Array>): Record<string, Diagnostic[]> {
  const out: Record<string, Diagnostic[]> = {};
  const decoder = new TextDecoder();
  for (const [path, data] of Object.entries(files)) {
    if (path.endsWith('.manifest')) out[path] = parseManifest(decoder.decode(data)).diagnostics;
    else if (path.endsWith('.nvram')) out[path] = parseNvram(decoder.decode(data)).diagnostics;
  }
  return out;
}

/** The manifest Run uses: the active one, else one named like the active file (same folder first), else the first. */
export function chooseManifest(paths: readonly string[], activeFile: string | null): string | undefined {
  const manifests = paths.filter((p) => p.endsWith('.manifest')).sort();
  if (activeFile === null) return manifests[0];
  if (manifests.includes(activeFile)) return activeFile;
  const named = manifests.filter((m) => stem(m) === stem(activeFile));
  return named.find((m) => parentOf(m) === parentOf(activeFile)) ?? named[0] ?? manifests[0];
}

/** The Python manifest beside the script with the same name (main.py -> main.manifest), if any. */
function ownManifest(files: Record<string, Uint8Array>, path: string): string | undefined {
  const decoder = new TextDecoder();
  return Object.keys(files).find((p) => {
    if (!p.endsWith('.manifest') || parentOf(p) !== parentOf(path) || stem(p) !== stem(path)) return false;
    const program = parseManifest(decoder.decode(files[p])).manifest?.program;
    return program !== undefined && runtimeOf(program) === 'python';
  });
}

/** A quick run of a Python script: runtime:python with the script's project path, the project read-only at /. */
function planPythonRun(
  files: Record<string, Uint8Array>,
  script: string,
  inputs: PlanInputs,
  stdin: Uint8Array,
): RunPlan {
  const plan = planQuickRun(files, script, inputs, stdin, PYTHON_RUNTIME);
  return plan.kind === 'run' ? { ...plan, runtime: 'python' } : plan;
}

/** A zvsh-style run of one .wasm file: generated manifest and nvram, the project mounted read-only at /. */
function planQuickRun(
  files: Record<string, Uint8Array>,
  program: string,
  inputs: PlanInputs,
  stdin: Uint8Array,
  runtime?: string,
): RunPlan {
  const args = splitArgs(inputs.args);
  const argProblem = args.problems[0];
  if (argProblem) return blocked(`Arguments: ${argProblem.reason}`);
  const env = parseEnvLines(inputs.env);
  const envProblem = env.problems[0];
  if (envProblem) return blocked(`Environment, ${envProblem}`);
  // A script runs as `python /path/to/script.py ARGS`, the project being mounted at /.
  const [argv0, ...argv] = runtime ? pythonArgs(`/${program}`, args.args) : [undefined, ...args.args];
  const quick = quickRun({
    program: runtime ?? program,
    argv0,
    args: argv as string[],
    env: env.env,
    dirs: [{ projectDir: '', guest: '/', access: 'ro' }],
  });
  const engineFiles = new Map(Object.entries(files));
  engineFiles.set(quick.nvramPath, encoder.encode(quick.nvramText));
  return {
    kind: 'run',
    request: {
      manifest: quick.manifest,
      nvram: quick.nvram,
      program: runtime ? new Uint8Array(0) : files[program]!,
      files: engineFiles,
      stdin,
    },
    label: `${program} (quick run)`,
    mode: 'quick',
    workdir: '',
    generated: { manifestText: quick.manifestText, nvramText: quick.nvramText },
  };
}

function stem(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}
