import { describe, expect, it } from 'vitest';
import { expandJob } from './expand-job.ts';
import { parseJob } from './parse-job.ts';
import { checkJob } from './plan-job.ts';
import { brief, positionOf, project } from './test-helpers.ts';
import type { ExpandedJob } from './types.ts';

const FILES = project({
  'app/mapper.wasm': '',
  'app/reducer.wasm': '',
  'mapper.c': 'int main(void) { return 0; }',
  'data/b.txt': 'b',
  'data/a.txt': 'a',
  'data/c.txt': 'c',
  'data/deeper/x.txt': 'not matched: * stays within one folder',
  'data/notes.md': 'not matched',
});

function expand(text: string, files = FILES): ExpandedJob {
  const { job, diagnostics } = parseJob(text);
  if (!job) throw new Error(brief(diagnostics).join('\n'));
  const { expanded, diagnostics: more } = expandJob(job, files);
  if (!expanded) throw new Error(brief(more).join('\n'));
  return expanded;
}

const at = (text: string, needle: string): string => {
  const { line, column } = positionOf(text, needle);
  return `${line}:${column}`;
};

describe('expandJob: groups into nodes', () => {
  it('count N gives name-1..name-N; a group of one node keeps the bare name', () => {
    const { nodes, edges } = expand(`[
      { "name": "map", "count": 3, "exec": { "path": "swift://~/app/mapper.wasm", "args": "-v" }, "connect": ["reduce"] },
      { "name": "reduce", "exec": { "path": "app/reducer.wasm", "env": { "K": "v" } } }
    ]`);
    expect(nodes.map((n) => [n.name, n.group, n.index, n.argv0])).toEqual([
      ['map-1', 'map', 1, 'map-1'],
      ['map-2', 'map', 2, 'map-2'],
      ['map-3', 'map', 3, 'map-3'],
      ['reduce', 'reduce', 1, 'reduce'],
    ]);
    expect(nodes[0]).toMatchObject({ program: { kind: 'module', path: 'app/mapper.wasm' }, args: ['-v'] });
    expect(nodes[3]).toMatchObject({
      program: { kind: 'module', path: 'app/reducer.wasm' },
      env: [['K', 'v']],
    });
    expect(edges).toEqual([
      { from: 'map-1', to: 'reduce' },
      { from: 'map-2', to: 'reduce' },
      { from: 'map-3', to: 'reduce' },
    ]);
  });

  it('exec.name is every node’s argv[0] when given', () => {
    const { nodes } = expand(
      '[{ "name": "w", "count": 2, "exec": { "path": "app/mapper.wasm", "name": "worker" } }]',
    );
    expect(nodes.map((n) => [n.name, n.argv0])).toEqual([
      ['w-1', 'worker'],
      ['w-2', 'worker'],
    ]);
  });

  it('a * fans out one node per matching file, in path order, and carries the match into output paths', () => {
    const { nodes } = expand(`[{
      "name": "map", "count": 9, "exec": { "path": "file://python:python", "args": "mapper.py" },
      "devices": [
        { "name": "python" },
        { "name": "input", "path": "swift://~/data/*.txt" },
        { "name": "output", "path": "swift://~/out/*.count" },
        { "name": "stdout" }
      ]
    }]`);
    expect(nodes.map((n) => [n.name, n.match, n.object, n.devices.map((d) => d.path)])).toEqual([
      ['map-1', 'a', 'data/a.txt', [undefined, 'data/a.txt', 'out/a.count', undefined]],
      ['map-2', 'b', 'data/b.txt', [undefined, 'data/b.txt', 'out/b.count', undefined]],
      ['map-3', 'c', 'data/c.txt', [undefined, 'data/c.txt', 'out/c.count', undefined]],
    ]);
    expect(nodes[0]!.program).toEqual({ kind: 'python' });
  });

  it('a wildcard with a single match gives one node with the bare name', () => {
    const { nodes } = expand(
      '[{ "name": "one", "exec": { "path": "app/mapper.wasm" }, "devices": [{ "name": "input", "path": "data/a*" }] }]',
    );
    expect(nodes.map((n) => n.name)).toEqual(['one']);
  });

  it('connect links every node of a group to every node of the other', () => {
    const { edges } = expand(`[
      { "name": "a", "count": 2, "exec": { "path": "app/mapper.wasm" }, "connect": ["b"] },
      { "name": "b", "count": 2, "exec": { "path": "app/mapper.wasm" } }
    ]`);
    expect(edges).toEqual([
      { from: 'a-1', to: 'b-1' },
      { from: 'a-1', to: 'b-2' },
      { from: 'a-2', to: 'b-1' },
      { from: 'a-2', to: 'b-2' },
    ]);
  });
});

