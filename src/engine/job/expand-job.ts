import type { Diagnostic } from '../diagnostics.ts';
import type { ProjectFiles } from '../run/project-files.ts';
import { deviceKind, readsPath, writesPath } from './devices.ts';
import { JobDiagnostics } from './json-source.ts';
import { JOB_LIMITS } from './job-schema.ts';
import { matchWildcard, programOf, projectPathOf, wildcardOf } from './job-urls.ts';
import type {
  ExpandedJob,
  ExpandedNode,
  JobEdge,
  JobGroup,
  JobProgram,
  JobSpec,
  NodeDevice,
  TextSpan,
} from './types.ts';

/** Expands a parsed job over the project's files; `expanded` is undefined when there is an error. */
export function expandJob(
  job: JobSpec,
  files: ProjectFiles,
): { expanded?: ExpandedJob; diagnostics: Diagnostic[] } {
  const out = new JobDiagnostics();
  const expanded = expandInto(job, files, out);
  return { expanded: out.failed ? undefined : expanded, diagnostics: out.finish() };
}

/**
 * Expands each group into nodes: `count` N gives `name-1`..`name-N`, a `*` in a read device's path gives
 * one node per matching project file (in path order), and a group of one node keeps the bare group name,
 * as ZeroCloud names them. Every group connected to another links each of its nodes to each of the other's.
 */
export function expandInto(job: JobSpec, files: ProjectFiles, out: JobDiagnostics): ExpandedJob | undefined {
  const paths = [...files.keys()].sort();
  const plans = job.groups.map((group) => planGroup(group, files, paths, out));
  if (out.failed) return undefined;
  let total = 0;
  for (const [i, plan] of plans.entries()) {
    total += plan!.size;
    if (total > JOB_LIMITS.nodes) {
      const group = job.groups[i]!;
      out.error(
        group.nameAt,
        `the job expands to more than ${JOB_LIMITS.nodes} nodes by group ${group.index + 1} (${group.name}), ` +
          `which starts ${plan!.size}; the most a job may run is ${JOB_LIMITS.nodes}`,
      );
      return undefined;
    }
  }
  const byGroup = new Map<string, ExpandedNode[]>();
  const nodes: ExpandedNode[] = [];
  const owner = new Map<string, JobGroup>();
  for (const [i, group] of job.groups.entries()) {
    const made = makeNodes(group, plans[i]!);
    byGroup.set(group.name, made);
    for (const node of made) {
      const taken = owner.get(node.name);
      if (taken && taken !== group) {
        out.error(
          group.nameAt,
          `group ${group.index + 1} (${group.name}) makes a node named ${node.name}, which group ` +
            `${taken.index + 1} (${taken.name}) also makes; rename one of the groups`,
        );
        return undefined;
      }
      owner.set(node.name, group);
      nodes.push(node);
    }
  }
  const edges = connectNodes(job, byGroup, out);
  checkOutputs(job, byGroup, out);
  return out.failed || !edges ? undefined : { nodes, edges };
}

/** What one group expands to, before the nodes are made. */
interface GroupPlan {
  program: JobProgram;
  size: number;
  /** Matched parts of the wildcard, in node order; undefined when the group does not fan out. */
  matches?: string[];
}

function planGroup(
  group: JobGroup,
  files: ProjectFiles,
  paths: string[],
  out: JobDiagnostics,
): GroupPlan | undefined {
  const label = `group ${group.index + 1} (${group.name})`;
  const program = programOf(group.exec.path);
  if (!program.ok) return undefined;
  if (program.value.kind === 'module') checkModule(program.value.path, group, label, files, out);
  let matches: string[] | undefined;
  for (const device of group.devices) {
    const kind = deviceKind(device.name);
    if (!kind || device.path === undefined || !readsPath(kind)) continue;
    const path = projectPathOf(device.path);
    if (!path.ok) continue;
    const wildcard = wildcardOf(path.value);
    if (wildcard) {
      matches = paths.map((p) => matchWildcard(wildcard, p)).filter((m): m is string => m !== undefined);
      if (matches.length === 0)
        out.error(
          device.pathAt!,
          `${label}: ${device.path} matches no project file (it looks for ${path.value}, where * stands for any ` +
            'part of one file name)',
        );
    } else if (!files.has(path.value)) {
      out.error(
        device.pathAt!,
        `${label}: device ${device.name} reads ${path.value}, which is not in the project`,
      );
    }
  }
  return { program: program.value, size: matches ? matches.length : group.count, matches };
}

