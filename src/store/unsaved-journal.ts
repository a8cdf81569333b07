// Chromium aborts an IndexedDB write a page starts while it unloads (measured: a put made in `pagehide`
// was gone after a reload), so the changes IndexedDB has not confirmed yet are also written, synchronously,
// to Web Storage when the page goes away, and put back when the project is next loaded.

/** The changes of one project that IndexedDB had not confirmed when its page went away. */
export interface UnsavedJournal {
  /** Stamp of the saved value the changes were made on; null when they are the whole state. */
  base: number | null;
  /** Stamp of the state the changes lead to (newer than any saved value they are missing from). */
  stamp: number;
  /** Files written or created since `base`, whole. */
  files: Record<string, Uint8Array>;
  /** Files deleted since `base`. */
  deleted: string[];
  /** The other persisted fields that changed since `base`, whole. */
  fields: Record<string, unknown>;
  /** The persist version of the state. */
  version?: number;
}

/** A state the journal can describe: a files map and other fields. */
export type JournalState = { files: Record<string, Uint8Array> } & Record<string, unknown>;

/**
 * The journal from `saved` (the state IndexedDB holds, stamped `base`) to `next`; with no saved state, the
 * whole of `next`. Values are compared by reference, as the store replaces what it changes.
 */
export function makeJournal(
  saved: { state: JournalState; stamp: number } | null,
  next: { state: JournalState; stamp: number },
): UnsavedJournal {
  const before = saved?.state;
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(next.state.files)) {
    if (!before || before.files[path] !== data) files[path] = data;
  }
  const deleted = before ? Object.keys(before.files).filter((p) => !Object.hasOwn(next.state.files, p)) : [];
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next.state)) {
    if (key !== 'files' && (!before || before[key] !== value)) fields[key] = value;
  }
  return { base: saved ? saved.stamp : null, stamp: next.stamp, files, deleted, fields };
}

/** `state` with the journal's changes made (the same result however often it is applied). */
export function applyJournal<S extends JournalState>(state: S, journal: UnsavedJournal): S {
  const files = { ...state.files };
  for (const path of journal.deleted) delete files[path];
  Object.assign(files, journal.files);
  return { ...state, ...journal.fields, files };
}

/** The journal as text for Web Storage (bytes as base64, wherever they are). */
export function encodeJournal(journal: UnsavedJournal): string {
  return JSON.stringify(journal, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $bytes: toBase64(value) } : value,
  );
}

/** A journal read back from Web Storage; null when the text is not one. */
export function decodeJournal(text: string): UnsavedJournal | null {
  try {
    const journal = JSON.parse(text, (_key, value: unknown) =>
      isBytes(value) ? fromBase64(value.$bytes) : value,
    ) as UnsavedJournal;
    const ok =
      typeof journal === 'object' &&
      journal !== null &&
      typeof journal.stamp === 'number' &&
      (journal.base === null || typeof journal.base === 'number') &&
      typeof journal.files === 'object' &&
      Array.isArray(journal.deleted) &&
      typeof journal.fields === 'object';
    return ok ? journal : null;
  } catch {
    return null;
  }
}

function isBytes(value: unknown): value is { $bytes: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $bytes?: unknown }).$bytes === 'string' &&
    Object.keys(value).length === 1
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