describe('expandJob: what the project must hold', () => {
  it('a wildcard that matches no project file', () => {
    const text =
      '[{ "name": "map", "exec": { "path": "app/mapper.wasm" }, "devices": [{ "name": "input", "path": "swift://~/data/*.csv" }] }]';
    expect(brief(checkJob(text, FILES))).toEqual([
      `${at(text, '"swift')} error group 1 (map): swift://~/data/*.csv matches no project file (it looks for data/*.csv, where * stands for any part of one file name)`,
    ]);
  });

  it('a read device naming a missing file', () => {
    const text =
      '[{ "name": "map", "exec": { "path": "app/mapper.wasm" }, "devices": [{ "name": "stdin", "path": "in.txt" }] }]';
    expect(brief(checkJob(text, FILES))).toEqual([
      `${at(text, '"in.txt"')} error group 1 (map): device stdin reads in.txt, which is not in the project`,
    ]);
  });

  it('an exec.path missing from the project (with a hint when its C source is there), or not wasm', () => {
    const text = '[{ "name": "m", "exec": { "path": "mapper.wasm" } }]';
    expect(brief(checkJob(text, FILES))).toEqual([
      `${at(text, '"mapper.wasm"')} error group 1 (m): exec.path names mapper.wasm, which is not in the project (build it from mapper.c first)`,
    ]);
    const source = '[{ "name": "m", "exec": { "path": "mapper.c" } }]';
    expect(brief(checkJob(source, FILES))).toEqual([
      `${at(source, '"mapper.c"')} error group 1 (m): exec.path names mapper.c, which is not a WebAssembly module; name the compiled .wasm (or run Python with file://python:python)`,
    ]);
  });

  it('more than 1000 nodes after expansion', () => {
    const text = `[
      { "name": "a", "count": 600, "exec": { "path": "app/mapper.wasm" } },
      { "name": "b", "count": 600, "exec": { "path": "app/mapper.wasm" } }
    ]`;
    expect(brief(checkJob(text, FILES))).toEqual([
      `${at(text, '"b"')} error the job expands to more than 1000 nodes by group 2 (b), which starts 600; the most a job may run is 1000`,
    ]);
  });

  it('too many links between nodes', () => {
    const text = `[
      { "name": "a", "count": 150, "exec": { "path": "app/mapper.wasm" }, "connect": ["b"] },
      { "name": "b", "count": 150, "exec": { "path": "app/mapper.wasm" } }
    ]`;
    expect(brief(checkJob(text, FILES))).toEqual([
      `${at(text, '"b"]')} error connecting a to b makes the job's links number more than 20000; use fewer nodes`,
    ]);
  });

  it('two groups making a node of the same name', () => {
    const text = `[
      { "name": "map", "count": 2, "exec": { "path": "app/mapper.wasm" } },
      { "name": "map-2", "exec": { "path": "app/mapper.wasm" } }
    ]`;
    expect(brief(checkJob(text, FILES))).toEqual([
      `${at(text, '"map-2"')} error group 2 (map-2) makes a node named map-2, which group 1 (map) also makes; rename one of the groups`,
    ]);
  });

  it('several nodes writing one file', () => {
    const text = `[{ "name": "map", "count": 3, "exec": { "path": "app/mapper.wasm" }, "devices": [{ "name": "output", "path": "out.txt" }] }]`;
    expect(brief(checkJob(text, FILES))).toEqual([
      `${at(text, '"out.txt"')} error map-2 and map-1 would both write out.txt; put a * in the path so each node writes its own file`,
    ]);
  });
});
