import { expect, test } from '@playwright/test';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { fileTree } from './support.ts';

/** One measured click: when the input event was made, and when the page had answered it. */
export interface ClickTiming {
  /** The tab that was clicked. */
  tab: string;
  /** The click event's timestamp (performance.now() time in the page). */
  at: number;
  /** ms from the input event (its timeStamp) until the clicked tab was selected in the DOM. */
  toDom: number;
  /** ms from the input event until the next animation frame after that change (the answer is painted). */
  toFrame: number;
}

/** The inspector's tabs (Report, Trace, …): a cheap real control whose click visibly changes the page. */
const detailsTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Run details' }).getByRole('tab', { name, exact: true });

interface RecordedClick {
  label: string;
  eventAt: number;
  changedAt?: number;
  frameAt?: number;
}

declare global {
  interface Window {
    __clicks?: RecordedClick[];
  }
}

/**
 * Installs (once per document) a recorder of clicks on tabs: for each trusted click, the event's own
 * timestamp (when the input reached the page, so time the main thread spent busy before it could handle
 * the click counts), when the clicked tab became selected in the DOM, and the next animation frame.
 */
async function installClickRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (window.__clicks) return;
    const clicks: RecordedClick[] = [];
    window.__clicks = clicks;
    // Capture on the document: this runs before React's handlers, so nothing has changed yet.
    document.addEventListener(
      'click',
      (event) => {
        const tab = (event.target as Element | null)?.closest('[role="tab"]');
        const record: RecordedClick = { label: tab?.textContent ?? '(not a tab)', eventAt: event.timeStamp };
        clicks.push(record);
        if (!tab) return;
        const answered = () => {
          record.changedAt = performance.now();
          observer.disconnect();
          requestAnimationFrame(() => (record.frameAt = performance.now()));
        };
        const observer = new MutationObserver(() => {
          if (tab.getAttribute('aria-selected') === 'true') answered();
        });
        observer.observe(tab, { attributes: true, attributeFilter: ['aria-selected'] });
      },
      { capture: true },
    );
  });
}

const sessions = new WeakMap<Page, CDPSession>();

/**
 * A trusted click at (x, y) sent straight to the browser (Chromium's DevTools protocol): press and release
 * go out together, without first waiting for the page to handle anything, so a busy page gets the click
 * queued exactly as a user's would be.
 */
async function rawClick(page: Page, x: number, y: number): Promise<void> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  const event = { x, y, button: 'left', clickCount: 1 } as const;
  await Promise.all([
    cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...event }),
    cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...event }),
  ]);
}

/**
 * Clicks one Run details tab with a trusted click and measures, inside the page, how long the page took
 * to answer it: from the click event's timestamp to the tab being selected in the DOM, and to the next
 * animation frame after that. Playwright's round trips are not part of the figures.
 */
export async function measureClick(
  page: Page,
  name: string,
  beforeClick: () => Promise<void> = async () => {},
): Promise<ClickTiming> {
  const tab = detailsTab(page, name);
  await installClickRecorder(page);
  // Clicking the selected tab changes nothing, so there would be no answer to time.
  await expect(tab).toHaveAttribute('aria-selected', 'false');
  const box = await tab.boundingBox();
  if (box === null) throw new Error(`the ${name} tab has no box to click`);
  const before = await page.evaluate(() => window.__clicks!.length);
  await beforeClick();
  await rawClick(page, box.x + box.width / 2, box.y + box.height / 2);
  const handle = await page.waitForFunction(
    (seen) => {
      const click = window.__clicks![seen];
      return click && (click.frameAt !== undefined || click.label === '(not a tab)') ? click : null;
    },
    before,
    { timeout: 10_000 },
  );
  const click = (await handle.jsonValue()) as RecordedClick;
  if (click.label !== name) throw new Error(`the click meant for the ${name} tab landed on ${click.label}`);
  return {
    tab: name,
    at: click.eventAt,
    toDom: click.changedAt! - click.eventAt,
    toFrame: click.frameAt! - click.eventAt,
  };
}

