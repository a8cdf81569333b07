import { describe, expect, it } from 'vitest';
import { parseJob } from './parse-job.ts';
import { brief, positionOf } from './test-helpers.ts';

const WORDCOUNT = `[
  {
    "name": "map",
    "exec": { "path": "swift://~/app/mapper.wasm", "args": "--verbose \\"two words\\"", "env": { "LANG": "C" } },
    "devices": [
      { "name": "input", "path": "swift://~/data/*.txt" },
      { "name": "stdout" }
    ],
    "connect": ["reduce"]
  },
  {
    "name": "reduce",
    "exec": { "path": "file://python2.7:python", "name": "reducer", "args": "reducer.py" },
    "file_list": [{ "device": "python2.7" }, { "device": "stdout", "path": "swift://~/out/total.txt" }],
    "count": 1
  }
]`;

/** The one diagnostic of `text`, as `line:column severity message`. */
function only(text: string): string {
  const { diagnostics } = parseJob(text);
  expect(diagnostics).toHaveLength(1);
  return brief(diagnostics)[0]!;
}

/** `line:column` of `needle` in `text`. */
function at(text: string, needle: string, nth = 1): string {
  const { line, column } = positionOf(text, needle, nth);
  return `${line}:${column}`;
}

/** A one-group job with `fields` added to a valid group. */
function group(fields: string): string {
  return `[\n  {\n    "name": "hello",\n    "exec": { "path": "hello.wasm" }${fields}\n  }\n]`;
}

describe('parseJob: a valid map', () => {
  it('reads groups, exec, devices (and the legacy file_list), count and connect', () => {
    const { job, diagnostics } = parseJob(WORDCOUNT);
    expect(brief(diagnostics)).toEqual([
      `${at(WORDCOUNT, '"file_list"')} warning group 2 (reduce): \`file_list\` is ZeroCloud's older form; it still works, but write "devices" with "name" instead of "device"`,
    ]);
    const [map, reduce] = job!.groups;
    expect(map).toMatchObject({
      index: 0,
      name: 'map',
      count: 1,
      connect: ['reduce'],
      exec: { path: 'swift://~/app/mapper.wasm', args: ['--verbose', 'two words'], env: [['LANG', 'C']] },
      devices: [
        { name: 'input', path: 'swift://~/data/*.txt' },
        { name: 'stdout', path: undefined },
      ],
    });
    expect(reduce).toMatchObject({
      name: 'reduce',
      exec: { name: 'reducer', args: ['reducer.py'] },
      devices: [{ name: 'python2.7' }, { name: 'stdout', path: 'swift://~/out/total.txt' }],
      connect: [],
    });
    expect(map!.nameAt).toEqual({ line: 3, column: 13, endColumn: 18 });
  });
});

