import { Worker } from 'node:worker_threads';
import { channelHost } from '../engine/run/build-sandbox.ts';
import { channelReports } from '../engine/run/describe-outcome.ts';
import { parseNvram } from '../engine/nvram/parse-nvram.ts';
import type { Nvram } from '../engine/nvram/types.ts';
import { isProjectDirectory, normalizeProjectPath } from '../engine/run/project-files.ts';
import type { RunRequest } from '../engine/run/run-sandbox.ts';
import type { FileChange, RunReport } from '../engine/run/report.ts';
import { SharedStorageReader } from '../engine/run/shared-storage.ts';
import { COUNTER_FIELDS } from '../engine/wasi/channel.ts';
import type { ThreadMessage, ThreadRunMessage } from './thread-protocol.ts';

const THREAD_ENTRY = new URL('../../bin/sandbox-thread.mjs', import.meta.url);
const POLL_MS = 15;

/** What a threaded run needs beyond the engine's request. */
export interface ThreadRunOptions {
  /** Streams console bytes as they are written. */
  onOutput?: (stream: 'stdout' | 'stderr', data: Uint8Array) => void;
}

/**
 * Runs the sandbox in a worker thread and terminates it at the manifest's Timeout. Channel bytes live
 * in shared memory, so output written before a kill still reaches the console and the project files.
 */
export async function runInThread(
  request: Omit<RunRequest, 'counters' | 'storage' | 'onOutput'>,
  options: ThreadRunOptions = {},
): Promise<RunReport> {
  const { manifest } = request;
  const count = manifest.channels.length;
  const counters = new SharedArrayBuffer(Math.max(1, count * COUNTER_FIELDS) * 8);
  const lengths = new SharedArrayBuffer(Math.max(1, count) * 8);
  const reader = new SharedStorageReader(new Float64Array(lengths));
  const consoles = manifest.channels
    .map((c, index) => ({ index, host: channelHost(c.uri), sent: 0 }))
    .filter((c) => c.host === 'stdout' || c.host === 'stderr');
  const flush = (): void => {
    for (const c of consoles) {
      const length = reader.length(c.index);
      if (length > c.sent) {
        options.onOutput?.(c.host as 'stdout' | 'stderr', reader.read(c.index, c.sent));
        c.sent = length;
      }
    }
  };

  const worker = new Worker(THREAD_ENTRY);
  let started = performance.now();
  const message: ThreadRunMessage = {
    type: 'run',
    manifest,
    nvram: request.nvram,
    program: request.program,
    files: [...request.files],
    stdin: request.stdin ?? new Uint8Array(0),
    deterministic: request.deterministic ?? true,
    trace: request.trace ?? false,
    counters,
    lengths,
  };
  const poll = setInterval(flush, POLL_MS);
  try {
    const outcome = await new Promise<RunReport | 'timeout'>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      worker.on('message', (m: ThreadMessage) => {
        if (m.type === 'started') {
          started = performance.now();
          timer = setTimeout(() => resolve('timeout'), manifest.timeout * 1000);
        } else if (m.type === 'grow') reader.grew(m.channel, m.buffer);
        else if (m.type === 'done') {
          clearTimeout(timer);
          resolve(m.report);
        } else {
          clearTimeout(timer);
          reject(new Error(m.message));
        }
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      // A thread that dies without a word (killed by V8, say) must not leave zvm waiting forever.
      worker.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the sandbox thread stopped unexpectedly (exit code ${code})`));
      });
      worker.postMessage(message);
    });
    if (outcome !== 'timeout') {
      flush();
      return outcome;
    }
    await worker.terminate();
    flush();
    return killedReport(request, reader, new Float64Array(counters), performance.now() - started);
  } finally {
    clearInterval(poll);
    void worker.terminate();
  }
}

function killedReport(
  request: Omit<RunRequest, 'counters' | 'storage' | 'onOutput'>,
  reader: SharedStorageReader,
  counters: Float64Array,
  wallMs: number,
): RunReport {
  const { manifest } = request;
  const changes: FileChange[] = [];
  const channels = manifest.channels.map((spec, index) => ({ spec, index, etag: () => undefined }));
  const nvram = request.nvram ?? readNvram(request);
  // Folders mounted ro/rw are not files (the engine writes their changes back only at a normal exit).
  const mounted = new Set(nvram?.fstab.filter((f) => f.access !== 'wo').map((f) => f.channel));
  manifest.channels.forEach((spec, index) => {
    if (channelHost(spec.uri) !== 'file' || !(spec.puts > 0 && spec.putSize > 0)) return;
    if (mounted.has(spec.alias)) return;
    const path = normalizeProjectPath(spec.uri);
    if (path === undefined || (isProjectDirectory(request.files, path) && !request.files.has(path))) return;
    changes.push({ path, data: reader.read(index), partial: true });
  });
  const consoleIndex = (uri: string): number => manifest.channels.findIndex((c) => c.uri === uri);
  return {
    state: 'timeout',
    exitCode: null,
    message: `killed: timeout after ${manifest.timeout} s`,
    argv: nvram?.args ?? [manifest.program],
    env: (nvram?.env ?? []).map(([k, v]) => `${k}=${v}`),
    channels: channelReports(channels, counters),
    stdout: reader.read(consoleIndex('/dev/stdout')),
    stderr: reader.read(consoleIndex('/dev/stderr')),
    changes,
    wallMs,
    peakMemoryBytes: 0,
    memoryLimitBytes: manifest.memory,
    deterministic: request.deterministic ?? true,
  };
}

/** The nvram the engine read from the project (for a killed run's report), if it parses. */
function readNvram(request: Omit<RunRequest, 'counters' | 'storage' | 'onOutput'>): Nvram | undefined {
  const channel = request.manifest.channels.find((c) => c.alias === '/dev/nvram');
  const path = channel && normalizeProjectPath(channel.uri);
  const data = path === undefined ? undefined : request.files.get(path);
  return data && parseNvram(new TextDecoder().decode(data)).nvram;
}
