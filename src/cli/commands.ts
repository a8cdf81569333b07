import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatDiagnostic, hasErrors } from '../engine/diagnostics.ts';
import { parseManifest } from '../engine/manifest/parse-manifest.ts';
import { parseNvram } from '../engine/nvram/parse-nvram.ts';
import { normalizeProjectPath } from '../engine/run/project-files.ts';
import { quickRun } from '../engine/run/quick-mode.ts';
import type { ProjectFiles } from '../engine/run/project-files.ts';
import type { RunRequest } from '../engine/run/run-sandbox.ts';
import { languageOf } from '../toolchains/language.ts';
import { runtimeOf } from '../toolchains/python.ts';
import { DIR_LIMIT, HostLoad, HostReadError, loadManifestFiles, realPathInside } from './host-files.ts';
import { mountDir, scriptFolder } from './exec-mounts.ts';
import { applyChanges } from './host-writes.ts';
import { BROKEN_PIPE_EXIT, processStdio } from './host-stdio.ts';
import { checkJobCommand } from './job-command.ts';
import { parseFlags, UsageError } from './parse-flags.ts';
import type { ParsedFlags } from './parse-flags.ts';
import { guestPathOf, loadPythonRuntime, pythonQuickRun } from './python-runtime.ts';
import type { HostMount } from './python-runtime.ts';
import { reportToJson, traceToText } from './report-json.ts';
import { runInThread } from './run-in-thread.ts';
import type { ThreadRunReport } from './run-in-thread.ts';

/** Exit code for sandbox-level failures (refused, timeout, memory, crash), as `zvm` defines it. */
export const SANDBOX_FAILURE = 125;

/**
 * `zvm run MANIFEST`: runs a manifest; channel URIs are relative to --workdir (default: its folder).
 * `Program = runtime:python` (or ZeroCloud's `file://python:python`) runs the script the nvram's [args] name.
 */
export async function runCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { values: ['workdir', 'report', 'trace'], booleans: ['no-determinism'] },
    false,
  );
  const [manifestPath, ...extra] = flags.positionals;
  if (!manifestPath || extra.length > 0)
    throw new UsageError('usage: zvm run MANIFEST [--workdir DIR] [--report FILE|-] [--trace FILE]');
  const text = readText(manifestPath);
  const { manifest, diagnostics } = parseManifest(text);
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(manifestPath, d) + '\n');
  if (!manifest || hasErrors(diagnostics)) return fail('refused: the manifest has errors');
  const workdir = resolve(flags.values.get('workdir')?.[0] ?? dirname(manifestPath));
  const python = runtimeOf(manifest.program) === 'python';
  // Like channel URIs, Program names a file in the work folder, even when written as an absolute path.
  const programPath = normalizeProjectPath(manifest.program);
  if (!python && programPath === undefined)
    return fail(`refused: Program ${manifest.program} is outside the work folder`);
  let program: Uint8Array;
  let files: ProjectFiles;
  try {
    // Program and channels are read through links only while their real paths stay in the work folder.
    program = python
      ? loadPythonRuntime()
      : readBinary(programIn(workdir, programPath ?? '', manifest.program), `Program ${manifest.program}`);
    files = loadManifestFiles(workdir, manifest);
  } catch (error) {
    if (error instanceof HostReadError) return fail(`refused: ${error.message}`);
    throw error;
  }
  const report = await runWithFlags(flags, { manifest, program, files });
  warn(applyChanges(workdir, report.changes));
  return finish(report, flags.values.get('report')?.[0], flags.values.get('trace')?.[0]);
}

/**
 * `zvm exec PROGRAM.wasm|SCRIPT.py ARGS...`: zvsh-style quick mode with wasmtime-style flags. A script runs
 * on the Python runtime; without --dir its folder is mounted read-only at `/`.
 */
