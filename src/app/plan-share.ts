import { encodeShare, shareLinkTooLong } from '../share/share-codec.ts';
import type { ProjectContent } from '../store/index.ts';
import { buildTargetFor } from './build-target.ts';
import { shareOf } from './share-content.ts';

/** What Share makes of the project: a link (maybe without the built programs), or too long for one. */
export type SharePlan =
  | { kind: 'link'; fragment: string; omitted: string[] }
  | {
      kind: 'too-long';
      length: number;
      omitted: string[];
      /** Everything: still fine inside an embed's HTML. */ fragment: string;
    };

/** The .wasm files of the project that Run would rebuild from sources beside them. */
export function builtPrograms(files: Record<string, Uint8Array>): string[] {
  const out = new Set<string>();
  for (const path of Object.keys(files)) {
    const target = /\.(c|cc|cpp|cxx|wat)$/.test(path) ? buildTargetFor(files, path) : undefined;
    if (target && Object.hasOwn(files, target.output)) out.add(target.output);
  }
  return [...out].sort();
}

/**
 * The share link for a project: everything when that fits in ~8 KB; else, unless `includeBuilt`, without
 * the .wasm files Run rebuilds from their sources (a compiled hello world alone is ~17 KB of link);
 * else too long to paste, and the user gets a .zapp instead (an embed, pasted into HTML, may still use it).
 */
export function planShare(content: ProjectContent, includeBuilt = false): SharePlan {
  const full = encodeShare(shareOf(content));
  if (!shareLinkTooLong(full)) return { kind: 'link', fragment: full, omitted: [] };
  const omitted = includeBuilt ? [] : builtPrograms(content.files);
  if (omitted.length > 0) {
    const files = { ...content.files };
    for (const path of omitted) delete files[path];
    const keep = (path: string) => !omitted.includes(path);
    const activeFile = content.activeFile !== null && keep(content.activeFile) ? content.activeFile : null;
    const slim = encodeShare(
      shareOf({ ...content, files, openFiles: content.openFiles.filter(keep), activeFile }),
    );
    if (!shareLinkTooLong(slim)) return { kind: 'link', fragment: slim, omitted };
  }
  return { kind: 'too-long', length: full.length, omitted: [], fragment: full };
}
