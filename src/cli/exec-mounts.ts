import { realpathSync, statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';
import { normalizeProjectPath } from '../engine/run/project-files.ts';
import type { ProjectFiles } from '../engine/run/project-files.ts';
import { HostLimitError, HostLoad, HostReadError, SCRIPT_FOLDER_LIMIT } from './host-files.ts';
import { UsageError } from './parse-flags.ts';
import type { HostMount } from './python-runtime.ts';

/** A host folder `zvm exec` mounts, and the project folder its files are loaded at. */
export interface ExecMount extends HostMount {
  projectDir: string;
  access: 'ro' | 'rw';
}

/**
 * `--dir HOST[::GUEST]`, its tree loaded into `load`'s files (read-write). Links in the tree are left out;
 * HOST itself may be one, as it was named on purpose. A usage error for a missing folder, the host's
 * root, or a tree past the load's limit.
 */
export function mountDir(spec: string, load: HostLoad): ExecMount {
  const [host, guest] = spec.split('::') as [string, string | undefined];
  const what = `--dir ${host}`;
  const hostDir = mountableDir(host, what);
  const projectDir = normalizeProjectPath(hostDir) ?? '';
  try {
    load.add(realpathSync(hostDir), projectDir);
  } catch (error) {
    throw usageFrom(error, what, 'mount a smaller folder');
  }
  return { hostDir, projectDir, guest: guest ?? hostDir, access: 'rw' };
}

/**
 * The folder of a script run without --dir, mounted read-only at `/` with its hidden entries (`.git`,
 * `.env`, `.ssh`) left out; refused past SCRIPT_FOLDER_LIMIT, as a home folder would be.
 */
export function scriptFolder(scriptPath: string, files: ProjectFiles): ExecMount {
  const folder = dirname(resolve(scriptPath));
  const what = `the script's folder ${folder}`;
  const hostDir = mountableDir(folder, what);
  const projectDir = normalizeProjectPath(hostDir) ?? '';
  try {
    new HostLoad(SCRIPT_FOLDER_LIMIT, files).add(realpathSync(hostDir), projectDir, {
      skipName: (name) => name.startsWith('.'),
    });
  } catch (error) {
    throw usageFrom(error, what, 'mount only what the script needs with --dir HOST::GUEST');
  }
  return { hostDir, projectDir, guest: '/', access: 'ro' };
}

/** `host` resolved, when it is a folder zvm may mount: not the host's root (`/`, `C:\`). */
function mountableDir(host: string, what: string): string {
  const hostDir = resolve(host);
  if (!statSync(hostDir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${what}: no such directory`);
  const real = realpathSync(hostDir);
  if (parse(real).root === real)
    throw new UsageError(
      `${what}: refusing to mount the whole host filesystem; mount the folder the program needs`,
    );
  return hostDir;
}

/** A UsageError for a folder that could not be loaded: past its limit (with `advice`), or unreadable. */
function usageFrom(error: unknown, what: string, advice: string): unknown {
  if (error instanceof HostLimitError)
    return new UsageError(`${what} holds ${error.message}, and zvm keeps mounted files in memory; ${advice}`);
  return error instanceof HostReadError ? new UsageError(`${what}: ${error.message}`) : error;
}