function checkModule(
  path: string,
  group: JobGroup,
  label: string,
  files: ProjectFiles,
  out: JobDiagnostics,
): void {
  const bytes = files.get(path);
  if (!bytes) {
    const source = path.replace(/\.wasm$/, '.c');
    const hint = source !== path && files.has(source) ? ` (build it from ${source} first)` : '';
    out.error(group.exec.pathAt, `${label}: exec.path names ${path}, which is not in the project${hint}`);
  } else if (!(bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d)) {
    out.error(
      group.exec.pathAt,
      `${label}: exec.path names ${path}, which is not a WebAssembly module; name the compiled .wasm ` +
        '(or run Python with file://python:python)',
    );
  }
}

function makeNodes(group: JobGroup, plan: GroupPlan): ExpandedNode[] {
  const nodes: ExpandedNode[] = [];
  for (let i = 1; i <= plan.size; i++) {
    const name = plan.size === 1 ? group.name : `${group.name}-${i}`;
    const match = plan.matches?.[i - 1];
    const devices: NodeDevice[] = group.devices.map((d) => {
      const path = d.path === undefined ? undefined : projectPathOf(d.path);
      return { name: d.name, path: path?.ok ? path.value.replace('*', match ?? '*') : undefined };
    });
    const fanned =
      match === undefined
        ? undefined
        : devices.find((d, k) => group.devices[k]!.path?.includes('*') && readsPath(deviceKind(d.name)!));
    nodes.push({
      name,
      group: group.name,
      index: i,
      program: plan.program,
      argv0: group.exec.name ?? name,
      args: group.exec.args,
      env: group.exec.env,
      devices,
      ...(match === undefined ? {} : { match, object: fanned?.path }),
    });
  }
  return nodes;
}

function connectNodes(
  job: JobSpec,
  byGroup: Map<string, ExpandedNode[]>,
  out: JobDiagnostics,
): JobEdge[] | undefined {
  const edges: JobEdge[] = [];
  for (const group of job.groups) {
    const sources = byGroup.get(group.name) ?? [];
    for (const [i, target] of [...new Set(group.connect)].entries()) {
      const targets = byGroup.get(target) ?? [];
      if (edges.length + sources.length * targets.length > JOB_LIMITS.edges) {
        out.error(
          group.connectAt[i] ?? group.nameAt,
          `connecting ${group.name} to ${target} makes the job's links number more than ${JOB_LIMITS.edges}; ` +
            'use fewer nodes',
        );
        return undefined;
      }
      for (const from of sources) for (const to of targets) edges.push({ from: from.name, to: to.name });
    }
  }
  return edges;
}

/** Two nodes writing one project file would leave whichever finished last: make that an error. */
function checkOutputs(job: JobSpec, byGroup: Map<string, ExpandedNode[]>, out: JobDiagnostics): void {
  const writers = new Map<string, string>();
  const reported = new Set<TextSpan>();
  for (const group of job.groups) {
    for (const node of byGroup.get(group.name) ?? []) {
      node.devices.forEach((device, d) => {
        const kind = deviceKind(device.name);
        if (!kind || !writesPath(kind) || device.path === undefined) return;
        const other = writers.get(device.path);
        const at = group.devices[d]!.pathAt!;
        if (other !== undefined && !reported.has(at)) {
          reported.add(at);
          out.error(
            at,
            `${node.name} and ${other} would both write ${device.path}` +
              (other.startsWith(`${group.name}-`) && node.name.startsWith(`${group.name}-`)
                ? '; put a * in the path so each node writes its own file'
                : ''),
          );
        }
        if (other === undefined) writers.set(device.path, node.name);
      });
    }
  }
}
