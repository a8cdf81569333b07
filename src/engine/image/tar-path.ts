/** Drops leading `/`, `./`, empty and `.` segments; undefined when a `..` could leave the mountpoint. */
export function normalizeTarPath(raw: string): string | undefined {
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  return segments.includes('..') ? undefined : segments.join('/');
}
