import type { Diagnostic } from '../engine/diagnostics.ts';
import type { ExitState, RunReport } from '../engine/run/report.ts';
import type { SliceCreator } from './app-state.ts';
import { joinPath } from './paths.ts';
import { keptPreview, noRunChanges } from './run-changes.ts';

/** The outcome of the last run in a few fields, for the toolbar and status line. */
export interface RunSummary {
  state: ExitState;
  exitCode: number | null;
  message: string;
  wallMs: number;
}

/** Why Run did not start (bad manifest, nothing to run), with editor diagnostics by project path. */
export interface RunBlocked {
  reason: string;
  diagnostics: Record<string, Diagnostic[]>;
}

/** What a quick run generated (shown, and can be kept as project files). */
export interface GeneratedConfig {
  manifestText: string;
  nvramText: string;
}

/**
 * Where the running program's stdin comes from: the Stdin box, then end of input ('batch'); typing into the
 * console ('live'); or typing that Ctrl-D has ended ('ended').
 */
export type RunInputMode = 'batch' | 'live' | 'ended';

/** The run in progress or the last one. */
export interface RunState {
  status: 'idle' | 'running';
  /** What is or was run: "hello.manifest", "greet.wasm (quick run)". */
  label: string | null;
  result: RunSummary | null;
  /** The full report of the last finished run (Report and Trace panels). */
  report: RunReport | null;
  blocked: RunBlocked | null;
  generated: GeneratedConfig | null;
  /** Where the running program's stdin comes from ('batch' when nothing runs). */
  input: RunInputMode;
  /** The running program is blocked reading typed input. */
  waitingForInput: boolean;
}

/** What startRun is told about the run. */
export interface RunStart {
  label?: string;
  generated?: GeneratedConfig;
}

/** Run status and results, and the actions that move them. */
export interface RunSlice {
  run: RunState;
  /** Marks a run as started; clears the last result, block and run changes (badges, before-bytes). */
  startRun(start?: RunStart): void;
  /** Records the report and applies its file changes to the project (engine paths are relative to `workdir`). */
  finishRun(report: RunReport, workdir?: string): void;
  /** Records why Run could not start. */
  blockRun(reason: string, diagnostics?: Record<string, Diagnostic[]>): void;
  /** Shows a report already applied elsewhere (a job node's) in the Report and Trace views. */
  showReport(report: RunReport, label: string): void;
  /** Says where the program that starts now reads its stdin (live typing ends its waiting). */
  setRunInput(input: RunInputMode): void;
  /** The running program started or stopped waiting for typed input. */
  setInputWaiting(waiting: boolean): void;
}

/** Nothing has run yet. */
export const initialRun: RunState = {
  status: 'idle',
  label: null,
  result: null,
  report: null,
  blocked: null,
  generated: null,
  input: 'batch',
  waitingForInput: false,
};

/** The run slice of the store. */
export const createRunSlice: SliceCreator<RunSlice> = (set, get) => ({
  run: initialRun,
  startRun: (start = {}) =>
    set({
      run: {
        ...initialRun,
        status: 'running',
        label: start.label ?? null,
        generated: start.generated ?? null,
      },
      ...noRunChanges,
      previewPath: keptPreview(get().files, get().previewPath),
    }),
  finishRun: (report, workdir = '') => {
    const { state, exitCode, message, wallMs } = report;
    get().applyRunChanges(report.changes.map((c) => ({ ...c, path: joinPath(workdir, c.path) })));
    set({
      run: {
        ...get().run,
        status: 'idle',
        result: { state, exitCode, message, wallMs },
        report,
        input: 'batch',
        waitingForInput: false,
      },
    });
  },
  blockRun: (reason, diagnostics = {}) => set({ run: { ...initialRun, blocked: { reason, diagnostics } } }),
  showReport: (report, label) => {
    const { state, exitCode, message, wallMs } = report;
    set({ run: { ...initialRun, label, result: { state, exitCode, message, wallMs }, report } });
  },
  setRunInput: (input) => {
    if (get().run.status === 'running') set({ run: { ...get().run, input, waitingForInput: false } });
  },
  setInputWaiting: (waiting) => {
    const { run } = get();
    if (run.status !== 'running' || run.input !== 'live' || run.waitingForInput === waiting) return;
    set({ run: { ...run, waitingForInput: waiting } });
  },
});
