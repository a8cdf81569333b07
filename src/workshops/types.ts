import type { JobReport } from '../engine/job/job-report.ts';
import type { RunReport } from '../engine/run/report.ts';
import type { CheckJson, FrontMatter, WorkshopJson } from './schema.ts';

/** Project files by project path (relative, `/`-separated), as the app's store holds them. */
export type LessonFiles = Record<string, Uint8Array>;

/** One lesson: its front matter, markdown body, start and solution files, and check. */
export interface Lesson {
  /** Folder name, e.g. `03-quotas`. */
  id: string;
  meta: FrontMatter;
  /** The markdown after the front matter. */
  body: string;
  /** The learner's starting project. */
  start: LessonFiles;
  /** The solution project: start overlaid with `solution/`. */
  solution: LessonFiles;
  /** Only the files `solution/` holds (what "Show solution" diffs). */
  solutionChanges: LessonFiles;
  check: CheckJson;
}

/** A workshop: its workshop.json and its lessons in order. */
export interface Workshop {
  /** Folder name, e.g. `zerovm-101`. */
  id: string;
  title: string;
  description: string;
  lessons: Lesson[];
  /** The raw workshop.json. */
  json: WorkshopJson;
}

/** What Run and Check run for a lesson (or one of its variants). */
export interface RunSetup {
  run: FrontMatter['run'];
  /** Project path of the manifest, the job, or (quick mode) the program: .wasm, .c/.cpp/.wat, .py. */
  runFile: string;
  stdin?: string;
  /** Quick mode's arguments, one string split like nvram `args=`. */
  args?: string;
}

/** A run that never started (the manifest has errors, the program does not compile): why, in plain words. */
export interface BlockedRun {
  blocked: string;
  /** Where it stopped: building the program (a compile error) or planning the run (a bad manifest). */
  stage?: 'build' | 'plan';
}

/** What a LessonRunner gives back. File changes in the reports carry project paths. */
export type LessonRunResult = RunReport | JobReport | BlockedRun;

/** Options of one run. */
export interface LessonRunOptions {
  /** Record every system call (a `trace` requirement needs it). */
  trace: boolean;
}

/**
 * Runs a lesson project: the browser through its workers, Node through the engine in worker threads.
 * Quick mode mounts the project read-only at `/`; manifest and job mode build a missing .wasm Program from
 * the source beside it (greet.wasm from greet.c) first. Reports' `changes` must carry project paths.
 */
export interface LessonRunner {
  run(files: LessonFiles, setup: RunSetup, options: LessonRunOptions): Promise<LessonRunResult>;
}

/** One requirement's verdict, in plain words. */
export interface CheckLine {
  ok: boolean;
  /** What was found, in plain words ("stdout had 3 lines, expected 10"). */
  text: string;
  /** The lesson author's hint, when the requirement failed and has one. */
  hint?: string;
}

/** The outcome of checking a lesson project. */
export interface CheckResult {
  passed: boolean;
  results: CheckLine[];
}
