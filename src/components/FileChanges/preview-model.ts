/** How the last run changed a file (the file tree's badge). */
export type ChangeBadge = 'added' | 'modified' | 'deleted';

/** What the last run did to the previewed file. */
export interface PreviewChange {
  /** The bytes before the run; null when the file did not exist. */
  before: Uint8Array | null;
  /** The run was killed while writing, so the contents may be incomplete. */
  partial: boolean;
  badge: ChangeBadge;
}

/** The views of a file: its changes, a tar image's members, its text, its bytes. */
export type PreviewTab = 'changes' | 'contents' | 'text' | 'hex';

/** Tab names as shown (and as screen readers and tests find them). */
export const TAB_LABELS: Record<PreviewTab, string> = {
  changes: 'Changes',
  contents: 'Contents',
  text: 'Text',
  hex: 'Hex',
};

/** Bytes per hex page ("Show more" adds another). */
export const HEX_PAGE_BYTES = 64 * 1024;
/** Characters per text page. */
export const TEXT_PAGE_CHARS = 256 * 1024;
/** Diff lines (and changed hex rows) per page. */
export const DIFF_PAGE_LINES = 2000;

const CHANGE_SENTENCES: Record<ChangeBadge, string> = {
  added: 'added by the last run',
  modified: 'modified by the last run',
  deleted: 'deleted by the last run',
};

/** "added by the last run", etc. */
export function changeSentence(badge: ChangeBadge): string {
  return CHANGE_SENTENCES[badge];
}

/** Said of a file a killed run was writing. */
export const PARTIAL_SENTENCE = 'partial: the run was killed while writing';

/** True for a tar image by its name (`.tar`), which gets a Contents tab. */
export function isTarPath(path: string): boolean {
  return path.toLowerCase().endsWith('.tar');
}

/** The bytes the Text/Hex/Contents tabs show: the file, or for a deleted one what it was before the run. */
export function shownBytes(data: Uint8Array | null, change: PreviewChange | undefined): Uint8Array | null {
  return data ?? change?.before ?? null;
}

/** The tabs a file gets, in order. */
export function previewTabs(
  path: string,
  data: Uint8Array | null,
  change: PreviewChange | undefined,
): PreviewTab[] {
  const tabs: PreviewTab[] = [];
  if (change) tabs.push('changes');
  if (shownBytes(data, change) === null) return tabs;
  if (isTarPath(path)) tabs.push('contents');
  tabs.push('text', 'hex');
  return tabs;
}

/** The tab shown first: `wanted` when the file has it, else Changes, Contents for a tar, Hex for binary, else Text. */
export function firstTab(
  tabs: readonly PreviewTab[],
  binary: boolean,
  wanted?: PreviewTab,
): PreviewTab | null {
  if (wanted !== undefined && tabs.includes(wanted)) return wanted;
  for (const tab of ['changes', 'contents'] as const) if (tabs.includes(tab)) return tab;
  if (tabs.includes('hex') && binary) return 'hex';
  return tabs[0] ?? null;
}

/** A byte count for people: "1 byte", "900 bytes", "1.5 KiB (1,536 bytes)". */
export function formatSize(bytes: number): string {
  if (bytes === 1) return '1 byte';
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]} (${bytes.toLocaleString('en-US')} bytes)`;
}

/** The next tab for arrow keys in the tab list (wrapping), Home/End; null for other keys. */
export function tabForKey(tabs: readonly PreviewTab[], current: PreviewTab, key: string): PreviewTab | null {
  const at = tabs.indexOf(current);
  if (key === 'ArrowRight') return tabs[(at + 1) % tabs.length] ?? null;
  if (key === 'ArrowLeft') return tabs[(at - 1 + tabs.length) % tabs.length] ?? null;
  if (key === 'Home') return tabs[0] ?? null;
  if (key === 'End') return tabs[tabs.length - 1] ?? null;
  return null;
}