/**
 * Asserts the page answers clicks within `ms`: clicks the Run details tabs (away from the selected one
 * and back), measuring each in the page (see measureClick). The timings are logged and attached to the
 * test as an annotation.
 */
export async function expectClickAnsweredWithin(page: Page, ms: number): Promise<ClickTiming[]> {
  const selected = await page
    .getByRole('tablist', { name: 'Run details' })
    .getByRole('tab', { selected: true })
    .textContent();
  const other = selected === 'Report' ? 'Trace' : 'Report';
  const timings = [await measureClick(page, other), await measureClick(page, selected ?? 'Report')];
  const text = timings.map((t) => `${t.tab} ${t.toDom.toFixed(1)} ms (frame ${t.toFrame.toFixed(1)} ms)`);
  test.info().annotations.push({ type: 'click latency', description: text.join(', ') });
  console.log(`[click latency] ${test.info().title}: ${text.join(', ')}`);
  for (const t of timings)
    expect(t.toFrame, `click on ${t.tab} answered in ${t.toFrame} ms`).toBeLessThan(ms);
  return timings;
}

/** One file of a project snapshot: its size and SHA-256. */
export interface FileDigest {
  size: number;
  sha256: string;
}

/** What the user has: the autosaved project (files by digest, folders, run inputs) and the tree's rows. */
export interface ProjectSnapshot {
  files: Record<string, FileDigest>;
  folders: string[];
  stdin: string;
  args: string;
  env: string;
  tree: string[];
}

/**
 * The user's project as autosaved in IndexedDB, plus the rows the Files tree shows. The pending autosave
 * is written first (the app flushes it on `pagehide`; nothing else listens to that event), so the snapshot
 * is what the store holds now, not 400 ms ago.
 */
export async function projectSnapshot(page: Page): Promise<ProjectSnapshot> {
  const saved = await page.evaluate(async () => {
    dispatchEvent(new Event('pagehide'));
    // Let idb-keyval open its write transaction before ours: IndexedDB orders them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const state = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const open = indexedDB.open('zerovm-playground');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('state').objectStore('state').get('project');
        get.onerror = () => reject(get.error);
        get.onsuccess = () => {
          open.result.close();
          resolve((get.result?.state ?? {}) as Record<string, unknown>);
        };
      };
    });
    const files: Record<string, { size: number; sha256: string }> = {};
    for (const [path, data] of Object.entries((state.files ?? {}) as Record<string, Uint8Array>)) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)));
      files[path] = {
        size: data.length,
        sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
      };
    }
    return {
      files,
      folders: [...((state.folders ?? []) as string[])].sort(),
      stdin: state.stdin as string,
      args: state.args as string,
      env: state.env as string,
    };
  });
  const tree = await fileTree(page)
    .getByRole('treeitem')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.path ?? ''));
  return { ...saved, tree };
}

/** The files of a project kept in Recent projects (IndexedDB), by digest, under the name it is listed as. */
export async function recentProjectFiles(
  page: Page,
  name: string,
): Promise<Record<string, FileDigest> | null> {
  return page.evaluate(async (wanted) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('zerovm-playground');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => resolve(open.result);
    });
    const get = <T>(key: string) =>
      new Promise<T | undefined>((resolve, reject) => {
        const request = db.transaction('state').objectStore('state').get(key);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => resolve(request.result as T | undefined);
      });
    const index = (await get<Array<{ id: string; name: string }>>('recent-projects')) ?? [];
    const entry = index.find((e) => e.name === wanted);
    const content = entry && (await get<{ files: Record<string, Uint8Array> }>(`recent-project:${entry.id}`));
    db.close();
    if (!content) return null;
    const files: Record<string, { size: number; sha256: string }> = {};
    for (const [path, data] of Object.entries(content.files)) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)));
      files[path] = {
        size: data.length,
        sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
      };
    }
    return files;
  }, name);
}
