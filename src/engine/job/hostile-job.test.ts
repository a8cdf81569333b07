import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_LIMITS } from './job-schema.ts';
import { parseJob } from './parse-job.ts';
import { checkJob } from './plan-job.ts';
import { FAKE_WASM, positionOf } from './test-helpers.ts';

// Hostile-input corpus (issue 9) for ZeroCloud job maps (system.map): each case names where the
// diagnostic points (the line and column of `at` in the text) and the words it says.

/** One group `a` running a.wasm, with `fields` (JSON members) added. */
const group = (fields = '') => `[\n  { "name": "a", "exec": { "path": "a.wasm" }${fields} }\n]`;

/** A chain of `n` groups g0 -> g1 -> ... -> g(n-1), closed into a cycle when `cycle` is set. */
function chain(n: number, cycle: boolean): string {
  const groups = Array.from({ length: n }, (_, i) => {
    const next = i + 1 < n ? `"g${i + 1}"` : cycle ? '"g0"' : '';
    return `  { "name": "g${i}", "exec": { "path": "a.wasm" }, "connect": [${next}] }`;
  });
  return `[\n${groups.join(',\n')}\n]`;
}

interface Case {
  name: string;
  text: string;
  /** Where the diagnostic must point: the first occurrence of this text, or a position (default 1:1). */
  at?: string | { line: number; column: number };
  message: string;
}

const DEEP_META = group(`, "meta": ${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}`);
// The job array and the group are two levels; the meta object that makes 65 is the 63rd.
const DEEP_META_AT = { line: 2, column: positionOf(DEEP_META, '"meta": ').column + 8 + 62 * 6 };

