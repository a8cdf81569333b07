import { normalizeProjectPath } from '../run/project-files.ts';
import { PYTHON_IMAGE } from './devices.ts';
import type { JobProgram } from './types.ts';

/** A URL resolved to something in the project, or why it cannot be. */
export type Resolved<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The project path a device or exec URL names: `swift://~/container/object` is `container/object`
 * (ZeroCloud's own-account objects are the project's files); a plain path is taken as it is.
 */
export function projectPathOf(url: string): Resolved<string> {
  const swift = /^swift:\/\/([^/]*)\/?(.*)$/.exec(url);
  let path = url;
  if (swift) {
    if (swift[1] !== '~')
      return {
        ok: false,
        reason: `${url} names account "${swift[1]}"; only your own account works here: write swift://~/${swift[2]}`,
      };
    path = swift[2]!;
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const scheme = url.slice(0, url.indexOf(':'));
    return {
      ok: false,
      reason: `${scheme}:// is not supported for a device here: name a project file as swift://~/folder/file or folder/file`,
    };
  }
  const normal = normalizeProjectPath(path);
  if (normal === undefined || normal === '')
    return { ok: false, reason: `${url} does not name a file inside the project` };
  return { ok: true, value: normal };
}

/** What `exec.path` runs: `file://python:python` (and its variants) is the built-in Python, else a project module. */
export function programOf(url: string): Resolved<JobProgram> {
  const file = /^file:\/\/([^:/]*):(.*)$/.exec(url);
  if (file) {
    const [, image = '', executable = ''] = file;
    if (PYTHON_IMAGE.test(image) && /^python[0-9.]*$/.test(executable))
      return { ok: true, value: { kind: 'python' } };
    return {
      ok: false,
      reason:
        `${url} runs ${executable || 'a program'} from the system image "${image}"; ` +
        'the only system image here is Python: write file://python:python',
    };
  }
  if (url.includes('*')) return { ok: false, reason: 'exec.path cannot contain a * wildcard' };
  const path = projectPathOf(url);
  return path.ok ? { ok: true, value: { kind: 'module', path: path.value } } : path;
}

/** A project path with one `*`, split around it. */
export interface Wildcard {
  prefix: string;
  suffix: string;
}

/** The wildcard in a project path, or undefined when it has none; `*` matches within one path segment. */
export function wildcardOf(path: string): Wildcard | undefined {
  const at = path.indexOf('*');
  if (at < 0) return undefined;
  return { prefix: path.slice(0, at), suffix: path.slice(at + 1) };
}

/** The part of `path` the wildcard matches, or undefined when it does not match. */
export function matchWildcard(wildcard: Wildcard, path: string): string | undefined {
  const { prefix, suffix } = wildcard;
  if (path.length < prefix.length + suffix.length) return undefined;
  if (!path.startsWith(prefix) || !path.endsWith(suffix)) return undefined;
  const middle = path.slice(prefix.length, path.length - suffix.length);
  return middle.includes('/') ? undefined : middle;
}
