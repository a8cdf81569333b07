import { parseManifest } from '../../engine/manifest/parse-manifest.ts';
import type { Manifest } from '../../engine/manifest/types.ts';
import { parseNvram } from '../../engine/nvram/parse-nvram.ts';
import { joinArgs } from '../../engine/nvram/split-args.ts';
import { runtimeOf } from '../../toolchains/python.ts';
import type { ShareProject } from '../validate-project.ts';

/** One ZeroCloud device of a group (ZEROVM.md §4): a stdio name, or a named channel with a path. */
export interface JobDevice {
  name: string;
  path?: string;
}

/** One group of a ZeroCloud job (`boot/system.map`, ZEROVM.md §4). */
export interface JobGroup {
  name: string;
  exec: { path: string; name?: string; args?: string; env?: Record<string, string> };
  devices: JobDevice[];
}

/** Where a .zapp's job comes from: a job file of the project as it is, or groups made from what Run runs. */
export type ProjectJob =
  { kind: 'file'; path: string; text: string } | { kind: 'groups'; groups: JobGroup[] };

const decoder = new TextDecoder();
const STDIO = new Set(['/dev/stdin', '/dev/stdout', '/dev/stderr']);

/** True for a ZeroCloud job file: `system.map` or `*.job.json`. */
export function isJobFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === 'system.map' || name.endsWith('.job.json');
}

/**
 * The job a .zapp of the project boots: the project's own job file (the open one, else the first), else one
 * group built from the open (or first) manifest, else a quick run of the open (or first) .wasm or .py.
 */
export function projectJob(project: ShareProject): ProjectJob {
  const paths = Object.keys(project.files).sort();
  const pick = (test: (path: string) => boolean): string | undefined =>
    project.openFile !== null && test(project.openFile) ? project.openFile : paths.find(test);
  const job = pick(isJobFile);
  if (job !== undefined) return { kind: 'file', path: job, text: decoder.decode(project.files[job]) };
  const manifestPath = pick((p) => p.endsWith('.manifest'));
  const manifest =
    manifestPath === undefined
      ? undefined
      : parseManifest(decoder.decode(project.files[manifestPath])).manifest;
  if (manifestPath !== undefined && manifest !== undefined)
    return { kind: 'groups', groups: [groupFromManifest(project, manifestPath, manifest)] };
  const program = pick((p) => p.endsWith('.wasm') || p.endsWith('.py'));
  if (program === undefined) return { kind: 'groups', groups: [] };
  const python = program.endsWith('.py');
  const group: JobGroup = {
    name: stem(program),
    exec: {
      path: python ? 'file://python:python' : swiftPath(program),
      args: python ? [program, project.args].filter((part) => part.trim() !== '').join(' ') : project.args,
    },
    devices: [{ name: 'stdin' }, { name: 'stdout' }, { name: 'stderr' }],
  };
  const env = envObject(project.env);
  if (Object.keys(env).length > 0) group.exec.env = env;
  return { kind: 'groups', groups: [group] };
}

function groupFromManifest(project: ShareProject, path: string, manifest: Manifest): JobGroup {
  const base = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const inProject = (uri: string) => `${base}${uri.replace(/^\/+/, '')}`;
  const program = manifest.program.trim();
  const exec: JobGroup['exec'] = {
    path: runtimeOf(program) === 'python' ? 'file://python:python' : swiftPath(inProject(program)),
  };
  const devices: JobDevice[] = [];
  for (const channel of manifest.channels) {
    const name = channel.alias.replace(/^\/dev\//, '');
    if (channel.alias === '/dev/nvram') {
      // ZeroCloud writes the nvram itself, from exec's name, args and env.
      const nvram = parseNvram(
        decoder.decode(project.files[inProject(channel.uri)] ?? new Uint8Array()),
      ).nvram;
      const [argv0, ...rest] = nvram.args ?? [];
      if (argv0 !== undefined) exec.name = argv0;
      if (rest.length > 0) exec.args = joinArgs(rest);
      if (nvram.env.length > 0) exec.env = Object.fromEntries(nvram.env);
    } else if (STDIO.has(channel.alias)) devices.push({ name });
    else if (channel.uri === '/dev/null' || STDIO.has(channel.uri)) devices.push({ name });
    else devices.push({ name, path: swiftPath(inProject(channel.uri)) });
  }
  return { name: stem(path), exec, devices };
}

/** DESIGN.md "Jobs": `swift://~/container/object` names the project file `container/object`. */
function swiftPath(projectPath: string): string {
  return `swift://~/${projectPath}`;
}

function stem(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
}

function envObject(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    const name = line.slice(0, eq).trim();
    if (eq > 0 && /^[A-Za-z_]\w*$/.test(name)) env[name] = line.slice(eq + 1);
  }
  return env;
}
