import { parseNvram } from '../nvram/parse-nvram.ts';
import type { Nvram } from '../nvram/types.ts';
import { channelHost } from './build-sandbox.ts';
import { channelReports } from './describe-outcome.ts';
import { folderMountAliases, nvramFile } from './nvram-file.ts';
import { isProjectDirectory, normalizeProjectPath } from './project-files.ts';
import type { FileChange, RunReport } from './report.ts';
import type { RunRequest } from './run-sandbox.ts';
import type { SharedStorageReader } from './shared-storage.ts';

/**
 * The report of a run whose worker was terminated (Timeout or Stop): what the shared channel storage
 * and counters held at that moment. Output files are kept, marked partial.
 */
export function killedReport(
  request: Pick<RunRequest, 'manifest' | 'files' | 'nvram' | 'deterministic'>,
  reader: SharedStorageReader,
  counters: Float64Array,
  wallMs: number,
  cause: 'timeout' | 'stopped',
): RunReport {
  const { manifest } = request;
  const changes: FileChange[] = [];
  const channels = manifest.channels.map((spec, index) => ({ spec, index, etag: () => undefined }));
  const nvram = request.nvram ?? readNvram(request);
  // Folder mounts are written back only at a normal exit, so a killed run leaves them alone.
  const mounted = folderMountAliases(nvram);
  manifest.channels.forEach((spec, index) => {
    if (channelHost(spec.uri) !== 'file' || !(spec.puts > 0 && spec.putSize > 0)) return;
    if (mounted.has(spec.alias)) return;
    const path = normalizeProjectPath(spec.uri);
    if (path === undefined || (isProjectDirectory(request.files, path) && !request.files.has(path))) return;
    changes.push({ path, data: reader.read(index), partial: true });
  });
  const consoleIndex = (uri: string): number => manifest.channels.findIndex((c) => c.uri === uri);
  return {
    state: cause === 'timeout' ? 'timeout' : 'killed',
    exitCode: null,
    message:
      cause === 'timeout'
        ? `killed: timeout after ${manifest.timeout} s`
        : `stopped: killed by the user after ${(wallMs / 1000).toFixed(1)} s`,
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

/** The nvram the run read, if it parses (a killed run's report shows its argv and env). */
function readNvram(request: Pick<RunRequest, 'manifest' | 'files'>): Nvram | undefined {
  const data = nvramFile(request.manifest, request.files)?.data;
  return data && parseNvram(new TextDecoder().decode(data)).nvram;
}
