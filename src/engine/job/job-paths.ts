import { normalizeProjectPath } from '../run/project-files.ts';

// Bytes that pass between nodes, and outputs returned in the job result rather than written to a file,
// travel as channel URIs in ZeroCloud's `zvm://<node>:<device>` form. The engine treats them like project
// paths (normalised to `zvm:/...`), so a node's writes come back in its report's `changes` and its inputs
// are given in `files`, with no special channel kind; the job layer takes them out of both again.

/** The host side of `from`'s /dev/out/<to>: the device of `to` it feeds. */
export function outUri(from: string, to: string): string {
  return `zvm://${to}:/dev/in/${from}`;
}

/** The host side of `to`'s /dev/in/<from>: the device of `from` it drains. */
export function inUri(from: string, to: string): string {
  return `zvm://${from}:/dev/out/${to}`;
}

/** The host side of a write device with no path, whose bytes come back in the job result. */
export function resultUri(node: string, device: string): string {
  return `zvm://${node}:/dev/${device}`;
}

/** The host side of the app image: the project as a tar, mounted read-only at `/` (what a zapp was). */
export const APP_IMAGE_URI = 'zvm://job:/app.tar';

/** The key under which a `zvm://` URI's bytes appear in `files` and `changes`. */
export function jobPath(uri: string): string {
  return normalizeProjectPath(uri)!;
}

/** True for a `files`/`changes` key that belongs to the job's plumbing, not to the project. */
export function isJobPath(path: string): boolean {
  return path.startsWith('zvm:/');
}
