import { quickRun } from '../engine/run/quick-mode.ts';
import type { RunReport } from '../engine/run/report.ts';
import { runSandbox } from '../engine/run/run-sandbox.ts';

// 174 bytes: fd_write(1, ".") then proc_exit(0); made with engine/test-support/wasi-program.ts.
const WARM_UP_WASM =
  'AGFzbQEAAAABEANgBH9/f38Bf2ABfwBgAAACRgIWd2FzaV9zbmFwc2hvdF9wcmV2aWV3MQhmZF93cml0ZQAAFndhc2lfc25hcHNob3RfcHJl' +
  'dmlldzEJcHJvY19leGl0AAEDAgECBQMBAAEHEwIGX3N0YXJ0AAIGbWVtb3J5AgAKEwERAEEBQQBBAUEIEAAaQQAQAQsLFwEAQQALERAAAAAB' +
  'AAAAAAAAAAAAAAAu';

/** Runs a tiny built-in program through the whole engine, so a fresh worker's first real run skips the JIT warm-up. */
export function warmUp(): RunReport {
  const program = Uint8Array.from(atob(WARM_UP_WASM), (c) => c.charCodeAt(0));
  const quick = quickRun({ program: 'warm-up.wasm', memory: 65536, timeout: 1 });
  const files = new Map([[quick.nvramPath, new TextEncoder().encode(quick.nvramText)]]);
  return runSandbox({ manifest: quick.manifest, nvram: quick.nvram, program, files, trace: true });
}
