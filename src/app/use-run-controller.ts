import { useMemo } from 'react';
import type { RefObject } from 'react';
import type { ConsoleHandle } from '../components/Console/Console.tsx';
import type { ExitState } from '../engine/run/report.ts';
import { useAppStore } from '../store/index.ts';
import type { RunState } from '../store/index.ts';
import { SandboxClient } from '../worker/sandbox-client.ts';
import { planRun } from './plan-run.ts';

let sharedClient: SandboxClient | undefined;
// One client for the page's lifetime: it keeps a warm worker, so a run starts in milliseconds.
const client = (): SandboxClient => (sharedClient ??= new SandboxClient());

const GOOD: readonly ExitState[] = ['ok', 'exit'];

/** What the toolbar says about the run. */
export interface RunStatus {
  tone: 'idle' | 'running' | 'ok' | 'error';
  text: string;
}

/** Run and Stop: plans the run from the store, streams output to the console, records the report. */
export function useRunController(consoleRef: RefObject<ConsoleHandle | null>) {
  return useMemo(() => {
    client();
    const run = async (): Promise<void> => {
      const state = useAppStore.getState();
      if (state.run.status === 'running') return;
      const term = consoleRef.current;
      const plan = planRun(
        { files: state.files, activeFile: state.activeFile },
        { stdin: state.stdin, args: state.args, env: state.env },
      );
      if (plan.kind === 'blocked') {
        state.blockRun(plan.reason, plan.diagnostics);
        term?.notice(`Not run: ${plan.reason}`, 'error');
        return;
      }
      state.clearBadges();
      state.startRun({ label: plan.label, generated: plan.generated });
      term?.clear();
      term?.notice(`▶ ${plan.label}`, 'info');
      const report = await client().run(
        { ...plan.request, deterministic: state.deterministic, trace: state.trace },
        { onOutput: (stream, bytes) => consoleRef.current?.write(bytes, stream) },
      );
      useAppStore.getState().finishRun(report, plan.workdir);
      consoleRef.current?.notice(report.message, GOOD.includes(report.state) ? 'ok' : 'error');
    };
    return {
      run: () => void run(),
      stop: () => client().stop(),
      status: (run: RunState): RunStatus => {
        if (run.status === 'running') return { tone: 'running', text: `Running ${run.label ?? ''}…` };
        if (run.blocked) return { tone: 'error', text: `Not run: ${run.blocked.reason}` };
        if (run.result) {
          return { tone: GOOD.includes(run.result.state) ? 'ok' : 'error', text: run.result.message };
        }
        return { tone: 'idle', text: 'Ready' };
      },
    };
  }, [consoleRef]);
}
