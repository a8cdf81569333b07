import { z } from 'zod';
import { regexProblem } from './safe-regex.ts';

/** `workshop.json`: the workshop's title, description and lesson folders in order. */
export const workshopSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1),
  lessons: z.array(z.string().regex(/^\d\d-[a-z0-9-]+$/, 'a lesson folder name like "01-hello"')).min(1),
});

const VIEWS = ['manifest', 'meters', 'trace', 'report', 'files', 'job', 'preview'] as const;

const variantSchema = z.strictObject({
  'run-file': z.string().min(1),
  'files-open': z.array(z.string().min(1)).min(1),
});

/** The YAML front matter of `lesson.md`. */
export const frontMatterSchema = z.strictObject({
  title: z.string().min(1),
  goal: z.string().min(1),
  minutes: z.number().positive(),
  run: z.enum(['quick', 'manifest', 'job']),
  'run-file': z.string().min(1),
  'files-open': z.array(z.string().min(1)).min(1),
  variants: z.record(z.string().regex(/^[a-z][a-z0-9+-]*$/), variantSchema).optional(),
  stdin: z.string().optional(),
  args: z.string().optional(),
  view: z.enum(VIEWS).optional(),
});

// Checked when the lesson loads, so a regex that cannot compile or could freeze the page never reaches Check.
const checkRegex = z.string().superRefine((source, context) => {
  const problem = regexProblem(source);
  if (problem !== null) context.addIssue({ code: 'custom', message: `the regex ${problem}` });
});

const bounds = z
  .strictObject({ min: z.number().nonnegative().optional(), max: z.number().nonnegative().optional() })
  .refine((b) => b.min !== undefined || b.max !== undefined, 'give min, max or both');

const textMatch = z.union([
  z.strictObject({ equals: z.string() }),
  z.strictObject({ contains: z.string() }),
  z.strictObject({ regex: checkRegex }),
  z.strictObject({ lines: z.number().int().nonnegative() }),
]);

const EXIT_STATES = ['ok', 'exit', 'quota', 'timeout', 'killed', 'memory', 'crash', 'refused'] as const;
const hint = { hint: z.string().min(1).optional() };

const fileExpect = z.union([
  z.strictObject({ file: z.string().min(1), equals: z.string(), ...hint }),
  z.strictObject({ file: z.string().min(1), contains: z.string(), ...hint }),
  z.strictObject({ file: z.string().min(1), regex: checkRegex, ...hint }),
  z.strictObject({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), ...hint }),
  z.strictObject({ file: z.string().min(1), exists: z.boolean(), ...hint }),
]);

const channelExpect = z.union([
  z.strictObject({ channel: z.string().min(1), writes: bounds, ...hint }),
  z.strictObject({ channel: z.string().min(1), reads: bounds, ...hint }),
  z.strictObject({ channel: z.string().min(1), bytesWritten: bounds, ...hint }),
  z.strictObject({ channel: z.string().min(1), bytesRead: bounds, ...hint }),
  z.strictObject({ channel: z.string().min(1), quotaHit: z.boolean(), ...hint }),
  z.strictObject({
    channel: z.string().min(1),
    limit: z.strictObject({
      puts: z.number().optional(),
      putSize: z.number().optional(),
      gets: z.number().optional(),
      getSize: z.number().optional(),
      type: z.number().int().min(0).max(3).optional(),
    }),
    ...hint,
  }),
]);