export async function execCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      values: ['dir', 'env', 'timeout', 'memory', 'report', 'trace'],
      booleans: ['no-determinism', 'show-manifest'],
    },
    true,
  );
  const [programPath, ...args] = flags.positionals;
  if (!programPath)
    throw new UsageError(
      'usage: zvm exec [--dir HOST[::GUEST]]... [--env K=V]... PROGRAM.wasm|SCRIPT.py [ARGS...]',
    );
  const env = (flags.values.get('env') ?? []).map((kv): [string, string] => {
    const at = kv.indexOf('=');
    if (at <= 0) throw new UsageError(`--env needs NAME=value, got "${kv}"`);
    return [kv.slice(0, at), kv.slice(at + 1)];
  });
  const timeout = numberFlag(flags.values.get('timeout')?.[0], 'timeout');
  const memory = numberFlag(flags.values.get('memory')?.[0], 'memory');
  const python = languageOf(programPath) === 'python';
  if (python && !statSync(programPath, { throwIfNoEntry: false })?.isFile())
    throw new UsageError(`cannot read the script (${programPath}): no such file`);
  const program = python ? loadPythonRuntime() : readBinary(programPath, 'the program');
  const files: ProjectFiles = new Map();
  const dirLoad = new HostLoad(DIR_LIMIT, files);
  const dirs = (flags.values.get('dir') ?? []).map((spec) => mountDir(spec, dirLoad));
  if (python && dirs.length === 0) dirs.push(scriptFolder(programPath, files));
  const quick = python
    ? pythonQuickRun(scriptInGuest(programPath, dirs), { args, env, dirs, timeout, memory })
    : quickRun({ program: programPath, args, env, dirs, timeout, memory });
  if (flags.booleans.has('show-manifest'))
    process.stderr.write(`${quick.manifestText}\n${quick.nvramText}\n`);
  files.set(quick.nvramPath, new TextEncoder().encode(quick.nvramText));
  const report = await runWithFlags(flags, { manifest: quick.manifest, nvram: quick.nvram, program, files });
  // Each change goes back into the --dir it came from (the innermost one), and nowhere else.
  let pending = report.changes.filter((c) => c.path !== quick.nvramPath);
  for (const dir of [...dirs].sort((a, b) => b.projectDir.length - a.projectDir.length)) {
    const prefix = dir.projectDir === '' ? '' : `${dir.projectDir}/`;
    const mine = pending.filter((c) => c.path.startsWith(prefix));
    pending = pending.filter((c) => !mine.includes(c));
    warn(
      applyChanges(
        dir.hostDir,
        mine.map((c) => ({ ...c, path: c.path.slice(prefix.length) })),
      ),
    );
  }
  return finish(report, flags.values.get('report')?.[0], flags.values.get('trace')?.[0]);
}

/** The real path of the Program file, refused when it leaves the work folder through a link. */
function programIn(workdir: string, path: string, named: string): string {
  try {
    return realPathInside(workdir, path) ?? resolve(workdir, path);
  } catch (error) {
    if (error instanceof HostReadError) throw new HostReadError(`Program ${named}: ${error.message}`);
    throw error;
  }
}

/** The guest path of a Python script on the host, through the folders mounted for it. */
function scriptInGuest(scriptPath: string, dirs: HostMount[]): string {
  const guest = guestPathOf(resolve(scriptPath), dirs);
  if (guest === undefined)
    throw new UsageError(`${scriptPath} is not inside any --dir: mount its folder too`);
  return guest;
}

/** `zvm check MANIFEST|NVRAM|JOB`: prints diagnostics; exit 1 on any error. */
export function checkCommand(argv: string[]): number {
  const [path, ...extra] = argv;
  if (!path || extra.length > 0) throw new UsageError('usage: zvm check MANIFEST|JOB');
  if (path.endsWith('.json') || path.endsWith('system.map')) return checkJobCommand(path);
  const text = readText(path);
  const diagnostics = path.endsWith('.nvram')
    ? parseNvram(text).diagnostics
    : parseManifest(text).diagnostics;
  for (const d of diagnostics) process.stdout.write(formatDiagnostic(path, d) + '\n');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  process.stdout.write(`${path}: ${errors} error(s), ${diagnostics.length - errors} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}

/**
 * Runs in a worker thread as the shared flags say, its stdio joined live to the process's: stdin read as the
 * guest reads it, stdout and stderr written as the guest writes them (see README "CLI").
 */
function runWithFlags(
  flags: ParsedFlags,
  request: Pick<RunRequest, 'manifest' | 'nvram' | 'program' | 'files'>,
): Promise<ThreadRunReport> {
  return runInThread(
    {
      ...request,
      deterministic: !flags.booleans.has('no-determinism'),
      trace: flags.values.has('trace'),
    },
    { stdio: processStdio() },
  );
}

function finish(
  report: ThreadRunReport,
  reportPath: string | undefined,
  tracePath: string | undefined,
): number {
  if (reportPath === '-') process.stdout.write(reportToJson(report) + '\n');
  else if (reportPath) writeFileSync(reportPath, reportToJson(report) + '\n');
  if (tracePath) writeFileSync(tracePath, traceToText(report));
  // Stopped like SIGPIPE would have stopped it: as quiet as a shell is about that.
  if (report.brokenPipe) return BROKEN_PIPE_EXIT;
  if (report.state === 'ok' || report.state === 'exit' || report.state === 'quota') {
    if (report.state === 'quota') process.stderr.write(`zvm: ${report.message}\n`);
    return report.exitCode ?? 0;
  }
  return fail(report.message);
}

function warn(messages: string[]): void {
  for (const message of messages) process.stderr.write(`zvm: warning: ${message}\n`);
}

function fail(message: string): number {
  process.stderr.write(`zvm: ${message}\n`);
  return SANDBOX_FAILURE;
}

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${name} needs a positive number, got "${value}"`);
  return n;
}

function readText(path: string): string {
  return new TextDecoder().decode(readBinary(path, path));
}

/** A host file's bytes, or a UsageError naming what could not be read. */
export function readBinary(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${what} (${path}): ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}
