import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { treePathOf } from '../toolchains/clang/file-tree.ts';
import { compile } from '../toolchains/compile.ts';
import { isHeader, languageOf } from '../toolchains/language.ts';
import type { CompiledLanguage, OptLevel } from '../toolchains/types.ts';
import { readBinary } from './commands.ts';
import { UsageError } from './parse-flags.ts';

/**
 * `zvm compile SRC... [-o OUT.wasm] [-O0|-O2] [-- CLANG_FLAGS]`: compiles the sources (all C, all C++, or one
 * WAT file) with the headers of their folders; prints the compiler's log; exit 1 when the compile fails.
 */
export async function compileCommand(argv: string[]): Promise<number> {
  const { sources, output, optimize, extraFlags } = compileArgs(argv);
  const language = sourcesLanguage(sources);
  if (language === 'wat' && (sources.length > 1 || extraFlags.length > 0))
    throw new UsageError('WAT compiles one file at a time, and the flags after -- are for clang');
  const project = compileProject(sources, language !== 'wat');
  const result = await compile({
    language,
    files: project.files,
    sources: project.sources,
    optimize,
    extraFlags,
  });
  process.stderr.write(relocateLog(result.log, project.shown));
  if (!result.ok || !result.wasm) return 1;
  const first = sources[0]!;
  const target = output ?? join(dirname(first), `${basename(first).replace(/\.[^.]*$/, '')}.wasm`);
  try {
    writeFileSync(target, result.wasm);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? error;
    process.stderr.write(`zvm compile: cannot write ${target}: ${code}\n`);
    return 1;
  }
  return 0;
}

/**
 * The sources (and, with `headers`, the headers beside them) as project files. Paths are relative to the
 * current folder when every source is beneath it, so messages name files as the user did; `shown` maps
 * the compiler's paths back to paths from the current folder for the other case.
 */
function compileProject(
  sources: string[],
  headers: boolean,
): { files: Record<string, Uint8Array>; sources: string[]; shown: Map<string, string> } {
  const hosts = sources.map((path) => resolve(path));
  const folders = [...new Set(hosts.map((path) => dirname(path)))];
  const cwd = process.cwd();
  const base = hosts.every((path) => isInside(cwd, path)) ? cwd : commonFolder(folders);
  const projectPath = (host: string): string => relative(base, host).split(sep).join('/');
  const files: Record<string, Uint8Array> = {};
  hosts.forEach((host, i) => (files[projectPath(host)] = readBinary(host, sources[i]!)));
  for (const folder of headers ? folders : [])
    for (const entry of readdirSync(folder, { withFileTypes: true }))
      if (entry.isFile() && isHeader(entry.name))
        files[projectPath(join(folder, entry.name))] ??= readFileSync(join(folder, entry.name));
  const shown = new Map(
    Object.keys(files).map((path) => [treePathOf(path), relative(cwd, resolve(base, path))]),
  );
  return { files, sources: hosts.map(projectPath), shown };
}

function compileArgs(argv: string[]): {
  sources: string[];
  output?: string;
  optimize?: OptLevel;
  extraFlags: string[];
} {
  const parsed: ReturnType<typeof compileArgs> = { sources: [], extraFlags: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.extraFlags = argv.slice(i + 1);
      break;
    }
    if (arg === '-o') parsed.output = argv[++i] ?? usage('-o needs a file name');
    else if (arg.startsWith('-o')) parsed.output = arg.slice(2);
    else if (arg === '-O0' || arg === '-O2') parsed.optimize = arg === '-O0' ? 'O0' : 'O2';
    else if (arg.startsWith('-') && arg !== '-') usage(`unknown option ${arg} (clang flags go after --)`);
    else parsed.sources.push(arg);
  }
  if (parsed.sources.length === 0)
    usage('usage: zvm compile SRC.(c|cc|cpp|wat)... [-o OUT.wasm] [-O0|-O2] [-- CLANG_FLAGS]');
  return parsed;
}

/** The one language of the sources, or a UsageError. */
function sourcesLanguage(sources: string[]): CompiledLanguage {
  const languages = new Set(
    sources.map((path) => {
      const language = languageOf(path);
      if (isHeader(path) || (language !== 'c' && language !== 'cpp' && language !== 'wat'))
        return usage(`${path} is not a C, C++ or WAT source`);
      return language;
    }),
  );
  const [language, ...others] = languages;
  if (others.length > 0) usage('the sources must all be in one language');
  return language!;
}

/** The compiler's log with its project paths (`main.c:3:5:`) written as paths from the current folder. */
function relocateLog(log: string, shown: Map<string, string>): string {
  return log.replace(
    /^((?:In file included from | +from )?)([^:\n]+)(?=:\d)/gm,
    (whole, lead: string, path: string) => {
      const host = shown.get(treePathOf(path));
      return host === undefined ? whole : lead + host;
    },
  );
}

function isInside(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

function commonFolder(folders: string[]): string {
  let common = folders[0]!;
  while (!folders.every((folder) => folder === common || isInside(common, folder))) common = dirname(common);
  return common;
}

function usage(message: string): never {
  throw new UsageError(message);
}
