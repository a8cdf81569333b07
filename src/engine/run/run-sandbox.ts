import { prepareModule } from '../module/prepare-module.ts';
import type { Manifest } from '../manifest/types.ts';
import { parseNvram } from '../nvram/parse-nvram.ts';
import type { Nvram } from '../nvram/types.ts';
import { DeterministicClock, RealClock } from '../wasi/clock.ts';
import type { StdioStreams } from '../stream/stdio-streams.ts';
import type { Channel } from '../wasi/channel.ts';
import { WasiHost } from '../wasi/wasi-host.ts';
import type { StartOutcome } from '../wasi/wasi-host.ts';
import { SandboxRefusal, buildSandbox, countersLength } from './build-sandbox.ts';
import type { ChannelStorageFactory } from './build-sandbox.ts';
import { applyMounts, finishMounts } from './mounts.ts';
import { folderMountAliases, nvramFile } from './nvram-file.ts';
import { normalizeProjectPath } from './project-files.ts';
import type { ProjectFiles } from './project-files.ts';
import { channelReports, describeOutcome } from './describe-outcome.ts';
import type { FileChange, RunReport } from './report.ts';

/** Everything one sandbox run needs. */
export interface RunRequest {
  manifest: Manifest;
  /** The wasm32-wasi module the manifest's Program names. */
  program: Uint8Array;
  /** The same program already checked and compiled for this Memory (see prepareProgram), to start faster. */
  prepared?: PreparedProgram;
  /** The project's files: channel URIs and mounted folders are looked up here. */
  files: ProjectFiles;
  /** Bytes behind a `/dev/stdin` URI. */
  stdin?: Uint8Array;
  /** Parsed nvram; when omitted it is read from the channel aliased /dev/nvram, if any. */
  nvram?: Nvram;
  /** Fake clock and seeded randomness (ZRT); default true. */
  deterministic?: boolean;
  /** Record every system call; default false. */
  trace?: boolean;
  /** Per-channel counters (see channel.ts); pass shared memory to watch them live. */
  counters?: Float64Array;
  /** Where channel bytes live; pass shared storage so they survive a killed worker. */
  storage?: ChannelStorageFactory;
  /** Live stdin/stdout/stderr (typed input, the CLI's host streams) in place of `stdin` and collected output. */
  stdio?: StdioStreams;
  /** Streams console output as it is written. */
  onOutput?: (stream: 'stdout' | 'stderr', data: Uint8Array) => void;
}

/** Runs one program in a ZeroVM-style sandbox, synchronously in this thread, and reports what happened. */
export function runSandbox(request: RunRequest): RunReport {
  const started = performance.now();
  const { manifest } = request;
  const deterministic = request.deterministic ?? true;
  const base = { manifest, deterministic, started };
  const counters = request.counters ?? new Float64Array(countersLength(manifest.channels.length));
  let channels: Channel[] = [];
  let argv: string[] = [programName(manifest.program)];
  let env: string[] = [];
  try {
    const module =
      request.prepared?.memoryLimit === manifest.memory
        ? request.prepared.module
        : compileProgram(request.program, manifest.memory);
    const nvram = request.nvram ?? readNvram(manifest, request.files);
    argv = nvram?.args ?? [programName(manifest.program)];
    env = (nvram?.env ?? []).map(([k, v]) => `${k}=${v}`);
    const clock = deterministic ? new DeterministicClock(nvram?.time ?? 0) : new RealClock();
    const onOutput = request.onOutput;
    const sandbox = buildSandbox({
      manifest,
      nvram,
      files: request.files,
      stdin: request.stdin ?? new Uint8Array(0),
      clock,
      counters,
      storage: request.storage,
      stdio: request.stdio,
      preopenRoot: needsFilesystem(manifest, nvram),
      onWrite: onOutput
        ? (index, data) => {
            const host = sandbox.channels[index]?.host;
            if (host === 'stdout' || host === 'stderr') onOutput(host, data);
          }
        : undefined,
    });
    channels = sandbox.channels;
    const exits = applyMounts(sandbox.root, nvram, channels, request.files, clock);
    const host = new WasiHost({
      args: argv,
      env,
      fds: sandbox.fds,
      clock,
      fileSpace: manifest.memory,
      trace: request.trace,
    });
    const instance = instantiate(module, host.imports);
    const outcome: StartOutcome = host.start(instance);
    const memory = instance.exports.memory as WebAssembly.Memory;
    const changes = [
      ...finishMounts(sandbox.root, exits, request.files),
      ...channelFileChanges(channels, nvram),
    ];
    const described = describeOutcome(outcome, channels, counters, memory.buffer.byteLength, manifest.memory);
    return {
      ...described,
      argv,
      env,
      channels: channelReports(channels, counters),
      stdout: consoleBytes(channels, 'stdout'),
      stderr: consoleBytes(channels, 'stderr'),
      changes,
      wallMs: performance.now() - started,
      peakMemoryBytes: memory.buffer.byteLength,
      memoryLimitBytes: manifest.memory,
      deterministic,
      trace: host.trace?.entries,
      traceDropped: host.trace?.dropped,
    };
  } catch (error) {
    if (!(error instanceof SandboxRefusal)) throw error;
    return refusedReport(base, error.message, argv, env, channels, counters);
  }
}

