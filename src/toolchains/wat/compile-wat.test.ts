import { describe, expect, it } from 'vitest';
import { text } from '../../engine/test-support/sandbox-run.ts';
import { compile } from '../compile.ts';
import { moduleOf, runModule } from '../test-support/run-module.ts';

const wat = (source: string, path = 'src/hello.wat') =>
  compile({ language: 'wat', files: { [path]: source }, sources: [path] });

/** A module that writes `data` (`length` bytes once escapes are read) to stdout with fd_write. */
const helloWat = (data: string, length: number) => `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "${data}")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const ${length}))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
`;
const HELLO = helloWat('hi from WAT\\n', 12);

describe('compile (WAT)', () => {
  it('assembles a module that calls fd_write', async () => {
    const result = await wat(HELLO);
    expect(result).toMatchObject({ ok: true, diagnostics: [], log: '' });
    expect(text(runModule(moduleOf(result)).stdout)).toBe('hi from WAT\n');
  });

  it('reads UTF-8 sources, also from a view into a larger buffer', async () => {
    const source = new TextEncoder().encode(helloWat('héllo ✓\\n', 11));
    const padded = new Uint8Array(source.length + 200).fill(0x29);
    padded.set(source, 100);
    const view = padded.subarray(100, 100 + source.length);
    const result = await compile({ language: 'wat', files: { 'u.wat': view }, sources: ['u.wat'] });
    expect(text(runModule(moduleOf(result)).stdout)).toBe('héllo ✓\n');
    // Node's Buffer.from puts small strings in a shared pool, and its slice() is a view.
    const pooled = await compile({
      language: 'wat',
      files: { 'p.wat': Buffer.from(HELLO) },
      sources: ['p.wat'],
    });
    expect(text(runModule(moduleOf(pooled)).stdout)).toBe('hi from WAT\n');
  });

  it('puts a syntax error on its line and column, naming the project file exactly', async () => {
    const result = await wat('(module\n  (func $f (result i32)\n    i32.const 1\n    i32.addx)\n)\n');
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        file: 'src/hello.wat',
        line: 4,
        column: 5,
        severity: 'error',
        message: 'unexpected token i32.addx, expected ).',
      },
    ]);
    expect(result.log.split('\n')[0]).toBe(
      'src/hello.wat:4:5: error: unexpected token i32.addx, expected ).',
    );
  });

  it('reports every validation error with its position', async () => {
    const source =
      '(module\n  (func (result i32)\n    i64.const 1)\n  (func (result i32)\n    f32.const 1))\n';
    const result = await wat(source, 'm.wat');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.file, d.line, d.column, d.severity])).toEqual([
      ['m.wat', 3, 5, 'error'],
      ['m.wat', 5, 5, 'error'],
    ]);
    expect(result.diagnostics[0]!.message).toBe(
      'type mismatch in implicit return, expected [i32] but got [i64]',
    );
  });

  it('reports an undefined name and compiles one module only', async () => {
    const undefinedName = await wat('(module\n  (func\n    call $nope))\n');
    expect(undefinedName.diagnostics).toMatchObject([
      { line: 3, column: 10, message: 'undefined function variable "$nope"' },
    ]);
    const two = await compile({
      language: 'wat',
      files: { 'a.wat': '', 'b.wat': '' },
      sources: ['a.wat', 'b.wat'],
    });
    expect(two).toMatchObject({ ok: false, diagnostics: [{ severity: 'error' }] });
  });
});
