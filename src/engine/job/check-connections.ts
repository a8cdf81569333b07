import type { JobDiagnostics } from './json-source.ts';
import type { JobGroup } from './types.ts';

/** Checks group names are unique, every `connect` names a group, and no connections form a cycle. */
export function checkConnections(groups: JobGroup[], out: JobDiagnostics): void {
  const byName = new Map<string, JobGroup>();
  for (const group of groups) {
    const first = byName.get(group.name);
    if (first) {
      out.error(
        group.nameAt,
        `group ${group.index + 1}: the name "${group.name}" is already used by group ${first.index + 1}; group names must differ`,
      );
    } else byName.set(group.name, group);
  }
  for (const group of groups) {
    const seen = new Set<string>();
    group.connect.forEach((target, i) => {
      const at = group.connectAt[i]!;
      if (!byName.has(target)) {
        const names = [...byName.keys()].filter((n) => n !== group.name);
        out.error(
          at,
          `group ${group.index + 1} (${group.name}): connect names "${target}", but no group has that name` +
            (names.length > 0 ? ` (groups: ${names.join(', ')})` : ''),
        );
      } else if (seen.has(target)) {
        out.warn(at, `group ${group.index + 1} (${group.name}): "${target}" is listed twice in connect`);
      }
      seen.add(target);
    });
  }
  reportCycle(groups, byName, out);
}

/** Reports the first cycle found, at the `connect` entry that closes it. */
function reportCycle(groups: JobGroup[], byName: Map<string, JobGroup>, out: JobDiagnostics): void {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (group: JobGroup): boolean => {
    state.set(group.name, 'open');
    stack.push(group.name);
    for (const [i, target] of group.connect.entries()) {
      const next = byName.get(target);
      if (!next) continue;
      if (state.get(target) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(target)), target].join(' → ');
        out.error(
          group.connectAt[i]!,
          `group ${group.index + 1} (${group.name}): connect makes a cycle (${cycle}); a node here starts ` +
            'when all its inputs are complete, so data cannot flow in a circle',
        );
        return true;
      }
      if (state.get(target) === undefined && visit(next)) return true;
    }
    stack.pop();
    state.set(group.name, 'done');
    return false;
  };
  for (const group of groups)
    if (state.get(group.name) === undefined && byName.get(group.name) === group && visit(group)) return;
}
