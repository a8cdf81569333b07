import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { init as initWasmer, WASI as WasmerWASI } from '@wasmer/wasi';
import { quickRun } from '../src/engine/run/quick-mode.ts';
import { prepareProgram, runSandbox } from '../src/engine/run/run-sandbox.ts';
import { loadFixture } from '../src/engine/test-support/fixture-cache.ts';
import { pairedRatio, summarize, timeIt } from './stats.ts';
import type { Summary } from './stats.ts';

/** One figure of the Node side. */
export interface NodeFigures {
  spinup_node_ms: Summary;
  layer_overhead_ratio: { stream: Summary; wordcount: Summary };
  trace_overhead_ratio: { stream: Summary; wordcount: Summary };
  vs_node_wasi_ratio: { stream: Summary; wordcount: Summary };
}

const MiB = 1024 * 1024;

/** Bytes of text: words and lines, so word count has work to do. */
function textOf(size: number): Uint8Array {
  const line = new TextEncoder().encode('the quick brown fox jumps over the lazy sandbox dog\n');
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += line.length) out.set(line.subarray(0, Math.min(line.length, size - i)), i);
  return out;
}

/** A program run four ways on the same input: the engine (trace off/on), raw @wasmer/wasi, node:wasi. */
function runners(name: string, stdin: Uint8Array, expectOut: (out: number) => boolean) {
  const bytes = loadFixture(name);
  // A small Memory: thousands of instances each reserving 4 GiB of address space exhaust it.
  const quick = quickRun({ program: `${name}.wasm`, memory: 64 * MiB });
  const files = new Map([[quick.nvramPath, new TextEncoder().encode(quick.nvramText)]]);
  const prepared = prepareProgram(bytes, quick.manifest.memory);
  if (!prepared.ok) throw new Error(prepared.reason);
  const module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  const check = (out: number, who: string) => {
    if (!expectOut(out)) throw new Error(`${who}: ${name} wrote ${out} bytes, not what was expected`);
  };
  const engine = (trace: boolean) => () => {
    const report = runSandbox({
      manifest: quick.manifest,
      nvram: quick.nvram,
      program: bytes,
      prepared: prepared.program,
      files,
      stdin,
      trace,
    });
    if (report.state !== 'ok') throw new Error(`engine: ${report.message}`);
    check(report.stdout?.length ?? 0, 'engine');
  };
  const wasmer = () => {
    const wasi = new WasmerWASI({ args: [name], env: {} });
    wasi.setStdinBuffer(stdin);
    const instance = new WebAssembly.Instance(module, wasi.getImports(module) as WebAssembly.Imports);
    wasi.start(instance);
    check(wasi.getStdoutBuffer().length, '@wasmer/wasi');
    wasi.free();
  };
  const dir = mkdtempSync(join(tmpdir(), 'zvm-bench-'));
  writeFileSync(join(dir, 'in'), stdin);
  /** node:wasi's run times, measured in a child process (see node-wasi-child.ts). */
  const nodeWasiTimes = (reps: number): number[] => {
    writeFileSync(join(dir, 'program.wasm'), bytes);
    const args = [join(dir, 'program.wasm'), join(dir, 'in'), join(dir, 'out'), String(reps)];
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--no-warnings', CHILD, ...args], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`node:wasi child failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout) as { times: number[]; outputBytes: number };
    check(result.outputBytes, 'node:wasi');
    return result.times;
  };
  return {
    engine: engine(false),
    traced: engine(true),
    wasmer,
    nodeWasiTimes,
    cleanup: () => rmSync(dir, { recursive: true }),
  };
}

const CHILD = fileURLToPath(new URL('./node-wasi-child.ts', import.meta.url));

/** Engine time over node:wasi time: medians of separate series (node:wasi runs in a child process). */
async function ratioToNodeWasi(r: ReturnType<typeof runners>, reps: number): Promise<Summary> {
  const engine = summarize(await timeIt(r.engine, reps));
  const node = summarize(r.nodeWasiTimes(reps + 1).slice(1));
  return {
    median: engine.median / node.median,
    p10: engine.p10 / node.p90,
    p90: engine.p90 / node.p10,
    n: reps,
  };
}

/** Runs the Node-side benchmarks (engine in this thread, the way a warm worker runs it). */
export async function runNodeSuite(log: (line: string) => void): Promise<NodeFigures> {
  await initWasmer();
  const hello = runners('hello', new Uint8Array(0), (n) => n > 0);
  const spinup = summarize(await timeIt(hello.engine, 300, 20));
  log(`spin-up (hello, in-thread, prepared): median ${spinup.median.toFixed(3)} ms`);
  hello.cleanup();

  const stream = runners('stream-64k', textOf(64 * MiB), (n) => n === 64 * MiB);
  const wc = runners('wordcount', textOf(16 * MiB), (n) => n > 0);
  const pairs = Number(process.env.PAIRS ?? 7);
  const figures: NodeFigures = {
    spinup_node_ms: spinup,
    layer_overhead_ratio: {
      stream: (await pairedRatio(stream.engine, stream.wasmer, pairs)).ratio,
      wordcount: (await pairedRatio(wc.engine, wc.wasmer, pairs)).ratio,
    },
    trace_overhead_ratio: {
      stream: (await pairedRatio(stream.traced, stream.engine, pairs)).ratio,
      wordcount: (await pairedRatio(wc.traced, wc.engine, pairs)).ratio,
    },
    vs_node_wasi_ratio: {
      stream: await ratioToNodeWasi(stream, pairs),
      wordcount: await ratioToNodeWasi(wc, pairs),
    },
  };
  stream.cleanup();
  wc.cleanup();
  for (const key of ['layer_overhead_ratio', 'trace_overhead_ratio', 'vs_node_wasi_ratio'] as const) {
    log(
      `${key}: stream ${figures[key].stream.median.toFixed(2)}x, wordcount ${figures[key].wordcount.median.toFixed(2)}x`,
    );
  }
  return figures;
}
