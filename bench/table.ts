import type { Summary } from './stats.ts';

/** A figure of the results, where DESIGN.md sets its target, and which way is better. */
interface Row {
  key: string;
  label: string;
  unit: 'ms' | 'x';
  /** DESIGN.md's bound; undefined where it only asks for the figure. */
  target?: number;
  better: 'lower' | 'higher';
}

const ROWS: Row[] = [
  { key: 'spinup_warm_ms', label: 'Spin-up, warm worker (browser)', unit: 'ms', target: 1, better: 'lower' },
  { key: 'spinup_after_stop_ms', label: 'Spin-up right after Stop', unit: 'ms', target: 5, better: 'lower' },
  { key: 'spinup_cold_ms', label: 'Spin-up, fresh worker', unit: 'ms', target: 50, better: 'lower' },
  { key: 'spinup_node_ms', label: 'Spin-up, in-thread (Node)', unit: 'ms', better: 'lower' },
  {
    key: 'layer_overhead_ratio.stream',
    label: 'Layer vs @wasmer/wasi, 64 MiB stream',
    unit: 'x',
    target: 1.2,
    better: 'lower',
  },
  {
    key: 'layer_overhead_ratio.wordcount',
    label: 'Layer vs @wasmer/wasi, 16 MiB wc',
    unit: 'x',
    target: 1.2,
    better: 'lower',
  },
  {
    key: 'trace_overhead_ratio.stream',
    label: 'Trace on vs off, stream',
    unit: 'x',
    target: 2,
    better: 'lower',
  },
  {
    key: 'trace_overhead_ratio.wordcount',
    label: 'Trace on vs off, wc',
    unit: 'x',
    target: 2,
    better: 'lower',
  },
  { key: 'vs_node_wasi_ratio.stream', label: 'Engine vs node:wasi, stream', unit: 'x', better: 'lower' },
  { key: 'vs_node_wasi_ratio.wordcount', label: 'Engine vs node:wasi, wc', unit: 'x', better: 'lower' },
  { key: 'compile_c_warm_ms', label: 'C hello compile, warm', unit: 'ms', target: 200, better: 'lower' },
  { key: 'compile_c_cold_ms', label: 'C hello compile, first after load', unit: 'ms', better: 'lower' },
  {
    key: 'compile_c_first_visit_ms',
    label: 'C hello compile, first visit (download)',
    unit: 'ms',
    better: 'lower',
  },
  {
    key: 'compile_cpp_warm_ms',
    label: 'C++ iostream compile, warm',
    unit: 'ms',
    target: 2000,
    better: 'lower',
  },
  { key: 'compile_cpp_first_ms', label: 'C++ iostream compile, first', unit: 'ms', better: 'lower' },
  {
    key: 'compile_cpp_second_ms',
    label: 'C++ second (waits for the <iostream> PCH)',
    unit: 'ms',
    better: 'lower',
  },
  {
    key: 'python_hello_warm_ms',
    label: 'Python hello, module cached',
    unit: 'ms',
    target: 150,
    better: 'lower',
  },
  {
    key: 'job_speedup',
    label: 'Job 4 mappers + 1 reducer, parallel',
    unit: 'x',
    target: 1.6,
    better: 'higher',
  },
  {
    key: 'app_interactive_ms',
    label: 'App: navigation to Run enabled',
    unit: 'ms',
    target: 1500,
    better: 'lower',
  },
  { key: 'app_interactive_repeat_ms', label: 'App: same, repeat visit', unit: 'ms', better: 'lower' },
];

function lookup(results: Record<string, unknown>, key: string): Summary | undefined {
  let value: unknown = results;
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value !== null && typeof value === 'object' && 'median' in value ? (value as Summary) : undefined;
}

const show = (n: number, unit: Row['unit']) =>
  unit === 'x' ? `${n.toFixed(2)}x` : n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(0)} ms`;

/** The results as a Markdown table: median, 10th-90th percentile, runs, DESIGN.md's target and whether it is met. */
export function formatTable(results: Record<string, unknown>): string {
  const lines = ['| Figure | Median | p10-p90 | n | Target | Met |', '|---|---|---|---|---|---|'];
  for (const row of ROWS) {
    const s = lookup(results, row.key);
    if (!s) continue;
    const target =
      row.target === undefined ? '' : `${row.better === 'lower' ? '<=' : '>='} ${show(row.target, row.unit)}`;
    const met =
      row.target === undefined
        ? ''
        : (row.better === 'lower' ? s.median <= row.target : s.median >= row.target)
          ? 'yes'
          : 'no';
    lines.push(
      `| ${row.label} (\`${row.key}\`) | ${show(s.median, row.unit)} | ${show(s.p10, row.unit)} - ${show(s.p90, row.unit)} | ${s.n} | ${target} | ${met} |`,
    );
  }
  const bytes = results.app_bytes_before_run as
    { encoding: string; js: number; css: number; wasm: number } | undefined;
  if (bytes) {
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const total = bytes.js + bytes.css;
    lines.push(
      `| App: JS+CSS before Run (\`app_bytes_before_run\`, ${bytes.encoding}) | ${kb(total)} (wasm ${kb(bytes.wasm)}) | | 1 | <= 1024 KB | ${total <= 1024 * 1024 ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n');
}
