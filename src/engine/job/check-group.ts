import { splitArgs } from '../nvram/split-args.ts';
import { DEVICE_NAMES, deviceKind, readsPath, writesPath } from './devices.ts';
import type { JobDiagnostics, JsonSource } from './json-source.ts';
import { groupLabel } from './job-schema.ts';
import type { RawDevice, RawGroup } from './job-schema.ts';
import { programOf, projectPathOf } from './job-urls.ts';
import type { JobDevice, JobGroup } from './types.ts';

/** Turns one well-shaped group into a JobGroup, reporting what makes no sense in it. */
export function checkGroup(raw: RawGroup, index: number, source: JsonSource, out: JobDiagnostics): JobGroup {
  const label = groupLabel(raw, index);
  const at = (...path: Array<string | number>) => source.at([index, ...path]);
  const split = splitArgs(raw.exec.args ?? '');
  for (const problem of split.problems)
    out.error(at('exec', 'args'), `${label}: \`exec.args\`: ${problem.reason}`);
  const program = programOf(raw.exec.path);
  if (!program.ok) out.error(at('exec', 'path'), `${label}: ${program.reason}`);
  const devices = readDevices(raw, index, label, source, out);
  const group: JobGroup = {
    index,
    name: raw.name,
    exec: {
      path: raw.exec.path,
      name: raw.exec.name,
      args: split.args,
      env: Object.entries(raw.exec.env ?? {}),
      pathAt: at('exec', 'path'),
    },
    devices,
    count: raw.count ?? 1,
    connect: raw.connect ?? [],
    at: at(),
    nameAt: at('name'),
    countAt: raw.count === undefined ? undefined : at('count'),
    connectAt: (raw.connect ?? []).map((_, i) => at('connect', i)),
  };
  checkWildcards(group, label, out);
  const runtime = devices.find((d) => deviceKind(d.name)?.kind === 'runtime');
  if (runtime && program.ok && program.value.kind === 'module')
    out.warn(
      runtime.at,
      `${label}: the ${runtime.name} device is not used: exec.path runs a module, not Python`,
    );
  return group;
}

function readDevices(
  raw: RawGroup,
  index: number,
  label: string,
  source: JsonSource,
  out: JobDiagnostics,
): JobDevice[] {
  if (raw.file_list && raw.file_list.length > 0)
    out.warn(
      source.keyAt([index, 'file_list']),
      `${label}: \`file_list\` is ZeroCloud's older form; it still works, but write "devices" with "name" instead of "device"`,
    );
  const lists: Array<['devices' | 'file_list', RawDevice[]]> = [
    ['devices', raw.devices ?? []],
    ['file_list', raw.file_list ?? []],
  ];
  const devices: JobDevice[] = [];
  const seen = new Set<string>();
  for (const [list, entries] of lists) {
    entries.forEach((entry, d) => {
      const legacy = list === 'file_list';
      const name = String(legacy ? entry.device : entry.name);
      const at = source.at([index, list, d]);
      const pathAt = entry.path === undefined ? undefined : source.at([index, list, d, 'path']);
      const kind = deviceKind(name);
      const nameAt = source.at([index, list, d, legacy ? 'device' : 'name']);
      if (!kind) {
        out.error(nameAt, `${label}: unknown device "${name}"; the devices are ${DEVICE_NAMES.join(', ')}`);
        return;
      }
      if (kind.kind === 'debug') {
        out.warn(
          nameAt,
          `${label}: the debug device (a network console) is not supported here and is ignored`,
        );
        return;
      }
      if (seen.has(name)) {
        out.error(nameAt, `${label}: the device "${name}" is listed twice; a node has one of each`);
        return;
      }
      seen.add(name);
      const contentType = entry.content_type;
      if (contentType === 'message/http' || contentType === 'message/cgi')
        out.warn(
          source.at([index, list, d, 'content_type']),
          `${label}: content_type ${contentType} (a web response) is not interpreted here; the output is kept as it is`,
        );
      if (entry.path !== undefined && pathAt) {
        if (kind.kind === 'runtime') {
          out.warn(pathAt, `${label}: the ${name} image is built in; its path is ignored`);
        } else {
          const path = projectPathOf(entry.path);
          if (!path.ok) out.error(pathAt, `${label}: device ${name}: ${path.reason}`);
          else if ((path.value.match(/\*/g) ?? []).length > 1)
            out.error(pathAt, `${label}: device ${name}: a path may have one * wildcard, not several`);
          else if (kind.kind === 'image' && path.value.includes('*'))
            out.error(pathAt, `${label}: the image device cannot have a * wildcard: it names one tar file`);
        }
      } else if (kind.kind === 'random' && kind.read) {
        out.error(at, `${label}: the ${name} device needs a path naming the project file to read`);
      }
      devices.push({
        name,
        path: kind.kind === 'runtime' ? undefined : entry.path,
        contentType,
        at,
        pathAt,
      });
    });
  }
  return devices;
}

/** One read device may fan out with `*`; write devices may then reuse the match, and count is moot. */
function checkWildcards(group: JobGroup, label: string, out: JobDiagnostics): void {
  const wild = group.devices.filter((d) => d.path?.includes('*'));
  const readers = wild.filter((d) => readsPath(deviceKind(d.name)!));
  const writers = wild.filter((d) => writesPath(deviceKind(d.name)!));
  for (const extra of readers.slice(1))
    out.error(
      extra.pathAt!,
      `${label}: only one device may fan out with *; ${readers[0]!.name} already does (split the group in two)`,
    );
  if (readers.length === 0)
    for (const writer of writers)
      out.error(
        writer.pathAt!,
        `${label}: the * in this output path has nothing to copy: no device this group reads has a * in its path`,
      );
  if (readers.length > 0 && group.countAt)
    out.warn(
      group.countAt,
      `${label}: \`count\` is ignored: the * in ${readers[0]!.name}'s path starts one node per matching file`,
    );
}
