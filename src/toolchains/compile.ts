import { buildPreludes, compileWithClang } from './clang/compile-clang.ts';
import type { PreludeHeaders } from './clang/prelude-pch.ts';
import { loadClang } from './clang/load-clang.ts';
import type { CompileRequest, CompileResult, CompiledLanguage, ToolchainProgress } from './types.ts';
import { compileWithWabt } from './wat/compile-wat.ts';
import { loadWabt } from './wat/load-wabt.ts';

/** Options of {@link compile} and {@link preloadToolchain}. */
export interface CompileOptions {
  /** Download progress while the toolchain loads (the first time only). */
  onProgress?(progress: ToolchainProgress): void;
  /** Precompiled headers a long-lived compiler keeps (C++ programs that include <iostream> use them). */
  preludes?: PreludeHeaders;
}

/**
 * Compiles a request to a wasm32-wasi module. Mistakes in the sources come back as `ok: false` with
 * diagnostics and the log; it throws only when the toolchain itself fails (it could not be loaded, or crashed).
 */
export async function compile(request: CompileRequest, options: CompileOptions = {}): Promise<CompileResult> {
  const missing = request.sources.filter((path) => request.files[path] === undefined);
  if (request.sources.length === 0 || missing.length > 0) {
    const message =
      missing.length > 0 ? `not in the project: ${missing.join(', ')}` : 'there is nothing to compile';
    return {
      ok: false,
      diagnostics: [{ line: 0, column: 0, severity: 'error', message }],
      log: `${message}\n`,
    };
  }
  if (request.language === 'wat') return compileWithWabt(request, await loadWabt());
  return compileWithClang(request, await loadClang(options.onProgress), options.preludes);
}

/** Loads the toolchain for `language` ahead of the first compile (showing its download progress). */
export async function preloadToolchain(
  language: CompiledLanguage,
  onProgress?: (progress: ToolchainProgress) => void,
): Promise<void> {
  if (language === 'wat') await loadWabt();
  else await loadClang(onProgress);
}

/** Builds the precompiled headers that earlier compiles asked for (call between compiles). */
export async function buildWantedPreludes(preludes: PreludeHeaders): Promise<void> {
  if (preludes.pending) await buildPreludes(preludes, await loadClang());
}
