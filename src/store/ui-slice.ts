import type { SliceCreator } from './app-state.ts';

/** The colour scheme: follow the system, or forced. */
export type Theme = 'system' | 'light' | 'dark';

/** Settings and run inputs the user types. */
export interface UiSlice {
  theme: Theme;
  /** Text given to the program on /dev/stdin. */
  stdin: string;
  /** Quick-run arguments, one shell-like line. */
  args: string;
  /** Quick-run environment, one NAME=value per line. */
  env: string;
  /** Fake clock and seeded randomness (ZRT). @default true */
  deterministic: boolean;
  /** Record every system call. @default true */
  trace: boolean;
  setTheme(theme: Theme): void;
  setStdin(stdin: string): void;
  setArgs(args: string): void;
  setEnv(env: string): void;
  setDeterministic(on: boolean): void;
  setTrace(on: boolean): void;
}

/** The ui slice of the store. */
export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  theme: 'system',
  stdin: '',
  args: '',
  env: '',
  deterministic: true,
  trace: true,
  setTheme: (theme) => set({ theme }),
  setStdin: (stdin) => set({ stdin }),
  setArgs: (args) => set({ args }),
  setEnv: (env) => set({ env }),
  setDeterministic: (deterministic) => set({ deterministic }),
  setTrace: (trace) => set({ trace }),
});
