import type { ITerminal } from '../../components/Console/Console.tsx';
import type { RunReport } from '../../engine/run/report.ts';
import { useAppStore } from '../../store/index.ts';
import type { LessonRunResult, LessonRunner, RunSetup } from '../../workshops/types.ts';
import { buildProgram, pythonRuntime } from '../build-runner.ts';
import { buildTargetFor } from '../build-target.ts';
import { runJobFile } from '../job-runner.ts';
import { planRun } from '../plan-run.ts';
import { sandboxClient } from '../sandbox.ts';

/**
 * Check's runner in the browser: the learner's project as it is in the store, built and run the way Run
 * does it (compiler worker, warm sandbox workers, job pool), with the output going to the console.
 */
export function createBrowserLessonRunner(
  output: () => ITerminal | null,
): LessonRunner & { last: RunReport | null } {
  const runner = {
    last: null as RunReport | null,
    async run(_files: unknown, setup: RunSetup, options: { trace: boolean }): Promise<LessonRunResult> {
      const out = output();
      if (setup.run === 'job') {
        const report = await runJobFile(setup.runFile, out, new AbortController().signal);
        return report ?? { blocked: `${setup.runFile} could not run; see the Output` };
      }
      const target = buildTargetFor(useAppStore.getState().files, setup.runFile);
      if (target && !(await buildProgram(target, out)))
        return { blocked: `${target.sources.join(', ')} did not compile; see the Output` };
      const activeFile = target && setup.run === 'quick' ? target.output : setup.runFile;
      const state = useAppStore.getState();
      let plan = planRun(
        { files: state.files, activeFile },
        { stdin: setup.stdin ?? '', args: setup.args ?? '', env: '' },
      );
      if (plan.kind === 'blocked') return { blocked: plan.reason };
      if (plan.runtime) {
        const python = await pythonRuntime(out);
        if (!python) return { blocked: 'the Python runtime could not be loaded' };
        plan = { ...plan, request: { ...plan.request, program: python } };
      }
      out?.notice(`▶ ${plan.label}`, 'info');
      const report = await sandboxClient().run(
        { ...plan.request, deterministic: state.deterministic, trace: options.trace },
        { onOutput: (stream, bytes) => out?.write(bytes, stream) },
      );
      const workdir = plan.workdir;
      const projectReport = {
        ...report,
        changes: report.changes.map((c) => ({
          ...c,
          path: workdir === '' ? c.path : `${workdir}/${c.path}`,
        })),
      };
      runner.last = projectReport;
      return projectReport;
    },
  };
  return runner;
}
