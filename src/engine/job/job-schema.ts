import { z } from 'zod';

/** Caps that keep a hostile or mistaken job from exhausting the page. */
export const JOB_LIMITS = {
  /** Largest job text in bytes (256 KiB). */
  bytes: 256 * 1024,
  /** Most groups in one job. */
  groups: 1000,
  /** Largest `count` of one group. */
  count: 1000,
  /** Most nodes after `count` and wildcards are expanded. */
  nodes: 1000,
  /** Most node-to-node links after expansion (each is two channels). */
  edges: 20_000,
  /** Most devices in one group. */
  devices: 64,
  /** Deepest nesting of arrays and objects (a job needs 5 or so; the JSON parser recurses). */
  depth: 64,
} as const;

/** A group or node name: it becomes a file name under /dev/in and /dev/out, so no `/` or blanks. */
export const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

const deviceFields = {
  path: z.string().min(1).optional(),
  content_type: z.string().optional(),
  mode: z.union([z.string(), z.number()]).optional(),
  min_size: z.int().min(0).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
};

const device = z.looseObject({ name: z.string().min(1), ...deviceFields });
const legacyDevice = z.looseObject({ device: z.string().min(1), ...deviceFields });

const group = z.looseObject({
  name: z.string().regex(NAME_PATTERN),
  exec: z.looseObject({
    path: z.string().min(1),
    name: z.string().min(1).optional(),
    args: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
  }),
  devices: z.array(device).max(JOB_LIMITS.devices).optional(),
  file_list: z.array(legacyDevice).max(JOB_LIMITS.devices).optional(),
  count: z.int().min(1).max(JOB_LIMITS.count).optional(),
  connect: z.array(z.string()).max(JOB_LIMITS.groups).optional(),
  replicate: z.unknown().optional(),
  attach: z.unknown().optional(),
  location: z.unknown().optional(),
});

/** The shape of a `system.map`: a JSON array of groups (ZEROVM.md §4). */
export const JOB_SCHEMA = z.array(group).min(1).max(JOB_LIMITS.groups);

/** A group as written in the JSON, once it has the right shape. */
export type RawGroup = z.infer<typeof group>;

/** A device as written (`devices` entry, or `file_list` with `device` for `name`). */
export type RawDevice = z.infer<typeof device> | z.infer<typeof legacyDevice>;

/** Fields a group may have; others get an "ignored" warning. */
export const GROUP_FIELDS = new Set(Object.keys(group.shape));
/** Fields a device may have. */
export const DEVICE_FIELDS = new Set(['name', 'device', ...Object.keys(deviceFields)]);
/** Fields `exec` may have. */
export const EXEC_FIELDS = new Set(['path', 'name', 'args', 'env']);

/** What each field must be, in words, keyed by its path with list indexes written `*`. */
export const FIELD_RULES: Record<string, string> = {
  '': `a JSON array of groups (1 to ${JOB_LIMITS.groups}), such as [{"name": "hello", "exec": {"path": "hello.wasm"}}]`,
  '*': 'an object with at least a `name` and an `exec`',
  name: 'a name of letters, digits, `_`, `-` or `.` (at most 64, not starting with `-` or `.`): it becomes a file name under /dev/in and /dev/out',
  exec: 'an object with at least a `path`, such as {"path": "swift://~/app/mapper.wasm"}',
  'exec.path':
    'a non-empty string: a project .wasm file (swift://~/folder/file.wasm) or file://python:python',
  'exec.name': 'a non-empty string (argv[0] of every node of the group)',
  'exec.args': 'one string holding all the arguments, such as "mapper.py --verbose"',
  'exec.env': 'an object whose values are strings, such as {"LANG": "C"}',
  devices: `a list of at most ${JOB_LIMITS.devices} devices, such as [{"name": "stdout"}]`,
  'devices.*': 'an object with a `name`, such as {"name": "input", "path": "swift://~/data/a.txt"}',
  'devices.*.name': 'a device name such as "input", "output", "stdout" or "python"',
  file_list: `a list of at most ${JOB_LIMITS.devices} devices, such as [{"device": "stdout"}]`,
  'file_list.*': 'an object with a `device`, such as {"device": "stdout"}',
  'file_list.*.device': 'a device name such as "input", "output", "stdout" or "python"',
  'devices.*.path': 'a non-empty string, such as "swift://~/data/a.txt"',
  'devices.*.content_type': 'a string, such as "text/plain"',
  'devices.*.mode': 'a string or a number',
  'devices.*.min_size': 'a whole number of bytes, 0 or more',
  'devices.*.meta': 'an object',
  count: `a whole number from 1 to ${JOB_LIMITS.count}`,
  connect: 'a list of group names, such as ["reduce"]',
  'connect.*': 'a group name (a string)',
};

/** The FIELD_RULES key of an issue path within one group (`devices.*.path`), legacy lists folded in. */
export function ruleKey(path: ReadonlyArray<PropertyKey>): string {
  const key = path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');
  if (key.startsWith('file_list.*.') && !key.endsWith('.device')) return key.replace('file_list', 'devices');
  return key;
}

/** "group 2 (map)": how messages name a group. */
export function groupLabel(value: unknown, index: number): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? `group ${index + 1} (${name})` : `group ${index + 1}`;
}
