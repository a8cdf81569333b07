import { describe, expect, it } from 'vitest';
import { loadFixture } from '../test-support/fixture-cache.ts';
import {
  STDIO_CHANNELS,
  argsNvram,
  manifestText,
  parseValidManifest,
  runFixture,
  text,
} from '../test-support/sandbox-run.ts';
import { call, i32Const, wasiProgram } from '../test-support/wasi-program.ts';
import { importDesc, wasiCommand } from '../test-support/wasm-builder.ts';
import { runSandbox } from './run-sandbox.ts';
import type { RunReport } from './report.ts';

const MIB = 1024 * 1024;

function mallocMb(mib: number, memory: number): RunReport {
  return runFixture('malloc-mb', STDIO_CHANNELS, {
    head: { memory },
    nvram: argsNvram('malloc-mb', String(mib)),
  });
}

/** Runs arbitrary module bytes under a stdio-only manifest. */
function runBytes(program: Uint8Array, memory = 64 * MIB): RunReport {
  return runSandbox({
    manifest: parseValidManifest(manifestText(STDIO_CHANNELS, { memory })),
    program,
    files: new Map(),
  });
}

/** A command whose _start calls itself forever. */
function infiniteRecursion(): Uint8Array {
  return wasiProgram([], call(0));
}

/** A command that grows its memory one page at a time until memory.grow fails, then traps. */
function memoryBomb(): Uint8Array {
  const growOnePage = [...i32Const(1), 0x40, 0];
  const isMinusOne = [...i32Const(-1), 0x46];
  // block; loop; br_if 1 (memory.grow(1) == -1); br 0; end; end; unreachable
  const body = [0x02, 0x40, 0x03, 0x40, ...growOnePage, ...isMinusOne, 0x0d, 1, 0x0c, 0, 0x0b, 0x0b, 0x00];
  return wasiProgram([], body);
}

describe('Memory', () => {
  it('lets a program allocate within the limit', () => {
    const report = mallocMb(8, 16 * MIB);
    expect(text(report.stdout)).toBe('ok\n');
    expect(report.state).toBe('ok');
    expect(report.peakMemoryBytes).toBeGreaterThan(8 * MIB);
    expect(report.peakMemoryBytes).toBeLessThanOrEqual(16 * MIB);
    expect(report.memoryLimitBytes).toBe(16 * MIB);
  });

  it('makes malloc return NULL past the limit, and the program goes on', () => {
    const report = mallocMb(32, 16 * MIB);
    expect(text(report.stdout)).toBe('malloc failed\n');
    expect(report.exitCode).toBe(3);
    expect(report.state).toBe('exit');
    expect(report.peakMemoryBytes).toBeLessThanOrEqual(16 * MIB);
  });

  it('gives the same program more room under a larger limit', () => {
    expect(text(mallocMb(32, 64 * MIB).stdout)).toBe('ok\n');
  });

  it('stops memory.grow at the limit and reports a crash there as out of memory', () => {
    const report = runBytes(memoryBomb(), 1 * MIB);
    expect(report.state).toBe('memory');
    expect(report.exitCode).toBeNull();
    expect(report.message).toMatch(/^out of memory: the program used all 1048576 bytes that Memory allows/);
    expect(report.peakMemoryBytes).toBe(1 * MIB);
  });

  it('refuses a module whose declared minimum memory exceeds the limit', () => {
    // The fixtures declare 2 pages (128 KiB) at start.
    const report = mallocMb(1, 65536);
    expect(report.state).toBe('refused');
    expect(report.exitCode).toBeNull();
    expect(report.message).toBe(
      'refused: the module needs at least 128 KiB of memory at start but Memory allows 64 KiB',
    );
    expect(report.stdout.length).toBe(0);
  });
});

describe('modules the sandbox refuses', () => {
  it('names an import from outside wasi_snapshot_preview1', () => {
    const program = wasiCommand({ imports: [{ module: 'env', name: 'foo', desc: importDesc.function() }] });
    const report = runBytes(program);
    expect(report.state).toBe('refused');
    expect(report.message).toContain('env.foo');
    expect(report.message).toContain('wasi_snapshot_preview1');
  });

  it('names a WASI function the host does not provide', () => {
    const program = wasiCommand({
      imports: [{ module: 'wasi_snapshot_preview1', name: 'no_such_call', desc: importDesc.function() }],
    });
    const report = runBytes(program);
    expect(report.state).toBe('refused');
    expect(report.message).toContain('no_such_call');
  });

  const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array<number>(56).fill(0)]);
  const noise = Uint8Array.from({ length: 256 }, (_, i) => (i * 167 + 13) % 251);
  const wat = new TextEncoder().encode(
    '(module\n  (func (export "_start"))\n  (memory (export "memory") 1))\n',
  );
  it.each([
    ['an ELF executable', elf, /ELF/],
    ['random bytes', noise, /not a WebAssembly module/],
    ['WAT text', wat, /WAT/],
    ['an empty file', new Uint8Array(0), /empty/],
    ['a truncated module', loadFixture('hello').subarray(0, 100), /truncated/],
  ])('refuses %s with one clear line', (_what, program, pattern) => {
    const report = runBytes(program);
    expect(report.state).toBe('refused');
    expect(report.message).toMatch(/^refused: /);
    expect(report.message).toMatch(pattern);
    expect(report.message).not.toContain('\n');
    expect(report.channels.every((c) => c.reads + c.writes === 0)).toBe(true);
  });
});

describe('crashes', () => {
  it('reports a trap as a crash and keeps the output written before it', () => {
    const report = runFixture('unreachable', STDIO_CHANNELS);
    expect(report.state).toBe('crash');
    expect(report.exitCode).toBeNull();
    expect(report.message).toMatch(/^crashed: .*unreachable/);
    expect(text(report.stdout)).toBe('about to trap\n');
  });

  it('keeps what a crashing program wrote to a project-file channel', () => {
    const report = runFixture('unreachable', [
      STDIO_CHANNELS[0]!,
      'Channel = console.log, /dev/stdout, 0, 0, 0, 0, 100, 1048576',
      STDIO_CHANNELS[2]!,
    ]);
    expect(report.state).toBe('crash');
    expect(report.changes).toEqual([
      { path: 'console.log', data: new TextEncoder().encode('about to trap\n') },
    ]);
  });

  it('reports runaway recursion as a stack overflow', () => {
    const report = runBytes(infiniteRecursion());
    expect(report.state).toBe('crash');
    expect(report.message).toBe('crashed: stack overflow (too deep recursion)');
  });
});

describe('prepareProgram', () => {
  it('compiles once and the prepared module runs like the bytes do', async () => {
    const { prepareProgram } = await import('./run-sandbox.ts');
    const prepared = prepareProgram(loadFixture('hello'), 64 * 1024 * 1024);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const report = runFixture('hello', STDIO_CHANNELS, { prepared: prepared.program });
    expect(new TextDecoder().decode(report.stdout)).toBe('hello, sandbox\n');
  });

  it('says why a program is refused', async () => {
    const { prepareProgram } = await import('./run-sandbox.ts');
    const refused = prepareProgram(new TextEncoder().encode('(module)'), 16 * 1024 * 1024);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/WAT/);
  });
});
