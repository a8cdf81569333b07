import type { ITerminal } from '../components/Console/Console.tsx';
import { useAppStore } from '../store/index.ts';
import type { ProjectOrigin } from '../store/index.ts';
import { formatCompilerDiagnostic } from '../toolchains/format-diagnostics.ts';
import { CompilerClient } from '../worker/compiler-client.ts';
import { programKey } from '../worker/program-key.ts';
import { loadPythonRuntime } from '../worker/python-runtime.ts';
import { buildKey, buildTargetFor, compileRequestFor } from './build-target.ts';
import type { BuildTarget } from './build-target.ts';

let sharedCompiler: CompilerClient | undefined;
// One compiler worker for the page's lifetime: clang stays loaded, so later compiles take a fraction of a second.
const compiler = (): CompilerClient => (sharedCompiler ??= new CompilerClient());

const TOOL_NAMES = { c: 'clang', cpp: 'clang++', wat: 'wabt' } as const;

/** How the UI names each toolchain while it loads. */
export const TOOLCHAIN_NAMES = {
  clang: 'the C/C++ compiler',
  wabt: 'the WAT assembler',
  python: 'Python',
} as const;

/**
 * Compiles a target in the compiler worker and puts its .wasm into the project; compiler messages go to the
 * console and the editor markers. Resolves true when an up-to-date .wasm is in the project.
 */
export async function buildProgram(target: BuildTarget, output: ITerminal | null): Promise<boolean> {
  const state = useAppStore.getState();
  const request = compileRequestFor(state.files, target, state.optimize);
  const key = buildKey(request);
  const existing = state.files[target.output];
  const last = state.builtFrom[target.output];
  if (existing !== undefined && last?.inputs === key && last.wasm === programKey(existing)) return true;
  const names = target.sources.join(', ');
  const level = target.language === 'wat' ? '' : `, -${state.optimize}`;
  state.startBuild(`${names} → ${target.output}`);
  output?.notice(`⚙ Compiling ${names} (${TOOL_NAMES[target.language]}${level})…`, 'info');
  let result;
  try {
    result = await compiler().compile(request, (progress) =>
      useAppStore.getState().setBuildProgress(progress),
    );
  } catch (error) {
    useAppStore.getState().finishBuild([]);
    output?.notice(
      `The compiler could not run: ${error instanceof Error ? error.message : String(error)}`,
      'error',
    );
    return false;
  }
  const store = useAppStore.getState();
  store.finishBuild(result.diagnostics);
  if (result.log.trim() !== '')
    output?.write(result.log.endsWith('\n') ? result.log : `${result.log}\n`, 'stderr');
  if (!result.ok || !result.wasm) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    output?.notice(
      `✗ Build failed${first ? `: ${formatCompilerDiagnostic(first)}` : ''}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      'error',
    );
    return false;
  }
  const error = store.writeFile(target.output, result.wasm);
  if (error) {
    output?.notice(`Built, but ${target.output} could not be saved: ${error}`, 'error');
    return false;
  }
  store.recordBuild(target.output, { inputs: key, wasm: programKey(result.wasm) });
  const kb = (result.wasm.length / 1024).toFixed(1);
  output?.notice(`✓ Built ${target.output} (${kb} KB) in ${Math.round(result.ms)} ms`, 'ok');
  return true;
}

/**
 * Takes each .wasm that came with a project (an example, the user's own autosaved work) as built from the
 * sources beside it, so Run uses it until those sources change, instead of downloading the compiler to
 * rebuild the same thing. A project from someone else (a link, a .zapp, or a recent project that may have
 * been one) is not trusted: its binary need not match the code on screen, so Run rebuilds it first.
 */
export function trustShippedPrograms(): void {
  const state = useAppStore.getState();
  if (!TRUSTED_ORIGINS.includes(state.projectMeta.origin)) return;
  for (const path of Object.keys(state.files)) {
    // Only a source with its STEM.wasm beside it can have shipped with its program (headers and manifests
    // lead to the same targets as those sources). Checked first: buildTargetFor looks at every source of
    // the folder, so asking it for each of 2,000 files (a share link may hold that many) takes seconds.
    const dot = path.lastIndexOf('.');
    if (dot <= path.lastIndexOf('/') + 1 || !Object.hasOwn(state.files, `${path.slice(0, dot)}.wasm`))
      continue;
    const target = buildTargetFor(state.files, path);
    const wasm = target && state.files[target.output];
    if (!target || wasm === undefined || Object.hasOwn(state.builtFrom, target.output)) continue;
    const inputs = buildKey(compileRequestFor(state.files, target, state.optimize));
    state.recordBuild(target.output, { inputs, wasm: programKey(wasm) });
  }
}

const TRUSTED_ORIGINS: readonly ProjectOrigin[] = ['example', 'new', 'saved'];

/** The Python runtime's bytes, with its download progress shown like a toolchain's. */
export async function pythonRuntime(output: ITerminal | null): Promise<Uint8Array | null> {
  try {
    return await loadPythonRuntime((progress) => useAppStore.getState().setBuildProgress(progress));
  } catch (error) {
    output?.notice(
      `Python could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      'error',
    );
    return null;
  } finally {
    useAppStore.getState().setBuildProgress(null);
  }
}

/** Stops a compile in progress (the warm compiler is lost; the next compile starts a new one). */
export function cancelBuild(): void {
  sharedCompiler?.cancel('the compile was stopped');
}
