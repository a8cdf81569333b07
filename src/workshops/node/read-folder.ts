import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LessonFiles } from '../types.ts';

/** Every file beneath a host folder, keyed by `/`-separated path inside it (hidden entries left out). */
export function readFolder(dir: string, prefix = ''): LessonFiles {
  const out: LessonFiles = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) Object.assign(out, readFolder(join(dir, entry.name), `${path}/`));
    else if (entry.isFile()) out[path] = readFileSync(join(dir, entry.name));
  }
  return out;
}
