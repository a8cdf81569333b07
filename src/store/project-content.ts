import type { AppState } from './app-state.ts';
import type { FileMap } from './paths.ts';

/** A whole project as it is kept and switched: files and folders, editor tabs and run inputs. */
export interface ProjectContent {
  files: FileMap;
  folders: string[];
  openFiles: string[];
  activeFile: string | null;
  stdin: string;
  args: string;
  env: string;
}

/** The store's current project. */
export function contentOf(state: AppState): ProjectContent {
  const { files, folders, openFiles, activeFile, stdin, args, env } = state;
  return { files, folders, openFiles, activeFile, stdin, args, env };
}

/** True when the project has no files and no folders. */
export function isEmptyContent(content: ProjectContent): boolean {
  return Object.keys(content.files).length === 0 && content.folders.length === 0;
}

/**
 * A fingerprint of what the user made (files, folders, run inputs; not the tabs): equal fingerprints mean
 * the project was not changed. cyrb53, a fast 53-bit hash; collisions only cost keeping one copy too few.
 */
export function contentKey(content: ProjectContent): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const byte = (b: number) => {
    h1 = Math.imul(h1 ^ b, 2654435761);
    h2 = Math.imul(h2 ^ b, 1597334677);
  };
  const text = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      byte(s.charCodeAt(i) & 0xff);
      byte(s.charCodeAt(i) >> 8);
    }
    byte(0x100);
  };
  for (const path of Object.keys(content.files).sort()) {
    text(path);
    const data = content.files[path]!;
    for (let i = 0; i < data.length; i++) byte(data[i]!);
    text(String(data.length));
  }
  for (const folder of [...content.folders].sort()) text(folder);
  text(content.stdin);
  text(content.args);
  text(content.env);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
