import { parseManifest } from '../manifest/parse-manifest.ts';
import type { Manifest } from '../manifest/types.ts';
import type { Nvram } from '../nvram/types.ts';
import { runSandbox } from '../run/run-sandbox.ts';
import type { RunRequest } from '../run/run-sandbox.ts';
import type { ChannelReport, RunReport } from '../run/report.ts';
import { loadFixture } from './fixture-cache.ts';

/** The three standard channels with roomy limits (1024 calls, 1 MiB each way). */
export const STDIO_CHANNELS = [
  'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0',
  'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1024, 1048576',
  'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576',
];

/** What {@link manifestText} writes besides channels. */
export interface ManifestHead {
  program?: string;
  /** Bytes; default 64 MiB. */
  memory?: number;
}

/** A complete manifest: Version, Program, Memory, Timeout, then the channel lines as given. */
export function manifestText(channels: readonly string[], head: ManifestHead = {}): string {
  return [
    'Version = 20130611',
    `Program = ${head.program ?? 'program.wasm'}`,
    `Memory = ${head.memory ?? 64 * 1024 * 1024}, 0`,
    'Timeout = 10',
    ...channels,
    '',
  ].join('\n');
}

/** Parses manifest text, failing the test with the diagnostics when any of them is an error. */
export function parseValidManifest(text: string): Manifest {
  const { manifest, diagnostics } = parseManifest(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!manifest || errors.length > 0) {
    throw new Error(`manifest does not parse:\n${errors.map((d) => `${d.line}: ${d.message}`).join('\n')}`);
  }
  return manifest;
}

/** Options of {@link runFixture}: project files and stdin as text or bytes, plus RunRequest flags. */
export interface FixtureRun extends Partial<Omit<RunRequest, 'manifest' | 'program' | 'files' | 'stdin'>> {
  files?: Record<string, string | Uint8Array>;
  stdin?: string | Uint8Array;
  /** Manifest head (Program, Memory); channels come from the `channels` argument. */
  head?: ManifestHead;
}

/** Runs a compiled C fixture in the sandbox under a manifest made of `channels`. */
export function runFixture(name: string, channels: readonly string[], options: FixtureRun = {}): RunReport {
  const { files = {}, stdin, head, ...flags } = options;
  const program = head?.program ?? `${name}.wasm`;
  return runSandbox({
    manifest: parseValidManifest(manifestText(channels, { ...head, program })),
    program: loadFixture(name),
    files: new Map(Object.entries(files).map(([path, data]) => [path, bytes(data)])),
    stdin: stdin === undefined ? undefined : bytes(stdin),
    ...flags,
  });
}

/** An nvram that only sets the command line (argv[0] included). */
export function argsNvram(...args: string[]): Nvram {
  return { args, env: [], fstab: [], mapping: [] };
}

/** UTF-8 bytes of a string (bytes pass through). */
export function bytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** Decodes bytes as UTF-8. */
export function text(data: Uint8Array | null | undefined): string {
  return data ? new TextDecoder().decode(data) : '';
}

/** The report of the channel with this alias; fails the test when there is none. */
export function channelReport(report: RunReport, alias: string): ChannelReport {
  const found = report.channels.find((c) => c.alias === alias);
  if (!found) throw new Error(`the report has no channel ${alias}`);
  return found;
}

/** The new contents of a project file the run changed; fails the test when it did not. */
export function changedFile(report: RunReport, path: string): Uint8Array | null {
  const change = report.changes.find((c) => c.path === path);
  if (!change)
    throw new Error(`the run did not change ${path}; changes: ${report.changes.map((c) => c.path)}`);
  return change.data;
}
