import { buildTargetFor, buildTargetForProgram, compileRequestFor } from '../../app/build-target.ts';
import { planManifestRun } from '../../app/plan-manifest-run.ts';
import { loadPythonRuntime } from '../../cli/python-runtime.ts';
import { runInThread } from '../../cli/run-in-thread.ts';
import { planJob } from '../../engine/job/plan-job.ts';
import { runJob } from '../../engine/job/run-job.ts';
import { parseManifest } from '../../engine/manifest/parse-manifest.ts';
import { splitArgs } from '../../engine/nvram/split-args.ts';
import { normalizeProjectPath } from '../../engine/run/project-files.ts';
import { quickRun } from '../../engine/run/quick-mode.ts';
import type { FileChange } from '../../engine/run/report.ts';
import { languageOf } from '../../toolchains/language.ts';
import { PYTHON_RUNTIME, pythonArgs } from '../../toolchains/python.ts';
import type { OptLevel } from '../../toolchains/types.ts';
import type { BlockedRun, LessonFiles, LessonRunner, LessonRunResult, RunSetup } from '../types.ts';
import { compileCached } from './compile-cached.ts';

/** How the Node runner compiles: C and C++ get `-Werror` too, so lesson programs stay warning-free. */
export interface NodeRunnerOptions {
  /** @default 'O2' */
  optimize?: OptLevel;
  /** Job nodes running at once; @default 4 */
  concurrency?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let python: Uint8Array | undefined;

/** A LessonRunner for Node: compiles with the cache, runs each sandbox in a worker thread (so Timeout holds). */
export function createNodeRunner(options: NodeRunnerOptions = {}): LessonRunner {
  return {
    async run(files, setup, { trace }) {
      const built = await buildPrograms(files, setup, options.optimize ?? 'O2');
      if ('blocked' in built) return built;
      if (setup.run === 'quick') return quick(built.files, built.program, setup, trace);
      if (setup.run === 'manifest') return manifest(built.files, setup, trace);
      return job(built.files, setup, trace, options.concurrency ?? 4);
    },
  };
}

/** Compiles what the run needs and is missing: the quick-mode source, the manifest's or job's .wasm programs. */
async function buildPrograms(
  files: LessonFiles,
  setup: RunSetup,
  optimize: OptLevel,
): Promise<{ files: LessonFiles; program?: string } | BlockedRun> {
  const out = { ...files };
  const language = languageOf(setup.runFile);
  const targets =
    setup.run === 'quick'
      ? language === 'c' || language === 'cpp' || language === 'wat'
        ? [buildTargetFor(files, setup.runFile)]
        : []
      : wasmNamedBy(files, setup).map((wasm) => buildTargetForProgram(files, wasm));
  for (const target of targets) {
    if (!target) return { blocked: `there is no way to build ${setup.runFile}`, stage: 'build' };
    const request = compileRequestFor(files, target, optimize);
    if (target.language !== 'wat') request.extraFlags = ['-Werror'];
    const result = await compileCached(request);
    if (!result.ok || !result.wasm)
      return {
        blocked: `${target.sources.join(' ')} did not compile:\n${result.log.trim()}`,
        stage: 'build',
      };
    out[target.output] = result.wasm;
  }
  const program = setup.run === 'quick' && targets[0] ? targets[0].output : undefined;
  return { files: out, program };
}

/** The .wasm programs a manifest or job names that the project does not hold yet. */
function wasmNamedBy(files: LessonFiles, setup: RunSetup): string[] {
  const text = files[setup.runFile] ? decoder.decode(files[setup.runFile]) : '';
  const folder = folderOf(setup.runFile);
  const names =
    setup.run === 'manifest'
      ? [parseManifest(text).manifest?.program ?? '']
      : [...text.matchAll(/[\w./~-]+\.wasm\b/g)].map((m) => m[0].replace(/^swift:\/\/~\//, ''));
  const paths = names
    .filter((name) => name.toLowerCase().endsWith('.wasm'))
    .map((name) => normalizeProjectPath(name.startsWith('/') ? name : join(folder, name)))
    .filter((p): p is string => p !== undefined && p !== '' && !(p in files));
  return [...new Set(paths)];
}

async function quick(
  files: LessonFiles,
  built: string | undefined,
  setup: RunSetup,
  trace: boolean,
): Promise<LessonRunResult> {
  const split = splitArgs(setup.args ?? '');
  if (split.problems[0]) return { blocked: `args: ${split.problems[0].reason}`, stage: 'plan' };
  const isPython = languageOf(setup.runFile) === 'python';
  const program = built ?? setup.runFile;
  if (!isPython && !(program in files)) return { blocked: `${program} is not in the project`, stage: 'plan' };
  const [argv0, ...args] = isPython
    ? pythonArgs(`/${setup.runFile}`, split.args)
    : [undefined, ...split.args];
  const plan = quickRun({
    program: isPython ? PYTHON_RUNTIME : program,
    argv0,
    args: args as string[],
    dirs: [{ projectDir: '', guest: '/', access: 'ro' }],
  });
  const engineFiles = new Map(Object.entries(files));
  engineFiles.set(plan.nvramPath, encoder.encode(plan.nvramText));
  const report = await runInThread({
    manifest: plan.manifest,
    nvram: plan.nvram,
    program: isPython ? pythonRuntime() : files[program]!,
    files: engineFiles,
    stdin: encoder.encode(setup.stdin ?? ''),
    trace,
  });
  return { ...report, changes: report.changes.filter((c) => c.path !== plan.nvramPath) };
}

async function manifest(files: LessonFiles, setup: RunSetup, trace: boolean): Promise<LessonRunResult> {
  if (!(setup.runFile in files)) return { blocked: `${setup.runFile} is not in the project`, stage: 'plan' };
  const plan = planManifestRun(files, setup.runFile, encoder.encode(setup.stdin ?? ''));
  if (plan.kind === 'blocked') return { blocked: plan.reason, stage: 'plan' };
  const program = plan.runtime === 'python' ? pythonRuntime() : plan.request.program;
  const report = await runInThread({ ...plan.request, program, trace });
  return { ...report, changes: inFolder(plan.workdir, report.changes) };
}

async function job(
  files: LessonFiles,
  setup: RunSetup,
  trace: boolean,
  concurrency: number,
): Promise<LessonRunResult> {
  const text = files[setup.runFile];
  if (!text) return { blocked: `${setup.runFile} is not in the project`, stage: 'plan' };
  const workdir = folderOf(setup.runFile);
  const prefix = workdir === '' ? '' : `${workdir}/`;
  const projectFiles = new Map(
    Object.entries(files)
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, data]) => [path.slice(prefix.length), data]),
  );
  const { plan, diagnostics } = planJob(decoder.decode(text), projectFiles);
  if (!plan) {
    const first = diagnostics.find((d) => d.severity === 'error');
    return {
      blocked: `${setup.runFile}:${first?.line ?? 0}: ${first?.message ?? 'the job has errors'}`,
      stage: 'plan',
    };
  }
  const name = setup.runFile.replace(/^.*\//, '').replace(/(\.job)?\.json$/, '') || 'job';
  const report = await runJob(
    plan,
    (node, nodeFiles) =>
      runInThread({
        manifest: node.manifest,
        nvram: node.nvram,
        program: node.program.kind === 'python' ? pythonRuntime() : projectFiles.get(node.program.path)!,
        files: nodeFiles,
        trace,
      }),
    { concurrency, name },
  );
  return { ...report, changes: inFolder(workdir, report.changes) };
}

function pythonRuntime(): Uint8Array {
  python ??= loadPythonRuntime();
  return python;
}

function inFolder(folder: string, changes: FileChange[]): FileChange[] {
  return folder === '' ? changes : changes.map((c) => ({ ...c, path: `${folder}/${c.path}` }));
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(folder: string, path: string): string {
  return folder === '' ? path : `${folder}/${path}`;
}
