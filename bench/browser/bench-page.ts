import mapperWasm from '../../src/app/examples/mapreduce/mapper.c?wasm-base64';
import reducerWasm from '../../src/app/examples/mapreduce/reducer.c?wasm-base64';
import wordcountJob from '../../src/app/examples/mapreduce/wordcount.job.json?raw';
import { fromBase64 } from '../../src/app/default-project/index.ts';
import { planRun } from '../../src/app/plan-run.ts';
import type { SandboxRequest } from '../../src/worker/run-session.ts';
import { planJob, runJob } from '../../src/engine/job/index.ts';
import helloSource from '../../src/engine/test-support/fixtures/hello.c?raw';
import helloWasm from '../../src/engine/test-support/fixtures/hello.c?wasm-base64';
import loopWasm from '../../src/engine/test-support/fixtures/loop-forever.c?wasm-base64';
import { CompilerClient } from '../../src/worker/compiler-client.ts';
import { loadPythonRuntime } from '../../src/worker/python-runtime.ts';
import { SandboxClient } from '../../src/worker/sandbox-client.ts';
import { DEFAULT_POOL_SIZE, SandboxPool } from '../../src/worker/sandbox-pool.ts';
import type { CompileRequest } from '../../src/toolchains/types.ts';

// The page side of `npm run bench`: each function runs the app's own modules (sandbox workers, compiler
// worker, job pool) from the production build and returns times taken with performance.now(), in ms.

const encoder = new TextEncoder();
const ignoreOutput = { onOutput: () => {} };

/** The request Run makes for `path` opened alone in a project (quick mode for .wasm, runtime:python for .py). */
function requestFor(path: string, bytes: Uint8Array): SandboxRequest {
  const plan = planRun({ files: { [path]: bytes }, activeFile: path }, { stdin: '', args: '', env: '' });
  if (plan.kind !== 'run') throw new Error(`${path} would not run: ${plan.reason}`);
  return { ...plan.request, deterministic: true, trace: false };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function runOk(client: SandboxClient, request: SandboxRequest, expect: string): Promise<void> {
  const report = await client.run(request, ignoreOutput);
  const out = new TextDecoder().decode(report.stdout ?? new Uint8Array(0));
  if (report.state !== 'ok' || !out.includes(expect)) throw new Error(`run failed: ${report.message} ${out}`);
}

const hello = () => requestFor('hello.wasm', fromBase64(helloWasm));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Hello world in a warm worker that has the module compiled: Run pressed again. */
async function spinupWarm(reps: number): Promise<number[]> {
  const client = new SandboxClient();
  const request = hello();
  for (let i = 0; i < 5; i++) await runOk(client, request, 'hello');
  const out: number[] = [];
  for (let i = 0; i < reps; i++) out.push(await timed(() => runOk(client, request, 'hello')));
  client.dispose();
  return out;
}

/** Hello world right after Stop killed an endless loop: the standby worker takes over. */
async function spinupAfterStop(reps: number): Promise<number[]> {
  const client = new SandboxClient();
  const request = hello();
  const loop = requestFor('loop.wasm', fromBase64(loopWasm));
  await runOk(client, request, 'hello');
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const looping = client.run(loop, ignoreOutput);
    // A program the user stops has run for a while (its standby starts STANDBY_DELAY_MS into the run).
    await sleep(500);
    client.stop();
    await looping;
    out.push(await timed(() => runOk(client, request, 'hello')));
    // Lets the replacement standby load, as it would while the user reads the output.
    await sleep(300);
  }
  client.dispose();
  return out;
}

/** Hello world in a worker started for it: worker boot, module compile, run. */
async function spinupCold(reps: number): Promise<number[]> {
  const request = hello();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const client = new SandboxClient({ warm: false });
    out.push(await timed(() => runOk(client, request, 'hello')));
    client.dispose();
  }
  return out;
}

const CPP_HELLO =
  '#include <iostream>\nint main() { std::cout << "hello, sandbox" << std::endl; return 0; }\n';

function compileRequest(language: 'c' | 'cpp'): CompileRequest {
  const path = language === 'c' ? 'hello.c' : 'hello.cpp';
  return { language, files: { [path]: language === 'c' ? helloSource : CPP_HELLO }, sources: [path] };
}

