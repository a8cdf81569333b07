/** What a new name is checked against. */
export interface NameContext {
  /** Folder the name is created or renamed in; '' for the root. */
  parent: string;
  /** Every file path in the project. */
  files: ReadonlySet<string>;
  /** Every folder path, explicit or implied by a file. */
  folders: ReadonlySet<string>;
  /** Whether `a/b` may create folders on the way (new items) or not (renames). */
  allowNested: boolean;
  /** The path being renamed (keeping it unchanged is allowed). */
  current?: string;
}

/** The checked full path, or why the name cannot be used. */
export type NameCheck = { ok: true; path: string } | { ok: false; error: string };

const MAX_SEGMENT_BYTES = 255;
const encoder = new TextEncoder();

/** Checks a typed file or folder name: not empty, no misplaced `/`, no `.`/`..`, nothing already there. */
export function validateName(typed: string, context: NameContext): NameCheck {
  const name = typed.trim();
  if (name === '') return { ok: false, error: 'Enter a name.' };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(name)) return { ok: false, error: 'Names cannot contain control characters.' };
  if (name.includes('\\')) return { ok: false, error: 'Use / (not \\) between folder names.' };
  if (name.includes('/')) {
    if (!context.allowNested)
      return { ok: false, error: 'A name cannot contain /. Rename one item at a time.' };
    if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
      return { ok: false, error: 'Use / only between folder names, as in src/util.c.' };
    }
  }
  const segments = name.split('/');
  if (segments.some((s) => s === '.' || s === '..')) {
    return { ok: false, error: '"." and ".." cannot be used as names.' };
  }
  if (segments.some((s) => encoder.encode(s).length > MAX_SEGMENT_BYTES)) {
    return { ok: false, error: `A name can be at most ${MAX_SEGMENT_BYTES} bytes long.` };
  }
  const path = context.parent === '' ? name : `${context.parent}/${name}`;
  if (path === context.current) return { ok: true, path };
  const pathSegments = path.split('/');
  for (let i = 1; i < pathSegments.length; i++) {
    const prefix = pathSegments.slice(0, i).join('/');
    if (context.files.has(prefix)) return { ok: false, error: `"${prefix}" is a file, not a folder.` };
  }
  if (context.files.has(path) || context.folders.has(path)) {
    return { ok: false, error: `"${path}" already exists.` };
  }
  return { ok: true, path };
}

/** Just the problem with a name (for NameInput's `validate`), or null when it can be used. */
export function nameError(typed: string, context: NameContext): string | null {
  const check = validateName(typed, context);
  return check.ok ? null : check.error;
}
