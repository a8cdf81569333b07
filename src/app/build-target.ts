import { parseManifest } from '../engine/manifest/parse-manifest.ts';
import { normalizeProjectPath } from '../engine/run/project-files.ts';
import { compileUnitFor, languageOf } from '../toolchains/language.ts';
import type { CompileRequest, CompiledLanguage, OptLevel } from '../toolchains/types.ts';
import { programKey } from '../worker/program-key.ts';

/** What Build (or Run, first) compiles: the translation units of one program and where its .wasm goes. */
export interface BuildTarget {
  language: CompiledLanguage;
  /** Project paths of the sources compiled together. */
  sources: string[];
  /** Project path of the .wasm written by the build. */
  output: string;
}

const SOURCE_EXTENSIONS = ['.c', '.cc', '.cpp', '.cxx', '.wat'];
const decoder = new TextDecoder();

/**
 * The program to build for the open file: a source file's own program, or, for a manifest, the source
 * beside its Program (hello.manifest runs hello.wasm, built from hello.c). Undefined when there is none.
 */
export function buildTargetFor(
  files: Record<string, Uint8Array>,
  activeFile: string | null,
): BuildTarget | undefined {
  if (activeFile === null || !Object.hasOwn(files, activeFile)) return undefined;
  const language = languageOf(activeFile);
  if (language === 'c' || language === 'cpp' || language === 'wat')
    return oneMain(files, compileUnitFor(files, activeFile));
  if (!activeFile.endsWith('.manifest')) return undefined;
  const program = parseManifest(decoder.decode(files[activeFile])).manifest?.program;
  const wasm = program === undefined ? undefined : programPath(activeFile, program);
  return wasm === undefined ? undefined : buildTargetForProgram(files, wasm);
}

/** The build that makes the project's `wasm` file from a source beside it with the same name, if any. */
export function buildTargetForProgram(
  files: Record<string, Uint8Array>,
  wasm: string,
): BuildTarget | undefined {
  if (!wasm.toLowerCase().endsWith('.wasm')) return undefined;
  const stem = wasm.slice(0, -'.wasm'.length);
  const source = SOURCE_EXTENSIONS.map((ext) => stem + ext).find((p) => Object.hasOwn(files, p));
  const unit = source === undefined ? undefined : oneMain(files, compileUnitFor(files, source));
  return unit?.output === wasm ? unit : undefined;
}

/**
 * Sources beside each other are compiled together, but only one may define main: of those that do, the one
 * the output is named after is kept (greet.c and main.c side by side are two programs; util.c is a part).
 */
function oneMain(files: Record<string, Uint8Array>, unit: BuildTarget | undefined): BuildTarget | undefined {
  if (unit === undefined || unit.sources.length < 2) return unit;
  const outputStem = stemOf(unit.output);
  const withMain = unit.sources.filter((p) => definesMain(files[p]!));
  if (withMain.length < 2) return unit;
  const keep = withMain.find((p) => stemOf(p) === outputStem) ?? withMain[0]!;
  const drop = new Set(withMain);
  return { ...unit, sources: unit.sources.filter((p) => p === keep || !drop.has(p)) };
}

// A definition of main at the start of a line: `int main(`, `int main (void)`, `void main(`.
const DEFINES_MAIN = /^[ \t]*(?:int|void)[ \t]+main[ \t]*\(/m;

// File contents are never changed in place (an edit stores new bytes), so the answer is kept per array: a
// folder of 1,000 sources would otherwise be decoded 1,000 times over when every program in it is looked at.
const mainCache = new WeakMap<Uint8Array, boolean>();

function definesMain(data: Uint8Array): boolean {
  let found = mainCache.get(data);
  if (found === undefined) {
    found = DEFINES_MAIN.test(decoder.decode(data));
    mainCache.set(data, found);
  }
  return found;
}

function stemOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

/** The compile request for a target: C and C++ see every C-family file of the project (for includes). */
export function compileRequestFor(
  files: Record<string, Uint8Array>,
  target: BuildTarget,
  optimize: OptLevel,
): CompileRequest {
  const visible = Object.entries(files).filter(([path]) =>
    target.language === 'wat' ? target.sources.includes(path) : isCFamily(path),
  );
  return { language: target.language, files: Object.fromEntries(visible), sources: target.sources, optimize };
}

/** A key that changes whenever anything the compile sees changes (cheap: per-array hashes are remembered). */
export function buildKey(request: CompileRequest): string {
  const parts = Object.entries(request.files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, data]) => `${path}=${typeof data === 'string' ? data : programKey(data)}`);
  return JSON.stringify([request.language, request.optimize, request.sources, parts]);
}

function isCFamily(path: string): boolean {
  const language = languageOf(path);
  return language === 'c' || language === 'cpp';
}

/** The project path a manifest's .wasm Program names (relative to the manifest's folder). */
function programPath(manifestPath: string, program: string): string | undefined {
  if (!program.toLowerCase().endsWith('.wasm')) return undefined;
  const slash = manifestPath.lastIndexOf('/');
  const folder = slash < 0 ? '' : manifestPath.slice(0, slash);
  const joined = program.startsWith('/') || folder === '' ? program : `${folder}/${program}`;
  return normalizeProjectPath(joined);
}
