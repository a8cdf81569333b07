import type { Tree } from '@yowasp/clang';

/**
 * The path the compiler's file system reads for `path`: it skips `.` and `..` segments alike (so
 * `src/../inc/a.h` reads `src/inc/a.h`), and diagnostics name files the way they were opened.
 */
export function treePathOf(path: string): string {
  return path
    .split('/')
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .join('/');
}

/**
 * The project files `keep` accepts as the compiler's nested file tree, at their project paths; a path that
 * collides with a folder of the same name is left out.
 */
export function fileTree(files: Record<string, Uint8Array | string>, keep: (path: string) => boolean): Tree {
  const root: Tree = {};
  for (const [path, data] of Object.entries(files)) {
    if (!keep(path)) continue;
    const parts = treePathOf(path).split('/');
    const name = parts.pop();
    if (!name) continue;
    let folder: Tree | undefined = root;
    for (const part of parts) {
      const next: Tree | string | Uint8Array = (folder[part] ??= {});
      folder = typeof next === 'string' || next instanceof Uint8Array ? undefined : next;
      if (!folder) break;
    }
    if (folder && folder[name] === undefined) folder[name] = data;
  }
  return root;
}
