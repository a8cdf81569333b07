import type { Diagnostic } from '../diagnostics.ts';
import type { ProjectFiles } from '../run/project-files.ts';
import { expandInto } from './expand-job.ts';
import { JobDiagnostics } from './json-source.ts';
import { readJob } from './parse-job.ts';
import type { JobPlan } from './types.ts';
import { wireJob } from './wire-job.ts';
import type { WireOptions } from './wire-job.ts';

/** A job ready to run, or the diagnostics that stop it (warnings come along either way). */
export interface PlannedJob {
  plan?: JobPlan;
  diagnostics: Diagnostic[];
}

/** Parses a `system.map`, expands it over the project's files and wires every node: text to runnable plan. */
export function planJob(text: string, files: ProjectFiles, options: WireOptions = {}): PlannedJob {
  const out = new JobDiagnostics();
  const job = readJob(text, out);
  const expanded = job && !out.failed ? expandInto(job, files, out) : undefined;
  const plan = expanded && !out.failed ? wireJob(expanded, files, options) : undefined;
  return { plan, diagnostics: out.finish() };
}

/** Every problem in a job, checked against the project's files (what `zvm check` and editor markers show). */
export function checkJob(text: string, files: ProjectFiles): Diagnostic[] {
  const out = new JobDiagnostics();
  const job = readJob(text, out);
  if (job && !out.failed) expandInto(job, files, out);
  return out.finish();
}
