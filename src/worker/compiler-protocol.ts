import type {
  CompileRequest,
  CompileResult,
  CompiledLanguage,
  ToolchainProgress,
} from '../toolchains/types.ts';

/** Page -> compiler worker: compile, or only fetch a toolchain ahead of time. */
export type HostToCompiler =
  | { type: 'compile'; id: number; request: CompileRequest }
  | { type: 'preload'; id: number; language: CompiledLanguage };

/** Compiler worker -> page: download progress, then exactly one of compiled / loaded / failed per id. */
export type CompilerToHost =
  | { type: 'progress'; id: number; progress: ToolchainProgress }
  | { type: 'compiled'; id: number; result: CompileResult; ms: number }
  | { type: 'loaded'; id: number }
  | { type: 'failed'; id: number; message: string };