const CASES: Case[] = [
  // Not JSON
  { name: 'empty text', text: '', message: 'the job is not valid JSON: a value was expected here' },
  { name: 'a trailing comma', text: '[\n  { "name": "a", }\n]', at: '}\n]', message: 'the job is not valid JSON: a "quoted" field name was expected here (a comma before } is not allowed in JSON)' },
  { name: 'single quotes', text: "[{'name': 'a'}]", at: "'name'", message: 'this is not a JSON value (strings need "double quotes"' },
  { name: 'NaN', text: group(', "count": NaN'), at: 'NaN', message: 'this is not a JSON value' },
  { name: 'a comment', text: `// the job\n${group()}`, message: 'the job is not valid JSON: JSON has no comments' },
  { name: 'a string never closed', text: '[{"name": "a', at: '"a', message: 'this string is never closed with a "' },
  { name: 'a raw NUL in a string', text: group().replace('"a"', '"a\0"'), at: '"a\0"', message: 'a control character (such as a tab or newline) must be escaped inside a string' },
  { name: 'two documents', text: `${group()} []`, at: '[]', message: 'the text should end here' },
  // Too big
  { name: '300 KB of text', text: `[${' '.repeat(300 * 1024)}]`, message: `the job is ${300 * 1024 + 2} bytes long; the most a job may be is 262144 bytes` },
  { name: 'arrays nested 100,000 deep', text: '['.repeat(100_000) + ']'.repeat(100_000), at: { line: 1, column: JOB_LIMITS.depth + 1 }, message: 'the job nests arrays and objects more than 64 levels deep here; a job needs only a few' },
  { name: 'objects nested deep inside a group', text: DEEP_META, at: DEEP_META_AT, message: 'more than 64 levels deep' },
  { name: '1001 groups', text: `[${Array.from({ length: 1001 }, (_, i) => `{"name":"g${i}","exec":{"path":"a.wasm"}}`).join(',')}]`, message: 'the job must be a JSON array of groups (1 to 1000)' },
  { name: 'count 10000', text: group(', "count": 10000'), at: '10000', message: 'group 1 (a): `count` must be a whole number from 1 to 1000' },
  { name: 'count 1e400', text: group(', "count": 1e400'), at: '1e400', message: '`count` must be a whole number from 1 to 1000' },
  // Every field the wrong type
  { name: 'a job that is an object', text: '{"name": "a"}', message: 'the job must be a JSON array of groups' },
  { name: 'an empty job', text: '[]', message: 'the job must be a JSON array of groups (1 to 1000)' },
  { name: 'a group that is a number', text: '[\n  7\n]', at: '7', message: 'group 1 must be an object with at least a `name` and an `exec`' },
  { name: 'name: a number', text: group().replace('"a"', '5'), at: '5', message: 'group 1: `name` must be a name of letters, digits' },
  { name: 'name: ..', text: group().replace('"a"', '".."'), at: '".."', message: 'group 1 (..): `name` must be a name of letters, digits' },
  { name: 'name: a path', text: group().replace('"a"', '"../../etc"'), at: '"../../etc"', message: '`name` must be a name of letters, digits' },
  { name: 'name: 65 characters', text: group().replace('"a"', `"${'n'.repeat(65)}"`), at: '"nnn', message: 'at most 64' },
  { name: 'exec: a string', text: group().replace('{ "path": "a.wasm" }', '"a.wasm"'), at: '"a.wasm"', message: 'group 1 (a): `exec` must be an object with at least a `path`' },
  { name: 'exec.path: empty', text: group().replace('"a.wasm"', '""'), at: '""', message: '`exec.path` must be a non-empty string' },
  { name: 'exec.path: climbing out', text: group().replace('a.wasm', 'swift://~/../../etc/passwd'), at: '"swift', message: 'group 1 (a): swift://~/../../etc/passwd does not name a file inside the project' },
  { name: 'exec.args: a list', text: group().replace('"a.wasm" }', '"a.wasm", "args": ["-v"] }'), at: '["-v"]', message: '`exec.args` must be one string holding all the arguments' },
  { name: 'exec.args: a quote never closed', text: group().replace('"a.wasm" }', '"a.wasm", "args": "say \\"hi" }'), at: '"say', message: '`exec.args`: this quote is never closed' },
  { name: 'exec.env: a number value', text: group().replace('"a.wasm" }', '"a.wasm", "env": { "A": 1 } }'), at: '1 }', message: '`exec.env.A` must be an object whose values are strings' },
  { name: 'devices: an object', text: group(', "devices": { "name": "stdout" }'), at: '{ "name": "stdout" }', message: '`devices` must be a list of at most 64 devices' },
  { name: 'devices: 65 of them', text: group(`, "devices": [${Array(65).fill('{ "name": "stdout" }').join(', ')}]`), at: '[{ "name"', message: '`devices` must be a list of at most 64 devices' },
  { name: 'devices: no name', text: group(', "devices": [{ "path": "x.txt" }]'), at: '{ "path": "x.txt"', message: '`devices[0].name` is missing' },
  { name: 'devices: an unknown device', text: group(', "devices": [{ "name": "network" }]'), at: '"network"', message: 'unknown device "network"; the devices are stdin, stdout, stderr, input, script, output, image, debug, python' },
  { name: 'devices: a path climbing out', text: group(', "devices": [{ "name": "input", "path": "swift://~/../../etc/passwd" }]'), at: '"swift', message: 'device input: swift://~/../../etc/passwd does not name a file inside the project' },
  { name: 'devices: an output path climbing out', text: group(', "devices": [{ "name": "output", "path": "../../tmp/x" }]'), at: '"../..', message: 'device output: ../../tmp/x does not name a file inside the project' },
  { name: 'devices: two wildcards', text: group(', "devices": [{ "name": "input", "path": "d/*/*.txt" }]'), at: '"d/', message: 'a path may have one * wildcard, not several' },
  { name: 'count: a string', text: group(', "count": "3"'), at: '"3"', message: '`count` must be a whole number from 1 to 1000' },
  { name: 'count: 1.5', text: group(', "count": 1.5'), at: '1.5', message: '`count` must be a whole number' },
  { name: 'connect: a string', text: group(', "connect": "b"'), at: '"b"', message: '`connect` must be a list of group names' },
  { name: 'connect: a number', text: group(', "connect": [1]'), at: '1]', message: '`connect[0]` must be a group name (a string)' },
  // The graph
  { name: 'connect: an unknown group', text: group(', "connect": ["reduce"]'), at: '"reduce"', message: 'group 1 (a): connect names "reduce", but no group has that name' },
  { name: 'connect: a self-loop', text: group(', "connect": ["a"]'), at: '"a"]', message: 'group 1 (a): connect makes a cycle (a → a); a node here starts when all its inputs are complete' },
  { name: 'connect: a two-group cycle', text: '[\n{ "name": "a", "exec": { "path": "a.wasm" }, "connect": ["b"] },\n{ "name": "b", "exec": { "path": "b.wasm" }, "connect": ["a"] }\n]', at: '"a"] }\n]', message: 'group 2 (b): connect makes a cycle (a → b → a)' },
  { name: 'connect: a cycle through 1000 groups', text: chain(1000, true), at: '"g0"] }\n]', message: 'group 1000 (g999): connect makes a cycle (g0 → g1 → g2 → ' },
  { name: 'two groups of one name', text: '[\n{ "name": "a", "exec": { "path": "a.wasm" } },\n{ "name": "a", "exec": { "path": "b.wasm" } }\n]', at: '"a", "exec": { "path": "b', message: 'group 2: the name "a" is already used by group 1; group names must differ' },
]; // prettier-ignore

