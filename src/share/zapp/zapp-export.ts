import { gzipSync } from 'fflate';
import { stringify } from 'yaml';
import { writeTarImage } from '../../engine/image/tar-image.ts';
import type { TarEntry } from '../../engine/image/tar-image.ts';
import type { ShareProject } from '../validate-project.ts';
import { projectJob } from './system-map.ts';
import { ZAPP_PLAYGROUND_VERSION, zappYamlObject } from './zapp-yaml.ts';

/** The zapp's descriptor and its job, at the paths zpm gives them (ZEROVM.md §4). */
export const ZAPP_YAML = 'zapp.yaml';
/** The job ZeroCloud boots. */
export const SYSTEM_MAP = 'boot/system.map';

const encoder = new TextEncoder();

/**
 * The project as a .zapp: a gzip tar of its files at their paths, `zapp.yaml` (meta, execution, bundling and
 * a `playground` section with the tabs and run inputs) and `boot/system.map` (the project's job file, or one
 * made from its manifest). A project file at either of those paths is written as it is instead.
 */
export function projectToZapp(project: ShareProject, name: string): Uint8Array {
  const paths = Object.keys(project.files).sort(byCodeUnit);
  const job = projectJob(project);
  const groups = job.kind === 'groups' ? job.groups : [];
  const yaml = zappYamlObject(name, groups, {
    version: ZAPP_PLAYGROUND_VERSION,
    files: paths,
    folders: [...project.folders].sort(byCodeUnit),
    openFile: project.openFile,
    tabs: project.tabs,
    stdin: project.stdin,
    args: project.args,
    env: project.env,
  });
  const generated: Record<string, Uint8Array> = {
    [ZAPP_YAML]: encoder.encode(
      `# A ZeroVM Playground project as a zapp (zpm's bundle format).\n${stringify(yaml)}`,
    ),
    [SYSTEM_MAP]: encoder.encode(job.kind === 'file' ? job.text : `${JSON.stringify(groups, null, 2)}\n`),
  };
  const files = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(generated))
    if (!Object.hasOwn(project.files, path)) files.set(path, data);
  for (const path of paths) files.set(path, project.files[path]!);
  const folders = new Set(project.folders);
  for (const path of files.keys()) for (const dir of ancestors(path)) folders.add(dir);
  for (const path of files.keys()) folders.delete(path);
  const entries: TarEntry[] = [
    ...[...folders].sort(byCodeUnit).map((path): TarEntry => ({ path, kind: 'directory' })),
    ...[...files.keys()]
      .sort(byCodeUnit)
      .map((path): TarEntry => ({ path, kind: 'file', data: files.get(path)! })),
  ];
  return gzipSync(writeTarImage(entries), { level: 9, mtime: 0 });
}

/** A file name for the project's .zapp: its name with anything odd replaced. */
export function zappFileName(name: string): string {
  const safe = name
    .trim()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return `${safe === '' ? 'project' : safe.slice(0, 60)}.zapp`;
}

function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
