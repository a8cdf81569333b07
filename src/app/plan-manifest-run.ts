import type { Diagnostic } from '../engine/diagnostics.ts';
import { parseManifest } from '../engine/manifest/parse-manifest.ts';
import type { Manifest } from '../engine/manifest/types.ts';
import { parseNvram } from '../engine/nvram/parse-nvram.ts';
import type { Nvram } from '../engine/nvram/types.ts';
import { normalizeProjectPath } from '../engine/run/project-files.ts';
import { runtimeOf } from '../toolchains/python.ts';
import { filesBeneath, joinPath, parentOf } from '../store/paths.ts';
import { blocked } from './run-plan.ts';
import type { RunPlan } from './run-plan.ts';

const decoder = new TextDecoder();

/** Plans a run of the manifest at `path`: parsed, its Program found, its nvram read; paths relative to its folder. */
export function planManifestRun(files: Record<string, Uint8Array>, path: string, stdin: Uint8Array): RunPlan {
  const text = decoder.decode(files[path]);
  const { manifest, diagnostics } = parseManifest(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return blocked(errorsReason(path, errors), { [path]: diagnostics });
  if (!manifest) return blocked(`${path} could not be read as a manifest`, { [path]: diagnostics });
  const workdir = parentOf(path);
  const program = findProgram(files, workdir, manifest.program);
  if (!program.ok) {
    return blocked(program.reason, {
      [path]: [...diagnostics, lineDiagnostic(text, /^\s*Program\s*=/, program.reason)],
    });
  }
  const engineFiles = filesBeneath(files, workdir);
  const nvram = readNvram(manifest, engineFiles, workdir);
  if (!nvram.ok) return blocked(nvram.reason, nvram.diagnostics);
  const bytes = program.runtime ? NO_BYTES : files[program.path]!;
  return {
    kind: 'run',
    request: { manifest, nvram: nvram.nvram, program: bytes, files: engineFiles, stdin },
    label: path,
    mode: 'manifest',
    workdir,
    ...(program.runtime ? { runtime: program.runtime } : {}),
  };
}

// A runtime's bytes are loaded (and cached) by whoever runs the plan.
const NO_BYTES = new Uint8Array(0);

type Found = { ok: true; path: string; runtime?: 'python' } | { ok: false; reason: string };

/** The project path of the manifest's Program: relative to the manifest's folder, then the project root. */
function findProgram(files: Record<string, Uint8Array>, workdir: string, program: string): Found {
  const runtime = runtimeOf(program);
  if (runtime) return { ok: true, path: program, runtime };
  if (/^[a-z]+:/i.test(program)) {
    return {
      ok: false,
      reason: `Program = ${program}: the built-in runtime here is runtime:python; otherwise name a .wasm file`,
    };
  }
  if (!program.toLowerCase().endsWith('.wasm')) {
    return {
      ok: false,
      reason: `Program = ${program}: the program must be a .wasm file of the project (build it first)`,
    };
  }
  const candidates = program.startsWith('/')
    ? [normalizeProjectPath(program)]
    : [normalizeProjectPath(joinPath(workdir, program)), normalizeProjectPath(program)];
  const path = candidates.find((c) => c !== undefined && c !== '' && Object.hasOwn(files, c));
  if (path !== undefined) return { ok: true, path };
  const where = workdir === '' || program.startsWith('/') ? '' : ` (looked in ${workdir}/ and at the top)`;
  return { ok: false, reason: `Program = ${program}, but the project has no such file${where}` };
}

type NvramRead =
  | { ok: true; nvram: Nvram | undefined }
  | { ok: false; reason: string; diagnostics: Record<string, Diagnostic[]> };

/** The nvram behind the manifest's /dev/nvram channel, if any, parsed; errors block the run. */
function readNvram(manifest: Manifest, files: Map<string, Uint8Array>, workdir: string): NvramRead {
  const channel = manifest.channels.find((c) => c.alias === '/dev/nvram');
  if (!channel) return { ok: true, nvram: undefined };
  const path = normalizeProjectPath(channel.uri);
  const data = path === undefined ? undefined : files.get(path);
  if (path === undefined || data === undefined) {
    const reason = `the /dev/nvram channel reads ${channel.uri}, which is not in ${workdir === '' ? 'the project' : `${workdir}/`}`;
    return { ok: false, reason, diagnostics: {} };
  }
  const { nvram, diagnostics } = parseNvram(decoder.decode(data));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return { ok: true, nvram };
  const projectPath = joinPath(workdir, path);
  return {
    ok: false,
    reason: errorsReason(projectPath, errors),
    diagnostics: { [projectPath]: diagnostics },
  };
}

/** "hello.manifest has 2 errors; the first, on line 3: ..." */
function errorsReason(path: string, errors: Diagnostic[]): string {
  const first = errors[0]!;
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  return `${path} has ${count}; the first, on line ${first.line}: ${first.message}`;
}

/** An error marker on the first line matching `pattern` (line 1 when none does). */
function lineDiagnostic(text: string, pattern: RegExp, message: string): Diagnostic {
  const lines = text.split(/\r?\n/);
  const index = Math.max(
    0,
    lines.findIndex((l) => pattern.test(l)),
  );
  return {
    line: index + 1,
    column: 1,
    endColumn: (lines[index]?.length ?? 0) + 1,
    severity: 'error',
    message,
  };
}