describe('hostile job maps: each mistake gets a diagnostic where it was written', () => {
  it.each(CASES)('$name', ({ text, at, message }) => {
    const { job, diagnostics } = parseJob(text);
    const { line, column } = typeof at === 'string' ? positionOf(text, at) : (at ?? { line: 1, column: 1 });
    expect(job).toBeUndefined();
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ line, column, severity: 'error', message: expect.stringContaining(message) }),
    );
  });

  it('accepts a chain of 1000 groups without a cycle', () => {
    expect(parseJob(chain(1000, false)).diagnostics).toEqual([]);
  });

  it('ignores a __proto__ member instead of taking settings from it', () => {
    const text = group(', "__proto__": { "count": 5000, "connect": ["x"] }');
    const { job, diagnostics } = parseJob(text);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'group 1 (a): unknown field `__proto__` is ignored',
      }),
    ]);
    expect(job?.groups[0]).toMatchObject({ count: 1, connect: [] });
  });

  it('reads a job saved with a byte-order mark', () => {
    expect(parseJob(`\uFEFF${group()}`).diagnostics).toEqual([]);
  });
});

describe('hostile job maps against the project', () => {
  const files = new Map<string, Uint8Array>([['a.wasm', FAKE_WASM]]);
  for (let i = 0; i < 10_000; i++) files.set(`data/part-${i}.txt`, new Uint8Array(1));

  it('refuses a wildcard that fans out to 10,000 nodes with the 1000-node cap', () => {
    const text = group(', "devices": [{ "name": "input", "path": "swift://~/data/*.txt" }]');
    expect(checkJob(text, files)).toEqual([
      expect.objectContaining({
        ...positionOf(text, '"a"'),
        severity: 'error',
        message:
          'the job expands to more than 1000 nodes by group 1 (a), which starts 10000; the most a job may run is 1000',
      }),
    ]);
  });

  it('refuses a wildcard that matches nothing', () => {
    const text = group(', "devices": [{ "name": "input", "path": "swift://~/nothing/*.txt" }]');
    expect(checkJob(text, files)).toEqual([
      expect.objectContaining({
        ...positionOf(text, '"swift'),
        message:
          'group 1 (a): swift://~/nothing/*.txt matches no project file (it looks for nothing/*.txt, where * stands for any part of one file name)',
      }),
    ]);
  });

  it('refuses an exec.path that is not a module', () => {
    const text = group().replace('a.wasm', 'data/part-1.txt');
    expect(checkJob(text, files)).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'exec.path names data/part-1.txt, which is not a WebAssembly module',
        ),
      }),
    ]);
  });
});

/** What holds for any text: no throw, positions on real lines, a job only when there is no error. */
function holdsForAnyText(text: string, files: Map<string, Uint8Array>): boolean {
  const lines = text.split('\n').length;
  const { job, diagnostics } = parseJob(text);
  const checked = checkJob(text, files);
  const errors = diagnostics.some((d) => d.severity === 'error');
  return (
    [...diagnostics, ...checked].every(
      (d) => d.line >= 1 && d.line <= lines && d.column >= 1 && d.endColumn > d.column && d.message !== '',
    ) &&
    errors === (job === undefined) &&
    diagnostics.length <= 200
  );
}

const JSON_TOKENS = [
  '[', ']', '{', '}', ',', ':', '"name"', '"exec"', '"path"', '"a.wasm"', '"devices"', '"input"',
  '"swift://~/data/*.txt"', '"connect"', '"a"', '"count"', '1000', '-1', '1e400', 'null', 'true', '"\\u00"',
  '"__proto__"', ' ', '\n', '\0', '\uFEFF', '/*', '"../../etc"',
]; // prettier-ignore

describe('hostile job maps: properties', () => {
  const files = new Map<string, Uint8Array>([
    ['a.wasm', FAKE_WASM],
    ['data/x.txt', new Uint8Array(1)],
  ]);
  const name = fc.constantFrom('a', 'b', 'map', '..', '', 'a/b', '-x');
  const device = fc.record(
    {
      name: fc.constantFrom('input', 'output', 'stdout', 'python', 'image', 'nope'),
      path: fc.constantFrom('swift://~/data/*.txt', 'data/x.txt', '../x', 'out/*.txt', '/etc/passwd'),
    },
    { requiredKeys: ['name'] },
  );
  const groupValue = fc.record(
    {
      name,
      exec: fc.record({
        path: fc.constantFrom('a.wasm', 'file://python:python', '', 'x.wasm'),
        args: fc.string(),
      }),
      devices: fc.array(device, { maxLength: 3 }),
      count: fc.oneof(fc.integer({ min: -2, max: 1200 }), fc.constant(1.5)),
      connect: fc.array(name, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

  it('parseJob and checkJob never throw, on arbitrary text (2000 runs)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fc.constantFrom(...JSON_TOKENS), { maxLength: 60 }).map((t) => t.join('')),
    );
    fc.assert(
      fc.property(text, (t) => holdsForAnyText(t, files)),
      { numRuns: 2000 },
    );
  });

  it('parseJob and checkJob never throw, on arbitrary JSON and on job-shaped JSON (2000 runs)', () => {
    const value = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.array(groupValue, { maxLength: 4 }).map((g) => JSON.stringify(g, null, 1)),
    );
    fc.assert(
      fc.property(value, (t) => holdsForAnyText(t, files)),
      { numRuns: 2000 },
    );
  });
});
