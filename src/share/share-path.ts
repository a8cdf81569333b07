import { MAX_PATH_DEPTH, MAX_PATH_LENGTH } from './share-schema.ts';

// C0, DEL, C1, line/paragraph separators and the bidi embedding/override/isolate controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `path` is not a safe project path (a phrase after "it", e.g. "contains \"..\""), or null if it
 * is: relative, `/`-separated, no empty, `.` or `..` segments, no control characters, depth ≤ 32.
 */
export function sharePathProblem(path: string): string | null {
  if (path === '') return 'is empty';
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (path.startsWith('/')) return 'is absolute (starts with "/")';
  if (CONTROL.test(path)) return 'contains a control character';
  if (LONE_SURROGATE.test(path)) return 'is not valid Unicode';
  if (path.includes('\\')) return 'contains "\\" (paths are separated by "/")';
  const segments = path.split('/');
  if (segments.includes('..')) return 'contains ".." (it would leave the project)';
  if (segments.includes('.')) return 'contains a "." segment';
  if (segments.includes('')) return 'has an empty segment ("//" or a trailing "/")';
  if (segments.length > MAX_PATH_DEPTH) return `is nested more than ${MAX_PATH_DEPTH} levels deep`;
  return null;
}
