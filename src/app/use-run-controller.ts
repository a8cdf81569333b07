import { useMemo } from 'react';
import type { RefObject } from 'react';
import type { MeterChannel, MetersHandle } from '../components/ChannelMeters/ChannelMeters.tsx';
import { meterChannels } from '../components/ChannelMeters/ChannelMeters.tsx';
import type { ConsoleHandle, ConsoleInput } from '../components/Console/Console.tsx';
import type { ExitState, RunReport } from '../engine/run/report.ts';
import { useAppStore } from '../store/index.ts';
import type { BuildState, RunState } from '../store/index.ts';
import { TOOLCHAIN_NAMES, buildProgram, cancelBuild, pythonRuntime } from './build-runner.ts';
import { buildTargetFor } from './build-target.ts';
import { compareRuns } from './compare-runs.ts';
import { sandboxClient } from './sandbox.ts';
import { isJobFile, runJobFile } from './job-runner.ts';
import type { RunComparison } from './compare-runs.ts';
import { planRun } from './plan-run.ts';
import type { PlannedRun } from './plan-run.ts';

const client = sandboxClient;

const GOOD: readonly ExitState[] = ['ok', 'exit'];
const encoder = new TextEncoder();

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

    const busy = (): boolean => {
      const state = useAppStore.getState();
      return state.run.status === 'running' || state.build.status === 'building';
    };

    /**
     * Compiles what changed (a source file's program, or the source behind the manifest's Program), then
     * plans with the built .wasm open in place of its source; null when the build failed.
     */
    const buildFirst = async (): Promise<string | null | undefined> => {
      const { files, activeFile } = useAppStore.getState();
      const target = buildTargetFor(files, activeFile);
      if (!target) return activeFile;
      if (!(await buildProgram(target, consoleRef.current))) {
        useAppStore.getState().blockRun(`the build of ${target.output} failed; see the Output`);
        return undefined;
      }
      return activeFile?.endsWith('.manifest') ? activeFile : target.output;
    };

    /** Plans a run (building first), or says why not; on success the UI is set up for it. */
    const begin = async (): Promise<PlannedRun | null> => {
      if (busy()) return null;
      consoleRef.current?.clear();
      const activeFile = await buildFirst();
      if (activeFile === undefined) return null;
      const state = useAppStore.getState();
      const planned = planRun(
        { files: state.files, activeFile },
        { stdin: state.stdin, args: state.args, env: state.env },
      );
      const plan = planned.kind === 'run' && planned.runtime ? await withRuntime(planned) : planned;
      if (plan === null) return null;
      if (plan.kind === 'blocked') {
        state.blockRun(plan.reason, plan.diagnostics);
        consoleRef.current?.notice(`Not run: ${plan.reason}`, 'error');
        return null;
      }
      sinks.onComparison(null);
      sinks.onMeterChannels(meterChannels(plan.request.manifest.channels));
      state.startRun({ label: plan.label, generated: plan.generated });
      return plan;
    };

    /** The plan with its runtime image's bytes (downloaded once, then cached). */
    const withRuntime = async (plan: PlannedRun): Promise<PlannedRun | null> => {
      const bytes = await pythonRuntime(consoleRef.current);
      if (bytes === null) {
        useAppStore.getState().blockRun('the Python runtime could not be loaded');
        return null;
      }
      return { ...plan, request: { ...plan.request, program: bytes } };
    };

    /** Build (Ctrl/Cmd+B): compiles the open file's program into the project, without running it. */
    const build = async (): Promise<void> => {
      if (busy()) return;
      const { files, activeFile } = useAppStore.getState();
      const target = buildTargetFor(files, activeFile);
      if (!target) {
        consoleRef.current?.notice(
          'Nothing to build: open a .c, .cpp or .wat file (or its manifest)',
          'error',
        );
        return;
      }
      consoleRef.current?.clear();
      const before = useAppStore.getState().files[target.output];
      if (
        (await buildProgram(target, consoleRef.current)) &&
        useAppStore.getState().files[target.output] === before
      )
        consoleRef.current?.notice(`${target.output} is up to date`, 'ok');
    };

    /**
     * One run. With the Stdin box empty the program reads what is typed into the console (outside lessons,
     * which keep ZeroVM's batch stdin); `replay` is input typed in an earlier run, given as batch stdin.
     */
    const once = async (plan: PlannedRun, note: string, replay?: Uint8Array): Promise<RunReport> => {
      const state = useAppStore.getState();
      const stdin = replay ?? plan.request.stdin;
      const liveStdin = replay === undefined && stdin.length === 0 && state.openLesson === null;
      state.setRunInput(liveStdin && client().liveInput ? 'live' : 'batch');
      consoleRef.current?.notice(`▶ ${note}`, 'info');
      metersRef.current?.reset();
      const report = await client().run(
        { ...plan.request, stdin, liveStdin, deterministic: state.deterministic, trace: state.trace },
        {
          onOutput: (stream, bytes) => consoleRef.current?.write(bytes, stream),
          onCounters: (counters) => metersRef.current?.update(counters),
          onInputWaiting: (waiting) => useAppStore.getState().setInputWaiting(waiting),
        },
      );
      if (liveStdin && !client().liveInput) noteTypingUnavailable(report);
      return report;
    };

    let typingNoted = false;
    /** Once per page: a program read stdin with the box empty, and typing needs a cross-origin isolated page. */
    const noteTypingUnavailable = (report: RunReport): void => {
      const stdin = report.channels.find((c) => c.alias === '/dev/stdin');
      if (typingNoted || !stdin || stdin.reads === 0) return;
      typingNoted = true;
      consoleRef.current?.notice(
        'The program read stdin and got end of input: typing into a running program needs a cross-origin ' +
          'isolated page (served with COOP/COEP headers). Put its input in the Stdin box instead.',
        'info',
      );
    };

    const finish = (plan: PlannedRun, report: RunReport): void => {
      useAppStore.getState().finishRun(report, plan.workdir);
      consoleRef.current?.notice(report.message, GOOD.includes(report.state) ? 'ok' : 'error');
      // A capped console redraws its head, left-out line and tail now, not at its next throttled redraw.
      consoleRef.current?.settle();
    };

    let jobStop: AbortController | null = null;
    /** Runs the open job file (a ZeroCloud system map) instead of one sandbox. */
    const runJob = async (path: string): Promise<void> => {
      consoleRef.current?.clear();
      sinks.onComparison(null);
      jobStop = new AbortController();
      try {
        await runJobFile(path, consoleRef.current, jobStop.signal);
      } finally {
        jobStop = null;
        consoleRef.current?.settle();
      }
    };

    const run = async (): Promise<void> => {
      const { files, activeFile, job } = useAppStore.getState();
      if (busy() || job.status === 'running') return;
      if (activeFile !== null && isJobFile(activeFile, files[activeFile])) return runJob(activeFile);
      if (job.path !== null) useAppStore.getState().clearJob();
      const plan = await begin();
      if (plan) finish(plan, await once(plan, plan.label));
    };

    // Both runs get the same request, and the first run's files are not applied in between, so any
    // difference comes from the program itself (its clock and randomness), not from changed inputs.
    const compare = async (): Promise<void> => {
      const plan = await begin();
      if (!plan) return;
      const first = await once(plan, `${plan.label} (run 1 of 2)`);
      if (first.state === 'killed') return finish(plan, first);
      // What was typed in run 1 is run 2's stdin, as a batch: the same bytes, without typing them again.
      const replay = first.typedInput;
      if (replay)
        consoleRef.current?.notice(
          `Run 2 reads the input typed in run 1 (${plural(replay.length, 'byte')}).`,
        );
      const second = await once(plan, `${plan.label} (run 2 of 2)`, replay);
      finish(plan, second);
      const comparison = compareRuns(first, second, { replayedInput: replay !== undefined });
      sinks.onComparison(comparison);
      consoleRef.current?.notice(
        comparison.identical ? 'Both runs were identical.' : 'The two runs differed: see the Report.',
        comparison.identical ? 'ok' : 'error',
      );
      consoleRef.current?.settle();
    };

    const stop = (): void => {
      if (useAppStore.getState().build.status === 'building') cancelBuild();
      jobStop?.abort();
      client().stop();
    };

    /** Typing into the running program from the console (Enter, Ctrl-D, Ctrl-C). */
    const typed = {
      onText: (text: string) => void client().input(encoder.encode(text)),
      onEnd: () => {
        client().endInput();
        useAppStore.getState().setRunInput('ended');
      },
      onInterrupt: stop,
    };

    return {
      run: () => void run(),
      compare: () => void compare(),
      build: () => void build(),
      stop,
      /** The console's typed-input props for this run state; null when the program does not read typing. */
      consoleInput: (run: RunState): ConsoleInput | null =>
        run.status === 'running' && run.input !== 'batch'
          ? { state: run.input, waiting: run.waitingForInput, ...typed }
          : null,
      status: (run: RunState, build: BuildState): RunStatus => {
        if (build.progress)
          return { tone: 'running', text: `Loading ${TOOLCHAIN_NAMES[build.progress.toolchain]}…` };
        if (build.status === 'building') return { tone: 'running', text: `Compiling ${build.label ?? ''}…` };
        if (run.status === 'running') return { tone: 'running', text: `Running ${run.label ?? ''}…` };
        const { job } = useAppStore.getState();
        if (job.status === 'running') return { tone: 'running', text: `Running the job ${job.path ?? ''}…` };
        if (job.report && !run.blocked) {
          return { tone: job.report.state === 'done' ? 'ok' : 'error', text: job.report.summary };
        }
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

/** "1 byte", "12 bytes". */
function plural(n: number, unit: string): string {
  return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
}
