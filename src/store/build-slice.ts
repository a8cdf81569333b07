import type { Diagnostic } from '../engine/diagnostics.ts';
import type { CompilerDiagnostic, OptLevel, ToolchainProgress } from '../toolchains/types.ts';
import type { SliceCreator } from './app-state.ts';

/** A compile in progress or the last one. */
export interface BuildState {
  status: 'idle' | 'building';
  /** What is or was compiled: "main.c -> main.wasm". */
  label: string | null;
  /** Toolchain download progress while it loads (null once it is ready or came from the cache). */
  progress: ToolchainProgress | null;
  /** The last compile's messages as editor markers, by project path. */
  diagnostics: Record<string, Diagnostic[]>;
  /** The last compile's messages as the compiler gave them (the console lists them, each a link). */
  messages: CompilerDiagnostic[];
}

/** Compiling: its state and the optimisation level the user chose. */
export interface BuildSlice {
  build: BuildState;
  /** Clang optimisation level for C and C++. @default 'O2' */
  optimize: OptLevel;
  /** For each built .wasm: keys of the inputs it was built from and of its bytes (Run rebuilds when they differ). */
  builtFrom: Record<string, BuiltRecord>;
  recordBuild(output: string, record: BuiltRecord): void;
  /** Forgets every build record (another project was opened). */
  forgetBuilds(): void;
  setOptimize(level: OptLevel): void;
  /** Marks a compile as started (its old markers stay until it finishes). */
  startBuild(label: string): void;
  setBuildProgress(progress: ToolchainProgress | null): void;
  /** Ends the compile, replacing its markers and messages. */
  finishBuild(messages: CompilerDiagnostic[]): void;
}

/** What a .wasm in the project was built from. */
export interface BuiltRecord {
  inputs: string;
  wasm: string;
}

/** Nothing compiled yet. */
export const initialBuild: BuildState = {
  status: 'idle',
  label: null,
  progress: null,
  diagnostics: {},
  messages: [],
};

/** The build slice of the store. */
export const createBuildSlice: SliceCreator<BuildSlice> = (set, get) => ({
  build: initialBuild,
  optimize: 'O2',
  builtFrom: {},
  recordBuild: (output, record) => set({ builtFrom: { ...get().builtFrom, [output]: record } }),
  forgetBuilds: () => set({ builtFrom: {}, build: initialBuild }),
  setOptimize: (optimize) => set({ optimize }),
  startBuild: (label) => set({ build: { ...get().build, status: 'building', label, progress: null } }),
  setBuildProgress: (progress) => set({ build: { ...get().build, progress } }),
  finishBuild: (messages) =>
    set({
      build: { ...get().build, status: 'idle', progress: null, messages, diagnostics: markersOf(messages) },
    }),
});

/** Compiler messages as editor markers by file (a note shows as a warning, saying it is a note). */
export function markersOf(messages: readonly CompilerDiagnostic[]): Record<string, Diagnostic[]> {
  const out: Record<string, Diagnostic[]> = {};
  for (const m of messages) {
    if (m.file === undefined || m.line < 1) continue;
    const column = Math.max(1, m.column);
    (out[m.file] ??= []).push({
      line: m.line,
      column,
      endColumn: column + 1,
      severity: m.severity === 'error' ? 'error' : 'warning',
      message: m.severity === 'note' ? `note: ${m.message}` : m.message,
    });
  }
  return out;
}
