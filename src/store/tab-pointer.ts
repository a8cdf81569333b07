import { newProjectId } from './project-meta-slice.ts';
import { tryStorage } from './web-storage.ts';
import type { WebStorage } from './web-storage.ts';

// A tab names the project it works on in its sessionStorage, so that a reload brings that project back. But
// Chromium sometimes gives a tab's next page its sessionStorage as it was before the last page wrote it
// (measured with Chromium 156 on pages that are cross-origin isolated and controlled by a service worker,
// both needed: leaving such a page for another site or about:blank and coming back lost the page's writes
// in 5 to 9 visits in 100, while localStorage kept every write). So the tab also has an id, written once
// in its sessionStorage, and localStorage says which project each tab id works on.

/** sessionStorage key of the project the tab works on (read when localStorage has no entry for the tab). */
const TAB_PROJECT = 'zerovm-playground.project';
/** sessionStorage key of the tab's id: written once; a tab found to be a copy of another takes a new one. */
const TAB_ID = 'zerovm-playground.tab';
/** localStorage key of the project each tab id works on, and when that was written. */
const TAB_PROJECTS = 'zerovm-playground.tab-projects';
/** How many tabs localStorage keeps an entry for: those written last. */
export const MAX_TAB_ENTRIES = 50;

type TabEntries = Record<string, { project: string; at: number }>;

/** Which project a tab works on, read from and written to its own storage and the storage all tabs share. */
export interface TabPointer {
  /** The project the tab works on; null when it has not worked on any (a new tab). */
  project(): string | null;
  /** Notes that the tab works on `project` now (`at`: ms since the epoch). */
  point(project: string, at: number): void;
}

/** The pointer of the tab whose sessionStorage is `tab`; `shared` is localStorage. */
export function tabPointer(tab: WebStorage | null, shared: WebStorage | null): TabPointer {
  // What this page last wrote to `shared`, so that each save does not rewrite it.
  let written = '';
  return {
    project: () => {
      const id = tryStorage(() => tab?.getItem(TAB_ID) ?? null);
      const entry = id === null ? undefined : readEntries(shared)[id];
      if (typeof entry?.project === 'string') return entry.project;
      return tryStorage(() => tab?.getItem(TAB_PROJECT) ?? null);
    },
    point: (project, at) => {
      // The id goes in first: a sessionStorage handed back that names a project then has the id as well.
      const id = tabId(tab);
      tryStorage(() => tab?.setItem(TAB_PROJECT, project));
      if (id === null || written === `${id} ${project}`) return;
      written = `${id} ${project}`;
      const entries = Object.entries({ ...readEntries(shared), [id]: { project, at } })
        .sort(([, a], [, b]) => b.at - a.at)
        .slice(0, MAX_TAB_ENTRIES);
      tryStorage(() => shared?.setItem(TAB_PROJECTS, JSON.stringify(Object.fromEntries(entries))));
    },
  };
}

/**
 * Gives the tab a new id, for a tab that turns out to be a copy of another (a duplicated tab has the same
 * sessionStorage, id included): from then on, each writes its own entry.
 */
export function renewTabId(tab: WebStorage | null): void {
  tryStorage(() => tab?.setItem(TAB_ID, newProjectId()));
}

/** The tab's id, made now if it has none; null without a sessionStorage. */
function tabId(tab: WebStorage | null): string | null {
  const id = tryStorage(() => tab?.getItem(TAB_ID) ?? null);
  if (id !== null || tab === null) return id;
  const made = newProjectId();
  return tryStorage(() => {
    tab.setItem(TAB_ID, made);
    return made;
  });
}

function readEntries(shared: WebStorage | null): TabEntries {
  const text = tryStorage(() => shared?.getItem(TAB_PROJECTS) ?? null);
  if (!text) return {};
  try {
    const entries: unknown = JSON.parse(text);
    return typeof entries === 'object' && entries !== null ? (entries as TabEntries) : {};
  } catch {
    return {};
  }
}