/** A program checked against the sandbox's rules and compiled with its memory capped: reusable across runs. */
export interface PreparedProgram {
  module: WebAssembly.Module;
  memoryLimit: number;
}

/** Checks and compiles a program for a Memory limit, or says why the sandbox refuses it. */
export function prepareProgram(
  bytes: Uint8Array,
  memoryLimit: number,
): { ok: true; program: PreparedProgram } | { ok: false; reason: string } {
  try {
    return { ok: true, program: { module: compileProgram(bytes, memoryLimit), memoryLimit } };
  } catch (error) {
    if (error instanceof SandboxRefusal) return { ok: false, reason: error.message };
    throw error;
  }
}

function compileProgram(bytes: Uint8Array, memoryLimit: number): WebAssembly.Module {
  const prepared = prepareModule(bytes, memoryLimit);
  if (!prepared.ok) throw new SandboxRefusal(prepared.reason);
  return compile(prepared.bytes);
}

function compile(bytes: Uint8Array): WebAssembly.Module {
  try {
    return new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw new SandboxRefusal(`the module is not valid WebAssembly: ${(error as Error).message}`);
  }
}

function instantiate(module: WebAssembly.Module, imports: Record<string, unknown>): WebAssembly.Instance {
  // prepareModule let through only wasi_snapshot_preview1 imports; each must be a call this host has.
  const missing = WebAssembly.Module.imports(module).find((i) => !Object.hasOwn(imports, i.name));
  if (missing) {
    throw new SandboxRefusal(
      `the module imports ${missing.module}.${missing.name} (${missing.kind}), which this sandbox does not provide`,
    );
  }
  try {
    return new WebAssembly.Instance(module, { wasi_snapshot_preview1: imports as WebAssembly.ModuleImports });
  } catch (error) {
    if (error instanceof WebAssembly.LinkError) {
      throw new SandboxRefusal(`the module needs something the sandbox does not offer: ${error.message}`);
    }
    throw error;
  }
}

function readNvram(manifest: Manifest, files: ProjectFiles): Nvram | undefined {
  const file = nvramFile(manifest, files);
  if (!file) return undefined;
  if (!file.data)
    throw new SandboxRefusal(`the /dev/nvram channel reads ${file.uri}, which is not in the project`);
  const { nvram, diagnostics } = parseNvram(new TextDecoder().decode(file.data));
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error) throw new SandboxRefusal(`${file.uri}:${error.line}: ${error.message}`);
  return nvram;
}

/** A guest whose only channels are stdio (and nvram) and who mounts nothing gets no filesystem at all. */
function needsFilesystem(manifest: Manifest, nvram: Nvram | undefined): boolean {
  const plain = ['/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/nvram'];
  return (nvram?.fstab.length ?? 0) > 0 || manifest.channels.some((c) => !plain.includes(c.alias));
}

/** argv[0] when there is no nvram: the program's file name. */
function programName(program: string): string {
  return program.split('/').pop() || program;
}

function channelFileChanges(channels: Channel[], nvram: Nvram | undefined): FileChange[] {
  const changes: FileChange[] = [];
  const mounted = folderMountAliases(nvram);
  for (const c of channels) {
    if (c.host !== 'file' || !c.writable || mounted.has(c.spec.alias)) continue;
    const path = normalizeProjectPath(c.spec.uri);
    if (path !== undefined) changes.push({ path, data: c.data.view().slice() });
  }
  return changes;
}

function consoleBytes(channels: Channel[], host: 'stdout' | 'stderr'): Uint8Array {
  return (
    channels
      .find((c) => c.host === host)
      ?.data.view()
      .slice() ?? new Uint8Array(0)
  );
}

function refusedReport(
  base: { manifest: Manifest; deterministic: boolean; started: number },
  reason: string,
  argv: string[],
  env: string[],
  channels: Channel[],
  counters: Float64Array,
): RunReport {
  return {
    state: 'refused',
    exitCode: null,
    message: `refused: ${reason}`,
    argv,
    env,
    channels: channelReports(channels, counters),
    stdout: new Uint8Array(0),
    stderr: new Uint8Array(0),
    changes: [],
    wallMs: performance.now() - base.started,
    peakMemoryBytes: 0,
    memoryLimitBytes: base.manifest.memory,
    deterministic: base.deterministic,
  };
}
