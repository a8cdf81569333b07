import { readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { formatDiagnostic } from '../engine/diagnostics.ts';
import { checkJob, planJob } from '../engine/job/plan-job.ts';
import { runJob } from '../engine/job/run-job.ts';
import type { JobReport } from '../engine/job/job-report.ts';
import type { JobNode } from '../engine/job/types.ts';
import type { ProjectFiles } from '../engine/run/project-files.ts';
import { readBinary, SANDBOX_FAILURE } from './commands.ts';
import { applyChanges, loadHostPath } from './host-files.ts';
import { parseFlags, UsageError } from './parse-flags.ts';
import { loadPythonRuntime } from './python-runtime.ts';
import { reportToJson } from './report-json.ts';
import { runInThread, warmThreads } from './run-in-thread.ts';

const USAGE = 'usage: zvm job SYSTEM_MAP [--workdir DIR] [--report FILE|-] [--jobs N] [--timeout S]';

/**
 * `zvm job SYSTEM_MAP`: runs a ZeroCloud job over the files under --workdir (default: the map's folder),
 * each node in its own worker thread, at most --jobs at once. Exit 0 when every node succeeds, 1 when
 * one fails, 125 when the map is invalid.
 */
export async function jobCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { values: ['workdir', 'report', 'jobs', 'timeout'], booleans: ['no-determinism'] },
    false,
  );
  const [mapPath, ...extra] = flags.positionals;
  if (!mapPath || extra.length > 0) throw new UsageError(USAGE);
  const jobs = positive(flags.values.get('jobs')?.[0], 'jobs', true) ?? availableParallelism();
  const timeout = positive(flags.values.get('timeout')?.[0], 'timeout', false);
  const text = new TextDecoder().decode(readBinary(mapPath, 'the job'));
  const workdir = resolve(flags.values.get('workdir')?.[0] ?? projectDir(mapPath));
  const files = loadProject(workdir);
  const { plan, diagnostics } = planJob(text, files, { timeout });
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(mapPath, d) + '\n');
  if (!plan) {
    process.stderr.write('zvm job: refused: the job has errors\n');
    return SANDBOX_FAILURE;
  }
  const python = plan.nodes.some((n) => n.program.kind === 'python') ? loadPythonRuntime() : undefined;
  const deterministic = !flags.booleans.has('no-determinism');
  warmThreads(Math.min(jobs, plan.nodes.length));
  const report = await runJob(
    plan,
    (node, nodeFiles) =>
      runInThread({
        manifest: node.manifest,
        nvram: node.nvram,
        program: programOf(node, files, python),
        files: nodeFiles,
        deterministic,
      }),
    { concurrency: jobs, name: jobName(mapPath) },
  );
  printOutputs(plan.nodes, report);
  for (const warning of applyChanges(workdir, report.changes))
    process.stderr.write(`zvm job: warning: ${warning}\n`);
  const reportPath = flags.values.get('report')?.[0];
  if (reportPath === '-') process.stdout.write(jobReportToJson(report) + '\n');
  else if (reportPath) writeFileSync(reportPath, jobReportToJson(report) + '\n');
  process.stderr.write(`zvm job: ${report.summary}\n`);
  return report.state === 'done' ? 0 : 1;
}

/** `zvm check SYSTEM_MAP`: the job's diagnostics against the files beside it; exit 1 on any error. */
export function checkJobCommand(mapPath: string): number {
  const text = new TextDecoder().decode(readBinary(mapPath, mapPath));
  const diagnostics = checkJob(text, loadProject(projectDir(mapPath)));
  for (const d of diagnostics) process.stdout.write(formatDiagnostic(mapPath, d) + '\n');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  process.stdout.write(`${mapPath}: ${errors} error(s), ${diagnostics.length - errors} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}

/** The job as JSON: each node's report as `zvm run --report` writes it, console bytes as text. */
export function jobReportToJson(report: JobReport): string {
  const decoder = new TextDecoder();
  const nodes = report.nodes.map(({ report: run, results, ...node }) => ({
    ...node,
    results: results.map((r) => ({ device: r.device, text: decoder.decode(r.data) })),
    report: run ? JSON.parse(reportToJson(run)) : undefined,
  }));
  const changes = report.changes.map((c) => ({ path: c.path, bytes: c.data?.length ?? null }));
  return JSON.stringify({ ...report, nodes, changes }, null, 2);
}

/** Everything under `workdir` but hidden folders and node_modules: the project a job sees. */
function loadProject(workdir: string): ProjectFiles {
  const files: ProjectFiles = new Map();
  let entries: string[];
  try {
    entries = readdirSync(workdir);
  } catch (error) {
    throw new UsageError(`--workdir ${workdir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  for (const name of entries) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    loadHostPath(files, join(workdir, name), name);
  }
  return files;
}

function programOf(node: JobNode, files: ProjectFiles, python: Uint8Array | undefined): Uint8Array {
  if (node.program.kind === 'python') return python!;
  return files.get(node.program.path)!;
}

/** Console output and path-less results, one block per node in plan order, headed like `head` does. */
function printOutputs(nodes: JobNode[], report: JobReport): void {
  const byName = new Map(report.nodes.map((n) => [n.name, n]));
  for (const node of nodes) {
    const done = byName.get(node.name)!;
    const [stdout, stderr] = ['/dev/stdout', '/dev/stderr'].map((alias) =>
      node.manifest.channels.some((c) => c.alias === alias && c.uri === alias),
    );
    if (stdout) block(process.stdout, node.name, done.report?.stdout);
    for (const r of done.results) block(process.stdout, `${node.name} /dev/${r.device}`, r.data);
    if (stderr) block(process.stderr, `${node.name} (stderr)`, done.report?.stderr);
  }
}

function block(stream: NodeJS.WriteStream, title: string, data: Uint8Array | undefined): void {
  if (!data || data.length === 0) return;
  stream.write(`==> ${title} <==\n`);
  stream.write(data);
  if (data[data.length - 1] !== 10) stream.write('\n');
}

/** `wordcount` for wordcount.job.json; a `system.map` is named after its project folder. */
function jobName(mapPath: string): string {
  const file = basename(mapPath);
  if (file === 'system.map') return basename(projectDir(mapPath)) || 'job';
  return file.replace(/(\.job)?\.json$/, '') || 'job';
}

/** The folder a job's paths are relative to: the map's own, or the app's for a zapp's `boot/system.map`. */
function projectDir(mapPath: string): string {
  const dir = dirname(resolve(mapPath));
  return basename(mapPath) === 'system.map' && basename(dir) === 'boot' ? dirname(dir) : dir;
}

function positive(value: string | undefined, name: string, whole: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n)))
    throw new UsageError(`--${name} needs a positive ${whole ? 'whole ' : ''}number, got "${value}"`);
  return n;
}
