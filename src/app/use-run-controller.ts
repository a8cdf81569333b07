import { useMemo } from 'react';
import type { RefObject } from 'react';
import type { MeterChannel, MetersHandle } from '../components/ChannelMeters/ChannelMeters.tsx';
import { meterChannels } from '../components/ChannelMeters/ChannelMeters.tsx';
import type { ConsoleHandle } from '../components/Console/Console.tsx';
import type { ExitState, RunReport } from '../engine/run/report.ts';
import { useAppStore } from '../store/index.ts';
import type { RunState } from '../store/index.ts';
import { SandboxClient } from '../worker/sandbox-client.ts';
import { compareRuns } from './compare-runs.ts';
import type { RunComparison } from './compare-runs.ts';
import { planRun } from './plan-run.ts';
import type { PlannedRun } from './plan-run.ts';

let sharedClient: SandboxClient | undefined;
// One client for the page's lifetime: it keeps a warm worker, so a run starts in milliseconds.
const client = (): SandboxClient => (sharedClient ??= new SandboxClient());

const GOOD: readonly ExitState[] = ['ok', 'exit'];

/** What the toolbar says about the run. */
export interface RunStatus {
  tone: 'idle' | 'running' | 'ok' | 'error';
  text: string;
}

/** Where a run's live output, meters and comparison go. */
export interface RunSinks {
  consoleRef: RefObject<ConsoleHandle | null>;
  metersRef: RefObject<MetersHandle | null>;
  /** The channels the meters show: the manifest the run uses (counter order). */
  onMeterChannels(channels: MeterChannel[]): void;
  onComparison(comparison: RunComparison | null): void;
}

/** Run, Stop and "Run twice and compare": plans from the store, streams to the console and meters. */
export function useRunController(sinks: RunSinks) {
  return useMemo(() => {
    client();
    const { consoleRef, metersRef } = sinks;

    /** Plans a run, or says why not; on success the UI is set up for it. */
    const begin = (): PlannedRun | null => {
      const state = useAppStore.getState();
      if (state.run.status === 'running') return null;
      const plan = planRun(
        { files: state.files, activeFile: state.activeFile },
        { stdin: state.stdin, args: state.args, env: state.env },
      );
      if (plan.kind === 'blocked') {
        state.blockRun(plan.reason, plan.diagnostics);
        consoleRef.current?.notice(`Not run: ${plan.reason}`, 'error');
        return null;
      }
      sinks.onComparison(null);
      sinks.onMeterChannels(meterChannels(plan.request.manifest.channels));
      state.startRun({ label: plan.label, generated: plan.generated });
      consoleRef.current?.clear();
      return plan;
    };

    const once = (plan: PlannedRun, note: string): Promise<RunReport> => {
      const state = useAppStore.getState();
      consoleRef.current?.notice(`▶ ${note}`, 'info');
      metersRef.current?.reset();
      return client().run(
        { ...plan.request, deterministic: state.deterministic, trace: state.trace },
        {
          onOutput: (stream, bytes) => consoleRef.current?.write(bytes, stream),
          onCounters: (counters) => metersRef.current?.update(counters),
        },
      );
    };

    const finish = (plan: PlannedRun, report: RunReport): void => {
      useAppStore.getState().finishRun(report, plan.workdir);
      consoleRef.current?.notice(report.message, GOOD.includes(report.state) ? 'ok' : 'error');
    };

    const run = async (): Promise<void> => {
      const plan = begin();
      if (plan) finish(plan, await once(plan, plan.label));
    };

    // Both runs get the same request, and the first run's files are not applied in between, so any
    // difference comes from the program itself (its clock and randomness), not from changed inputs.
    const compare = async (): Promise<void> => {
      const plan = begin();
      if (!plan) return;
      const first = await once(plan, `${plan.label} (run 1 of 2)`);
      if (first.state === 'killed') return finish(plan, first);
      const second = await once(plan, `${plan.label} (run 2 of 2)`);
      finish(plan, second);
      const comparison = compareRuns(first, second);
      sinks.onComparison(comparison);
      consoleRef.current?.notice(
        comparison.identical ? 'Both runs were identical.' : 'The two runs differed: see the Report.',
        comparison.identical ? 'ok' : 'error',
      );
    };

    return {
      run: () => void run(),
      compare: () => void compare(),
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
    // The sinks are refs and setters: stable for the page's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