describe('parseJob: diagnostics, each at its place in the text', () => {
  it('invalid JSON, with the position of the first problem', () => {
    const text = '[\n  { "name": "a", }\n]';
    expect(only(text)).toBe(
      `2:18 error the job is not valid JSON: a "quoted" field name was expected here (a comma before } is not allowed in JSON)`,
    );
    expect(only('')).toMatch(/^1:1 error the job is not valid JSON: a value was expected/);
    expect(only('[1, 2] ]')).toMatch(/^1:8 error the job is not valid JSON: the text should end here/);
  });

  it('a job that is not an array of groups', () => {
    expect(only('{"name": "a"}')).toMatch(/^1:1 error the job must be a JSON array of groups/);
    expect(only('[]')).toMatch(/^1:1 error the job must be a JSON array of groups \(1 to 1000\)/);
  });

  it('schema errors name the group and the field in plain words', () => {
    const text = `[\n  { "name": "a", "exec": { "path": "a.wasm" }, "connect": ["map"] },\n  { "name": "map", "exec": { "path": "m.wasm" }, "count": 0 }\n]`;
    expect(only(text)).toBe(
      `${at(text, '0 }')} error group 2 (map): \`count\` must be a whole number from 1 to 1000`,
    );
    const missing = '[\n  { "name": "map" }\n]';
    expect(only(missing)).toBe(
      '2:3 error group 1 (map): `exec` is missing: it must be an object with at least a `path`, such as {"path": "swift://~/app/mapper.wasm"}',
    );
    const badName = group('').replace('"hello"', '"a/b"');
    expect(only(badName)).toMatch(/^3:13 error group 1 \(a\/b\): `name` must be a name of letters, digits/);
    const badEnv = group('').replace('"hello.wasm" }', '"hello.wasm", "env": { "A": 1 } }');
    expect(only(badEnv)).toBe(
      `${at(badEnv, '1 }')} error group 1 (hello): \`exec.env.A\` must be an object whose values are strings, such as {"LANG": "C"}`,
    );
    const badDevice = group(',\n    "devices": [{ "name": "input", "path": 7 }]');
    expect(only(badDevice)).toBe(
      `${at(badDevice, '7 }')} error group 1 (hello): \`devices[0].path\` must be a non-empty string, such as "swift://~/data/a.txt"`,
    );
    expect(only('[\n  7\n]')).toBe(
      '2:3 error group 1 must be an object with at least a `name` and an `exec`',
    );
  });

  it('a connect naming no group', () => {
    const text = group(',\n    "connect": ["reduce"]');
    expect(only(text)).toBe(
      `${at(text, '"reduce"')} error group 1 (hello): connect names "reduce", but no group has that name`,
    );
  });

  it('a connect cycle, at the link that closes it', () => {
    const text = `[
  { "name": "a", "exec": { "path": "a.wasm" }, "connect": ["b"] },
  { "name": "b", "exec": { "path": "b.wasm" }, "connect": ["c"] },
  { "name": "c", "exec": { "path": "c.wasm" }, "connect": ["a"] }
]`;
    expect(only(text)).toBe(
      `${at(text, '"a"]')} error group 3 (c): connect makes a cycle (a → b → c → a); a node here starts when all its inputs are complete, so data cannot flow in a circle`,
    );
    const self = group(',\n    "connect": ["hello"]');
    expect(only(self)).toMatch(/^5:17 error group 1 \(hello\): connect makes a cycle \(hello → hello\)/);
  });

  it('duplicate group names', () => {
    const text = `[\n  { "name": "a", "exec": { "path": "a.wasm" } },\n  { "name": "a", "exec": { "path": "b.wasm" } }\n]`;
    expect(only(text)).toBe(
      `${at(text, '"a"', 2)} error group 2: the name "a" is already used by group 1; group names must differ`,
    );
  });

  it('unknown devices are errors; debug and content types that mean HTTP are warnings', () => {
    const text = group(
      ',\n    "devices": [{ "name": "network" }, { "name": "debug" }, { "name": "stdout", "content_type": "message/http" }]',
    );
    expect(brief(parseJob(text).diagnostics)).toEqual([
      `${at(text, '"network"')} error group 1 (hello): unknown device "network"; the devices are stdin, stdout, stderr, input, script, output, image, debug, python`,
      `${at(text, '"debug"')} warning group 1 (hello): the debug device (a network console) is not supported here and is ignored`,
      `${at(text, '"message/http"')} warning group 1 (hello): content_type message/http (a web response) is not interpreted here; the output is kept as it is`,
    ]);
  });

  it('a device listed twice, and a read device without a path', () => {
    const text = group(',\n    "devices": [{ "name": "stdout" }, { "name": "stdout" }, { "name": "input" }]');
    expect(brief(parseJob(text).diagnostics)).toEqual([
      `${at(text, '"stdout"', 2)} error group 1 (hello): the device "stdout" is listed twice; a node has one of each`,
      `${at(text, '{ "name": "input" }')} error group 1 (hello): the input device needs a path naming the project file to read`,
    ]);
  });

  it('an exec.path that is neither a project module nor the Python runtime', () => {
    const busybox = group('').replace('hello.wasm', 'file://busybox:sh');
    expect(only(busybox)).toBe(
      `${at(busybox, '"file://')} error group 1 (hello): file://busybox:sh runs sh from the system image "busybox"; the only system image here is Python: write file://python:python`,
    );
    const other = group('').replace('hello.wasm', 'swift://alice/app/a.wasm');
    expect(only(other)).toMatch(
      /error group 1 \(hello\): swift:\/\/alice\/app\/a.wasm names account "alice"; only your own/,
    );
    const outside = group('').replace('hello.wasm', '../a.wasm');
    expect(only(outside)).toMatch(
      /error group 1 \(hello\): \.\.\/a\.wasm does not name a file inside the project/,
    );
    for (const python of ['file://python:python', 'file://python3:python3', 'file://python2.7:python'])
      expect(parseJob(group('').replace('hello.wasm', python)).diagnostics).toEqual([]);
  });

  it('bad args quoting, at exec.args', () => {
    const text = group('').replace('"hello.wasm"', '"hello.wasm", "args": "say \\"hi"');
    expect(only(text)).toMatch(
      new RegExp(`^${at(text, '"say')} error group 1 \\(hello\\): \`exec.args\`: this quote is never closed`),
    );
  });

  it('warns about fields ZeroCloud had but that do nothing here, and unknown ones', () => {
    const text = group(',\n    "replicate": 3,\n    "colour": "blue"');
    expect(brief(parseJob(text).diagnostics)).toEqual([
      `${at(text, '"replicate"')} warning group 1 (hello): \`replicate\` is accepted but has no effect here: the playground runs one copy of each node`,
      `${at(text, '"colour"')} warning group 1 (hello): unknown field \`colour\` is ignored`,
    ]);
  });

  it('wildcards: one reader may fan out, writers may reuse its match, count is then ignored', () => {
    const two = group(
      ',\n    "devices": [{ "name": "input", "path": "d/*.txt" }, { "name": "script", "path": "s/*.py" }]',
    );
    expect(only(two)).toMatch(
      new RegExp(
        `^${at(two, '"s/')} error group 1 \\(hello\\): only one device may fan out with \\*; input already does`,
      ),
    );
    const lone = group(',\n    "devices": [{ "name": "output", "path": "out/*.txt" }]');
    expect(only(lone)).toMatch(/error group 1 \(hello\): the \* in this output path has nothing to copy/);
    const many = group(',\n    "devices": [{ "name": "input", "path": "d/*/*.txt" }]');
    expect(only(many)).toMatch(
      /error group 1 \(hello\): device input: a path may have one \* wildcard, not several/,
    );
    const counted = group(',\n    "count": 3,\n    "devices": [{ "name": "input", "path": "d/*.txt" }]');
    expect(only(counted)).toBe(
      `${at(counted, '3,')} warning group 1 (hello): \`count\` is ignored: the * in input's path starts one node per matching file`,
    );
  });

  it('caps hostile input: huge text, huge counts', () => {
    expect(only(' '.repeat(300 * 1024) + '[]')).toMatch(
      /^1:1 error the job is \d+ bytes long; the most a job may be is 262144 bytes/,
    );
    const big = group(',\n    "count": 1001');
    expect(only(big)).toBe(
      `${at(big, '1001')} error group 1 (hello): \`count\` must be a whole number from 1 to 1000`,
    );
  });
});
