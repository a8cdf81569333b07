/** The name each open file's tab shows: its base name, or its full path when two tabs share a base name. */
export function tabLabels(paths: readonly string[]): string[] {
  const baseNames = paths.map((path) => path.slice(path.lastIndexOf('/') + 1) || path);
  const counts = new Map<string, number>();
  for (const name of baseNames) counts.set(name, (counts.get(name) ?? 0) + 1);
  return baseNames.map((name, i) => ((counts.get(name) ?? 0) > 1 ? (paths[i] ?? name) : name));
}