let compiler: CompilerClient | null = null;

/** Compiles hello world `reps` times in the page's compiler worker; the first call of a page is the cold one. */
async function compileHello(language: 'c' | 'cpp', reps: number): Promise<number[]> {
  compiler ??= new CompilerClient();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const ms = await timed(async () => {
      const result = await compiler!.compile(compileRequest(language));
      if (!result.ok || !result.wasm) throw new Error(`compile failed: ${result.log}`);
    });
    out.push(ms);
  }
  return out;
}

/** print("hello") on the Python runtime, module cached and worker warm. */
async function pythonHello(reps: number): Promise<number[]> {
  const runtime = await loadPythonRuntime();
  const request = {
    ...requestFor('hello.py', encoder.encode('print("hello, sandbox")\n')),
    program: runtime,
  };
  const client = new SandboxClient();
  for (let i = 0; i < 3; i++) await runOk(client, request, 'hello');
  const out: number[] = [];
  for (let i = 0; i < reps; i++) out.push(await timed(() => runOk(client, request, 'hello')));
  client.dispose();
  return out;
}

/** Text of `bytes` bytes: words and lines for the mappers to count. */
function textOf(bytes: number, seed: number): Uint8Array {
  const line = encoder.encode(`the quick brown fox ${seed} jumps over the lazy sandbox dog\n`);
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += line.length) out.set(line.subarray(0, Math.min(line.length, bytes - i)), i);
  return out;
}

/** The MapReduce example (4 C mappers over `mib` MiB each + 1 reducer) as the Job tab plans it. */
function wordcountPlan(mib: number) {
  const files = new Map<string, Uint8Array>([
    ['wordcount.job.json', encoder.encode(wordcountJob)],
    ['mapper.wasm', fromBase64(mapperWasm)],
    ['reducer.wasm', fromBase64(reducerWasm)],
  ]);
  for (const [i, name] of ['a', 'b', 'c', 'd'].entries())
    files.set(`data/${name}.txt`, textOf(mib * 1024 * 1024, i));
  const planned = planJob(wordcountJob, files);
  if (!planned.plan) throw new Error(`the job does not plan: ${planned.diagnostics[0]?.message}`);
  return { plan: planned.plan, files };
}

/**
 * The word-count job run alternately one node at a time and on the page's pool (one worker per core), each
 * pool kept warm as in the app; returns each side's times.
 */
async function jobSequentialVsParallel(
  mib: number,
  pairs: number,
): Promise<{ sequential: number[]; parallel: number[]; poolSize: number }> {
  const { plan, files } = wordcountPlan(mib);
  const pools = { sequential: new SandboxPool(1), parallel: new SandboxPool(DEFAULT_POOL_SIZE) };
  const once = async (kind: keyof typeof pools) => {
    const pool = pools[kind];
    const report = await runJob(
      plan,
      (node, nodeFiles, signal) =>
        pool.run(
          {
            manifest: node.manifest,
            nvram: node.nvram,
            program: node.program.kind === 'module' ? files.get(node.program.path)! : new Uint8Array(0),
            files: nodeFiles,
            stdin: new Uint8Array(0),
            deterministic: true,
            trace: false,
          },
          ignoreOutput,
          signal,
        ),
      { concurrency: pool.size },
    );
    if (report.state !== 'done') throw new Error(`the job failed: ${report.summary}`);
  };
  await once('sequential');
  await once('parallel');
  const sequential: number[] = [];
  const parallel: number[] = [];
  for (let i = 0; i < pairs; i++) {
    sequential.push(await timed(() => once('sequential')));
    parallel.push(await timed(() => once('parallel')));
  }
  pools.sequential.dispose();
  pools.parallel.dispose();
  return { sequential, parallel, poolSize: DEFAULT_POOL_SIZE };
}

const api = { spinupWarm, spinupAfterStop, spinupCold, compileHello, pythonHello, jobSequentialVsParallel };

/** What the benchmark driver calls through page.evaluate. */
export type BenchApi = typeof api;

declare global {
  interface Window {
    zvmBench?: BenchApi;
  }
}

window.zvmBench = api;
document.body.dataset.ready = 'true';