/** One requirement of `check.json` (one kind per entry; `hint` is shown when it fails). */
export const expectationSchema = z.union([
  z.strictObject({ exit: z.enum(EXIT_STATES), code: z.number().int().optional(), ...hint }),
  z.strictObject({ stdout: textMatch, node: z.string().optional(), ...hint }),
  z.strictObject({ stderr: textMatch, node: z.string().optional(), ...hint }),
  fileExpect,
  channelExpect,
  z.strictObject({
    manifest: z.strictObject({ memory: bounds.optional(), timeout: bounds.optional() }),
    ...hint,
  }),
  z.strictObject({ deterministic: z.literal(true), ...hint }),
  z.strictObject({
    trace: z.strictObject({
      call: z.string().min(1),
      count: z.number().int().nonnegative().optional(),
      min: z.number().int().nonnegative().optional(),
      max: z.number().int().nonnegative().optional(),
      errno: z
        .string()
        .regex(/^E[A-Z0-9]+$|^SUCCESS$/)
        .optional(),
    }),
    ...hint,
  }),
  z.strictObject({
    report: z.strictObject({ argv: z.array(z.string()).optional(), state: z.enum(EXIT_STATES).optional() }),
    ...hint,
  }),
  z.strictObject({ job: z.enum(['done', 'failed', 'stopped']), ...hint }),
  z.strictObject({ nodes: bounds, ...hint }),
]);

/** `check.json`: every requirement must hold for the lesson to pass. */
export const checkSchema = z.strictObject({ expect: z.array(expectationSchema).min(1) });

/** A parsed workshop.json. */
export type WorkshopJson = z.infer<typeof workshopSchema>;
/** A parsed lesson.md front matter. */
export type FrontMatter = z.infer<typeof frontMatterSchema>;
/** One check.json requirement. */
export type Expectation = z.infer<typeof expectationSchema>;
/** A parsed check.json. */
export type CheckJson = z.infer<typeof checkSchema>;

/** Zod issues as `file: path.to.field: message` lines; `data` (what was parsed) makes union mistakes precise. */
export function describeIssues(file: string, error: z.ZodError, data?: unknown): string[] {
  return error.issues.map((issue) => {
    const { path, text } = explain(issue, valueAt(data, issue.path));
    return `${file}: ${fieldPath([...issue.path, ...path]) || '(top level)'}: ${text}`;
  });
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out;
}

type Issue = z.core.$ZodIssue;

/**
 * A union's own message names no field. The branches that recognise most of the object's keys are the
 * ones meant; if one of them is complete its first problem is the mistake, else the keys they miss are.
 */
function explain(issue: Issue, value: unknown): { path: PropertyKey[]; text: string } {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path: [], text: issue.message };
  const keys =
    value !== null && typeof value === 'object' ? Object.keys(value).filter((k) => k !== 'hint') : [];
  const recognised = (branch: Issue[]): number => {
    const unknown = new Set(
      branch.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : [])),
    );
    return keys.filter((k) => !unknown.has(k)).length;
  };
  const branches = flatten(issue.errors);
  const best = Math.max(...branches.map(recognised));
  const meant = branches.filter((b) => recognised(b) === best);
  const missing = (branch: Issue[]): string[] =>
    branch
      .filter(
        (i) => i.path.length === 1 && (value as Record<PropertyKey, unknown>)?.[i.path[0]!] === undefined,
      )
      .map((i) => String(i.path[0]));
  const complete = meant.find((b) => missing(b).length === 0);
  if (complete && complete[0]) {
    const first = complete[0];
    const inner = explain(first, valueAt(value, first.path));
    return { path: [...first.path, ...inner.path], text: inner.text };
  }
  // Nothing recognised: name each kind by its first key only ("exit", "stdout", "file", "channel", ...).
  const needed = [...new Set(meant.flatMap((b) => (best === 0 ? missing(b).slice(0, 1) : missing(b))))];
  const unknown = keys.filter((k) =>
    meant.every((b) => b.some((i) => i.code === 'unrecognized_keys' && i.keys.includes(k))),
  );
  const extra = unknown.length > 0 ? ` (not ${unknown.map((k) => `"${k}"`).join(', ')})` : '';
  return { path: [], text: `needs one of ${needed.map((k) => `"${k}"`).join(', ')}${extra}` };
}

/** A union inside a union (file and channel kinds) counts as its branches. */
function flatten(branches: Issue[][]): Issue[][] {
  return branches.flatMap((b) =>
    b.length === 1 && b[0]!.code === 'invalid_union' && b[0]!.path.length === 0 ? flatten(b[0]!.errors) : [b],
  );
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of path)
    value =
      value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  return value;
}
