/** A file or folder in the tree; folders list their children folders first, then by name. */
export interface TreeNode {
  name: string;
  /** Relative, `/`-separated, no leading or trailing `/`. */
  path: string;
  kind: 'file' | 'folder';
  children: TreeNode[];
}

/** A node as shown: its depth (1 at the root) and place among its siblings, for aria-level/setsize/posinset. */
export interface VisibleItem {
  node: TreeNode;
  level: number;
  setSize: number;
  posInSet: number;
  /** Path of the parent folder; '' at the root. */
  parent: string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Folders first, then names in natural order (`file2` before `file10`), ties broken by code point. */
export function compareNodes(a: TreeNode, b: TreeNode): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Turns flat file paths and explicit (maybe empty) folders into a sorted tree; parents are implied. */
export function buildTree(files: readonly string[], folders: readonly string[]): TreeNode[] {
  const root: TreeNode = { name: '', path: '', kind: 'folder', children: [] };
  const folderNodes = new Map<string, TreeNode>([['', root]]);
  const folderAt = (segments: string[]): TreeNode => {
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      const path = segments.slice(0, i + 1).join('/');
      let child = folderNodes.get(path);
      if (child === undefined) {
        child = { name: segments[i] ?? '', path, kind: 'folder', children: [] };
        folderNodes.set(path, child);
        node.children.push(child);
      }
      node = child;
    }
    return node;
  };
  for (const folder of folders) folderAt(splitPath(folder));
  const seen = new Set<string>();
  for (const file of files) {
    const segments = splitPath(file);
    const name = segments.pop();
    if (name === undefined) continue;
    const path = [...segments, name].join('/');
    if (seen.has(path)) continue;
    seen.add(path);
    folderAt(segments).children.push({ name, path, kind: 'file', children: [] });
  }
  const sort = (node: TreeNode) => {
    node.children.sort(compareNodes);
    node.children.forEach(sort);
  };
  sort(root);
  return root.children;
}

/** The rows shown when the folders in `collapsed` are closed, in display order. */
export function visibleItems(roots: readonly TreeNode[], collapsed: ReadonlySet<string>): VisibleItem[] {
  const items: VisibleItem[] = [];
  const walk = (nodes: readonly TreeNode[], level: number, parent: string) => {
    nodes.forEach((node, index) => {
      items.push({ node, level, setSize: nodes.length, posInSet: index + 1, parent });
      if (node.kind === 'folder' && !collapsed.has(node.path)) walk(node.children, level + 1, node.path);
    });
  };
  walk(roots, 1, '');
  return items;
}

/** Every folder path, implied or explicit. */
export function folderPaths(files: readonly string[], folders: readonly string[]): Set<string> {
  const out = new Set<string>();
  const addAll = (segments: string[]) => {
    for (let i = 1; i <= segments.length; i++) out.add(segments.slice(0, i).join('/'));
  };
  for (const folder of folders) addAll(splitPath(folder));
  for (const file of files) addAll(splitPath(file).slice(0, -1));
  return out;
}

/** `a/b/c` -> `a/b`; `c` -> ''. */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Joins a folder ('' for the root) and a relative path. */
export function joinPath(folder: string, path: string): string {
  return folder === '' ? path : `${folder}/${path}`;
}

/** The folders that must be open for `path` to show: `a/b/c` -> [`a`, `a/b`]. */
export function ancestorsOf(path: string): string[] {
  const segments = splitPath(path);
  return segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'));
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}
