import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { BenchApi } from './browser/bench-page.ts';
import { APP_OUT_DIR, BENCH_PAGE, buildBoth, preview } from './servers.ts';
import { summarize } from './stats.ts';
import type { Summary } from './stats.ts';

/** The browser-side figures (Chromium, production builds, times taken inside the page). */
export interface BrowserFigures {
  spinup_warm_ms: Summary;
  spinup_after_stop_ms: Summary;
  spinup_cold_ms: Summary;
  compile_c_warm_ms: Summary;
  compile_c_cold_ms: Summary;
  compile_c_first_visit_ms: Summary;
  compile_cpp_warm_ms: Summary;
  compile_cpp_first_ms: Summary;
  compile_cpp_second_ms: Summary;
  python_hello_warm_ms: Summary;
  job_speedup: Summary & {
    sequential_ms: Summary;
    parallel_ms: Summary;
    pool_size: number;
    mib_per_mapper: number;
  };
  app_interactive_ms: Summary;
  app_interactive_repeat_ms: Summary;
  app_bytes_before_run: AppBytes;
}

/** What the page loaded before Run was enabled, by kind, as transferred (compressed) and decoded. */
export interface AppBytes {
  encoding: 'br' | 'gzip';
  js: number;
  css: number;
  wasm: number;
  other: number;
  decoded: number;
  files: number;
  /** Toolchain files (clang, Python) fetched before Run was enabled: should be none. */
  toolchains: string[];
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const reps = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

// Records when the toolbar's Run button first exists enabled, on the page's own clock (0 = navigation start).
const WATCH_RUN_BUTTON = `(() => {
  const check = () => {
    const run = document.querySelector('button.toolbar-run');
    if (run && !run.disabled && window.__runEnabledAt === undefined) window.__runEnabledAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})()`;

const TOOLCHAIN = /llvm|clang|python|wabt|\.tar$/i;

/** Navigation start to Run enabled, and the bytes loaded before it. */
async function loadApp(page: Page, url: string): Promise<{ ms: number; bytes: Omit<AppBytes, 'encoding'> }> {
  await page.goto(url);
  await page.waitForFunction(
    () => (window as { __runEnabledAt?: number }).__runEnabledAt !== undefined,
    null,
    {
      timeout: 60_000,
    },
  );
  return page.evaluate((toolchainSource) => {
    const at = (window as unknown as { __runEnabledAt: number }).__runEnabledAt;
    const toolchain = new RegExp(toolchainSource, 'i');
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const entries = [
      nav,
      ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]),
    ].filter((e) => e.responseEnd <= at);
    const bytes = {
      js: 0,
      css: 0,
      wasm: 0,
      other: 0,
      decoded: 0,
      files: entries.length,
      toolchains: [] as string[],
    };
    for (const e of entries) {
      const path = new URL(e.name).pathname;
      if (toolchain.test(path)) bytes.toolchains.push(path);
      const kind = /\.m?js$/.test(path)
        ? 'js'
        : path.endsWith('.css')
          ? 'css'
          : path.endsWith('.wasm')
            ? 'wasm'
            : 'other';
      bytes[kind] += e.transferSize;
      bytes.decoded += e.decodedBodySize;
    }
    return { ms: at, bytes };
  }, TOOLCHAIN.source);
}

async function freshContext(browser: Browser, headers?: Record<string, string>): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 720 }, extraHTTPHeaders: headers });
}

/** First visits (fresh profile each), repeat visits (reload), and the gzip bytes DESIGN's budget is stated in. */
async function appFigures(browser: Browser, url: string, log: (line: string) => void) {
  const first: number[] = [];
  const repeat: number[] = [];
  let brotli: AppBytes | undefined;
  for (let i = 0; i < reps('APP_REPS', 7); i++) {
    const context = await freshContext(browser);
    await context.addInitScript(WATCH_RUN_BUTTON);
    const page = await context.newPage();
    const visit = await loadApp(page, url);
    first.push(visit.ms);
    brotli = { encoding: 'br', ...visit.bytes };
    repeat.push((await loadApp(page, url)).ms);
    await context.close();
  }
  const context = await freshContext(browser, { 'Accept-Encoding': 'gzip' });
  await context.addInitScript(WATCH_RUN_BUTTON);
  const gzip: AppBytes = { encoding: 'gzip', ...(await loadApp(await context.newPage(), url)).bytes };
  await context.close();
  const kb = (b: AppBytes) => `${((b.js + b.css) / 1024).toFixed(0)} KB JS+CSS (${b.encoding})`;
  log(
    `app: Run enabled ${summarize(first).median.toFixed(0)} ms after navigation; ${kb(gzip)}, ${kb(brotli!)}`,
  );
  return { first: summarize(first), repeat: summarize(repeat), gzip };
}

