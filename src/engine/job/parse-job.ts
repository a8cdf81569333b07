import type { Diagnostic } from '../diagnostics.ts';
import { utf8Length } from '../manifest/limits.ts';
import { checkConnections } from './check-connections.ts';
import { checkGroup } from './check-group.ts';
import { JsonSource, JobDiagnostics } from './json-source.ts';
import {
  DEVICE_FIELDS,
  EXEC_FIELDS,
  FIELD_RULES,
  GROUP_FIELDS,
  groupLabel,
  JOB_LIMITS,
  JOB_SCHEMA,
  ruleKey,
} from './job-schema.ts';
import type { RawGroup } from './job-schema.ts';
import type { JobGroup, JobSpec } from './types.ts';

/** A parsed job and every problem found in its text; `job` is undefined when there is an error. */
export interface ParsedJob {
  job?: JobSpec;
  diagnostics: Diagnostic[];
}

/** Parses and checks a ZeroCloud job (`system.map`) on its own, without the project's files. */
export function parseJob(text: string): ParsedJob {
  const out = new JobDiagnostics();
  const job = readJob(text, out);
  return { job: out.failed ? undefined : job, diagnostics: out.finish() };
}

/** Reads a job into `out`'s diagnostics; the result is only meaningful while `out` has no error. */
export function readJob(text: string, out: JobDiagnostics): JobSpec | undefined {
  if (utf8Length(text) > JOB_LIMITS.bytes) {
    out.error(
      { line: 1, column: 1, endColumn: 2 },
      `the job is ${utf8Length(text)} bytes long; the most a job may be is ${JOB_LIMITS.bytes} bytes`,
    );
    return undefined;
  }
  const source = new JsonSource(text, out);
  if (source.value === undefined) return undefined;
  warnUnknownFields(source, out);
  const checked = JOB_SCHEMA.safeParse(source.value);
  if (!checked.success) {
    for (const issue of checked.error.issues) reportIssue(source, issue.path, out);
    return undefined;
  }
  const groups: JobGroup[] = checked.data.map((raw, index) =>
    checkGroup(raw as RawGroup, index, source, out),
  );
  checkConnections(groups, out);
  return { groups };
}

function reportIssue(source: JsonSource, path: PropertyKey[], out: JobDiagnostics): void {
  const at = source.at(path.filter((p): p is string | number => typeof p !== 'symbol'));
  const [index, ...rest] = path;
  if (typeof index !== 'number') {
    out.error(at, `the job must be ${FIELD_RULES['']}`);
    return;
  }
  const group = (source.value as unknown[])[index];
  const label = groupLabel(group, index);
  const key = ruleKey(rest);
  const rule = ruleFor(key === '' ? '*' : key);
  const field =
    key === ''
      ? ''
      : `\`${rest
          .map(String)
          .join('.')
          .replace(/\.(\d+)/g, '[$1]')}\``;
  if (field === '') {
    out.error(at, `${label} must be ${rule}`);
    return;
  }
  const missing = valueAt(group, rest) === undefined;
  out.error(
    at,
    missing ? `${label}: ${field} is missing: it must be ${rule}` : `${label}: ${field} must be ${rule}`,
  );
}

/** The rule of the field, or of the closest field holding it (`exec.env.LANG` -> `exec.env`). */
function ruleFor(key: string): string {
  for (let k = key; k !== ''; k = k.slice(0, Math.max(0, k.lastIndexOf('.')))) {
    const rule = FIELD_RULES[k];
    if (rule) return rule;
  }
  return 'something else';
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

const IGNORED: Record<string, string> = {
  replicate: 'the playground runs one copy of each node',
  attach: 'there is no HTTP response to attach a node to',
  location: 'every node runs on this machine',
};

/** Unknown fields are not errors (ZeroCloud ignored them), but a typo deserves a warning. */
function warnUnknownFields(source: JsonSource, out: JobDiagnostics): void {
  if (!Array.isArray(source.value)) return;
  source.value.forEach((group: unknown, index) => {
    if (!isObject(group)) return;
    const label = groupLabel(group, index);
    for (const key of Object.keys(group)) {
      if (Object.hasOwn(IGNORED, key))
        out.warn(
          source.keyAt([index, key]),
          `${label}: \`${key}\` is accepted but has no effect here: ${IGNORED[key]}`,
        );
      else if (!GROUP_FIELDS.has(key))
        out.warn(source.keyAt([index, key]), `${label}: unknown field \`${key}\` is ignored`);
    }
    if (isObject(group.exec)) {
      for (const key of Object.keys(group.exec))
        if (!EXEC_FIELDS.has(key))
          out.warn(source.keyAt([index, 'exec', key]), `${label}: unknown field \`exec.${key}\` is ignored`);
    }
    for (const list of ['devices', 'file_list']) {
      const devices = group[list];
      if (!Array.isArray(devices)) continue;
      devices.forEach((device: unknown, d) => {
        if (!isObject(device)) return;
        for (const key of Object.keys(device))
          if (!DEVICE_FIELDS.has(key))
            out.warn(
              source.keyAt([index, list, d, key]),
              `${label}: unknown device field \`${key}\` is ignored`,
            );
      });
    }
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
