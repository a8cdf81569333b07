import type { ITerminal } from '../components/Console/Console.tsx';
import { checkJob, planJob, runJob } from '../engine/job/index.ts';
import type { JobPlan, JobReport } from '../engine/job/index.ts';
import type { Diagnostic } from '../engine/diagnostics.ts';
import { useAppStore } from '../store/index.ts';
import { SandboxPool } from '../worker/sandbox-pool.ts';
import { filesBeneath, joinPath, parentOf } from '../store/paths.ts';
import { buildProgram, pythonRuntime } from './build-runner.ts';
import { buildTargetForProgram } from './build-target.ts';

let sharedPool: SandboxPool | undefined;
// One pool for the page's lifetime: its workers stay warm between jobs.
const pool = (): SandboxPool => (sharedPool ??= new SandboxPool());

const decoder = new TextDecoder();

/** True for a ZeroCloud job file: `system.map`, or a `.json` file holding a JSON array. */
export function isJobFile(path: string, bytes: Uint8Array | undefined): boolean {
  if (bytes === undefined) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'system.map') return true;
  return name.endsWith('.json') && /^\s*\[/.test(decoder.decode(bytes.subarray(0, 256)));
}

/** Editor diagnostics of every job file, checked against the files of its folder. */
export function jobDiagnostics(files: Record<string, Uint8Array>): Record<string, Diagnostic[]> {
  const out: Record<string, Diagnostic[]> = {};
  for (const [path, bytes] of Object.entries(files)) {
    if (isJobFile(path, bytes))
      out[path] = checkJob(decoder.decode(bytes), filesBeneath(files, parentOf(path)));
  }
  return out;
}

/**
 * Runs the job in `path`: builds the modules it names from their sources if they changed, plans it, runs
 * its nodes in a pool of warm workers as their inputs complete, and applies the files they wrote.
 */
export async function runJobFile(
  path: string,
  output: ITerminal | null,
  signal: AbortSignal,
): Promise<JobReport | undefined> {
  const workdir = parentOf(path);
  const planned = await planWithBuilds(path, workdir, output);
  if (!planned) return undefined;
  const { plan, files } = planned;
  const python = plan.nodes.some((n) => n.program.kind === 'python') ? await pythonRuntime(output) : null;
  if (plan.nodes.some((n) => n.program.kind === 'python') && python === null) return undefined;
  const store = useAppStore.getState();
  store.startJob(
    path,
    plan.nodes.map((n) => ({ name: n.name, group: n.group })),
    plan.edges.map((e) => ({ ...e })),
  );
  output?.notice(`▶ ${path}: ${plan.nodes.length} nodes, up to ${pool().size} at a time`, 'info');
  const report = await runJob(
    plan,
    (node, nodeFiles, nodeSignal) =>
      pool().run(
        {
          manifest: node.manifest,
          nvram: node.nvram,
          program: node.program.kind === 'python' ? python! : files.get(node.program.path)!,
          files: nodeFiles,
          stdin: new Uint8Array(0),
          deterministic: useAppStore.getState().deterministic,
          trace: useAppStore.getState().trace,
        },
        { onOutput: () => {} },
        nodeSignal,
      ),
    {
      concurrency: pool().size,
      signal,
      name: path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, ''),
      onEvent: (event) => {
        useAppStore.getState().jobEvent(event);
        if (event.type === 'node-finished' && event.status === 'failed')
          output?.notice(`✗ ${event.node}: ${event.report.reason ?? 'failed'}`, 'error');
      },
    },
  );
  finish(report, workdir, output);
  return report;
}

/** Plans the job; first builds each module it runs whose source changed, then plans again with the new files. */
async function planWithBuilds(
  path: string,
  workdir: string,
  output: ITerminal | null,
): Promise<{ plan: JobPlan; files: Map<string, Uint8Array> } | undefined> {
  const plan = (): ReturnType<typeof planJob> & { files: Map<string, Uint8Array> } => {
    const { files } = useAppStore.getState();
    const under = filesBeneath(files, workdir);
    return { ...planJob(decoder.decode(files[path]), under), files: under };
  };
  let planned = plan();
  if (!planned.plan) return blockJob(path, planned.diagnostics, output);
  const modules = new Set(
    planned.plan.nodes.flatMap((n) => (n.program.kind === 'module' ? [n.program.path] : [])),
  );
  let built = false;
  for (const module of modules) {
    const target = buildTargetForProgram(useAppStore.getState().files, joinPath(workdir, module));
    if (!target) continue;
    if (!(await buildProgram(target, output))) {
      useAppStore.getState().blockRun(`the build of ${target.output} failed; see the Output`);
      return undefined;
    }
    built = true;
  }
  if (built) planned = plan();
  return planned.plan
    ? { plan: planned.plan, files: planned.files }
    : blockJob(path, planned.diagnostics, output);
}

function blockJob(path: string, diagnostics: Diagnostic[], output: ITerminal | null): undefined {
  const first = diagnostics.find((d) => d.severity === 'error');
  const reason = first ? `${path} line ${first.line}: ${first.message}` : `${path} is not a job that can run`;
  useAppStore.getState().blockRun(reason, { [path]: diagnostics });
  output?.notice(`Not run: ${reason}`, 'error');
  return undefined;
}

/** Records the report, applies the files the nodes wrote, and prints each node's console output. */
function finish(report: JobReport, workdir: string, output: ITerminal | null): void {
  const store = useAppStore.getState();
  store.finishJob(report);
  store.applyRunChanges(report.changes.map((c) => ({ ...c, path: joinPath(workdir, c.path) })));
  for (const node of report.nodes) {
    const run = node.report;
    const printed = [run?.stdout, run?.stderr].some((b) => b && b.length > 0);
    if (!printed) continue;
    output?.notice(`── ${node.name} ──`, 'info');
    if (run?.stdout?.length) output?.write(run.stdout, 'stdout');
    if (run?.stderr?.length) output?.write(run.stderr, 'stderr');
  }
  output?.notice(report.summary, report.state === 'done' ? 'ok' : 'error');
  const last = [...report.nodes].reverse().find((n) => n.report);
  if (last) selectJobNode(last.name);
}

/** Shows a node's report and trace in the Report and Trace views. */
export function selectJobNode(name: string): void {
  const store = useAppStore.getState();
  store.selectJobNode(name);
  const node = store.job.report?.nodes.find((n) => n.name === name);
  if (node?.report) store.showReport(node.report, `${name} (job node)`);
}