type BenchCall = <K extends keyof BenchApi>(
  name: K,
  ...args: Parameters<BenchApi[K]>
) => ReturnType<BenchApi[K]>;

async function openBench(context: BrowserContext, url: string): Promise<{ page: Page; call: BenchCall }> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`bench page: ${error.message}`));
  await page.goto(`${url}${BENCH_PAGE}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const call = ((name: keyof BenchApi, ...args: unknown[]) =>
    page.evaluate(([n, a]) => (window.zvmBench![n] as (...x: unknown[]) => unknown)(...(a as unknown[])), [
      name,
      args,
    ] as const)) as BenchCall;
  return { page, call };
}

/** Compile times: the very first (download), first-after-load with the toolchain cached, then warm. */
async function compileFigures(context: BrowserContext, url: string) {
  let bench = await openBench(context, url);
  const firstVisit = await bench.call('compileHello', 'c', 1);
  const cold: number[] = [];
  for (let i = 0; i < reps('COMPILE_COLD_REPS', 5); i++) {
    await bench.page.close();
    bench = await openBench(context, url);
    cold.push(...(await bench.call('compileHello', 'c', 1)));
  }
  const warm = await bench.call('compileHello', 'c', reps('COMPILE_REPS', 15));
  const cppFirst = await bench.call('compileHello', 'cpp', 1);
  // The compiler precompiles <iostream> after answering; this one waits for that, as a quick second Run would.
  const cppSecond = await bench.call('compileHello', 'cpp', 1);
  const cppWarm = await bench.call('compileHello', 'cpp', reps('CPP_REPS', 6));
  await bench.page.close();
  return {
    firstVisit: summarize(firstVisit),
    cold: summarize(cold),
    warm: summarize(warm),
    cppFirst: summarize(cppFirst),
    cppSecond: summarize(cppSecond),
    cppWarm: summarize(cppWarm),
  };
}

/** Runs the browser benchmarks against fresh production builds served by `vite preview`. */
export async function runBrowserSuite(log: (line: string) => void): Promise<BrowserFigures> {
  log('building the app and the bench page for production…');
  buildBoth();
  log(`built ${APP_OUT_DIR} and the bench page`);
  const app = await preview('app', 4271);
  const benchServer = await preview('bench', 4272);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const appResult = await appFigures(browser, app.url, log);
    const context = await freshContext(browser);
    const compiled = await compileFigures(context, benchServer.url);
    log(
      `compile C: warm ${compiled.warm.median.toFixed(0)} ms, cold ${compiled.cold.median.toFixed(0)} ms; C++ warm ${compiled.cppWarm.median.toFixed(0)} ms`,
    );
    const { call, page } = await openBench(context, benchServer.url);
    const warm = summarize(await call('spinupWarm', reps('SPINUP_REPS', 200)));
    const afterStop = summarize(await call('spinupAfterStop', reps('STOP_REPS', 15)));
    const cold = summarize(await call('spinupCold', reps('COLD_REPS', 15)));
    log(
      `spin-up: warm ${warm.median.toFixed(2)} ms, after Stop ${afterStop.median.toFixed(2)} ms, cold ${cold.median.toFixed(1)} ms`,
    );
    const python = summarize(await call('pythonHello', reps('PYTHON_REPS', 20)));
    log(`python hello: ${python.median.toFixed(0)} ms`);
    const mib = reps('JOB_MIB', 16);
    const job = await call('jobSequentialVsParallel', mib, reps('JOB_PAIRS', 7));
    const speedup = summarize(job.sequential.map((s, i) => s / job.parallel[i]!));
    log(`job: ${speedup.median.toFixed(2)}x faster on ${job.poolSize} workers than one at a time`);
    await page.close();
    await context.close();
    return {
      spinup_warm_ms: warm,
      spinup_after_stop_ms: afterStop,
      spinup_cold_ms: cold,
      compile_c_warm_ms: compiled.warm,
      compile_c_cold_ms: compiled.cold,
      compile_c_first_visit_ms: compiled.firstVisit,
      compile_cpp_warm_ms: compiled.cppWarm,
      compile_cpp_first_ms: compiled.cppFirst,
      compile_cpp_second_ms: compiled.cppSecond,
      python_hello_warm_ms: python,
      job_speedup: {
        ...speedup,
        sequential_ms: summarize(job.sequential),
        parallel_ms: summarize(job.parallel),
        pool_size: job.poolSize,
        mib_per_mapper: mib,
      },
      app_interactive_ms: appResult.first,
      app_interactive_repeat_ms: appResult.repeat,
      app_bytes_before_run: appResult.gzip,
    };
  } finally {
    await browser.close();
    app.stop();
    benchServer.stop();
  }
}
