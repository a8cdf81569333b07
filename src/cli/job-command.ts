import { readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { formatDiagnostic } from '../engine/diagnostics.ts';
import type { Diagnostic } from '../engine/diagnostics.ts';
import { checkJob, planJob } from '../engine/job/plan-job.ts';
import { runJob } from '../engine/job/run-job.ts';
import type { JobReport } from '../engine/job/job-report.ts';
import type { JobNode } from '../engine/job/types.ts';
import type { ProjectFiles } from '../engine/run/project-files.ts';
import { readBinary, SANDBOX_FAILURE } from './commands.ts';
import { DIR_LIMIT, HostLimitError, HostLoad, HostReadError } from './host-files.ts';
import { applyChanges } from './host-writes.ts';
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
  const project = loadProject(workdir);
  const { files } = project;
  const { plan, diagnostics } = planJob(text, files, { timeout });
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(mapPath, d) + '\n');
  if (!plan) {
    for (const note of linkNotes(project.skippedLinks, diagnostics))
      process.stderr.write(`zvm job: ${note}\n`);
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
  const project = loadProject(projectDir(mapPath));
  const diagnostics = checkJob(text, project.files);
  for (const d of diagnostics) process.stdout.write(formatDiagnostic(mapPath, d) + '\n');
  for (const note of linkNotes(project.skippedLinks, diagnostics))
    process.stdout.write(`${mapPath}: ${note}\n`);
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

/**
 * Everything under `workdir` but hidden entries and node_modules: the project a job sees, and the
 * symbolic links left out of it (a job's files never come through a link, wherever it points). A usage
 * error when the folder cannot be read or holds more than DIR_LIMIT.
 */
function loadProject(workdir: string): { files: ProjectFiles; skippedLinks: Map<string, string> } {
  let entries: string[];
  try {
    entries = readdirSync(workdir).sort();
  } catch (error) {
    throw new UsageError(`--workdir ${workdir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const load = new HostLoad(DIR_LIMIT);
  const skippedLinks = new Map<string, string>();
  try {
    // Hidden names and node_modules are left out at the top only, as before.
    for (const name of entries)
      if (!name.startsWith('.') && name !== 'node_modules')
        load.add(join(workdir, name), name, { folderMarks: false, skippedLinks });
  } catch (error) {
    if (error instanceof HostLimitError)
      throw new UsageError(
        `the work folder ${workdir} holds ${error.message}, and a job's files are kept in memory; ` +
          'point --workdir at a smaller folder',
      );
    if (error instanceof HostReadError) throw new UsageError(`--workdir ${workdir}: ${error.message}`);
    throw error;
  }
  return { files: load.files, skippedLinks };
}

/** A note for each left-out link that an error names, so "not in the project" has its reason. */
function linkNotes(links: Map<string, string>, diagnostics: Diagnostic[]): string[] {
  const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  return [...links]
    .filter(([path]) => errors.some((message) => message.includes(path)))
    .map(
      ([path, target]) =>
        `note: ${path} is a symbolic link (to ${target}); a job's files never come through links`,
    );
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
