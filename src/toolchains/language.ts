import type { CompileUnit, CompiledLanguage, Language } from './types.ts';

const BY_EXTENSION: Record<string, Language> = {
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
  wat: 'wat',
  py: 'python',
  wasm: 'wasm',
};

const HEADERS = new Set(['h', 'hpp', 'hh', 'hxx']);

/** The language of a project file, by its extension (case-insensitive). */
export function languageOf(path: string): Language | undefined {
  return BY_EXTENSION[extensionOf(path)];
}

/** True for C and C++ headers (.h, .hpp, .hh, .hxx). */
export function isHeader(path: string): boolean {
  return HEADERS.has(extensionOf(path));
}

/** True when the file is in a language the playground compiles (C, C++ or WAT, headers included). */
export function isCompilable(path: string): boolean {
  const language = languageOf(path);
  return language === 'c' || language === 'cpp' || language === 'wat';
}

/**
 * What compiling `entry` means. The rule is per folder (subfolders are not included):
 * - a `.c` file: every `.c` file in its folder;
 * - a `.cc`/`.cpp`/`.cxx` file: every C++ source in its folder (C files in a C++ folder are left out);
 * - a header: its folder's C sources if there are any, else its C++ sources (`.hpp`/`.hh`/`.hxx`:
 *   C++ sources only), and nothing when the folder has no sources;
 * - a `.wat` file: just itself.
 * The output is `STEM.wasm` beside the entry, STEM being the entry's stem for a source, and for a header
 * the stem of `main.*` among the sources, else of the first source in sorted order.
 */
export function compileUnitFor(files: Record<string, unknown>, entry: string): CompileUnit | undefined {
  const language = languageOf(entry);
  if (language === 'wat') return { language, sources: [entry], output: wasmBeside(entry, entry) };
  if (language !== 'c' && language !== 'cpp') return undefined;
  const folder = folderOf(entry);
  const siblings = Object.keys(files)
    .filter((path) => folderOf(path) === folder && !isHeader(path))
    .sort();
  const sourcesIn = (wanted: CompiledLanguage): string[] =>
    siblings.filter((path) => languageOf(path) === wanted);
  if (!isHeader(entry)) {
    const sources = sourcesIn(language);
    if (!sources.includes(entry)) sources.push(entry);
    return { language, sources: sources.sort(), output: wasmBeside(entry, entry) };
  }
  const order: CompiledLanguage[] = extensionOf(entry) === 'h' ? ['c', 'cpp'] : ['cpp'];
  for (const wanted of order) {
    const sources = sourcesIn(wanted);
    if (sources.length === 0) continue;
    const named = sources.find((path) => stemOf(path) === 'main') ?? sources[0]!;
    return { language: wanted, sources, output: wasmBeside(entry, named) };
  }
  return undefined;
}

/** `folder/STEM.wasm`, folder taken from `beside` and STEM from `named`. */
function wasmBeside(beside: string, named: string): string {
  const folder = folderOf(beside);
  return `${folder === '' ? '' : `${folder}/`}${stemOf(named)}.wasm`;
}

function folderOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
}

function stemOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}
