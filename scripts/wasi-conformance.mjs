#!/usr/bin/env node
// Runs the wasm32-wasip1 tests of WebAssembly/wasi-testsuite (its prebuilt `prod/testsuite-base`
// branch, fetched separately; nothing of it is committed) against a runtime, the way the suite's own
// adapters do: `--dir ROOT::/`, `--env K=V`, args; compares the exit code and stdout.
//
//   node scripts/wasi-conformance.mjs SUITE_DIR [--runtime zvm|node-wasi|shim|wasmer] [--json OUT]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const suite = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const runtime = option('--runtime', 'zvm');
const jsonOut = option('--json');
if (!suite) {
  console.error('usage: wasi-conformance.mjs SUITE_DIR [--runtime zvm|node-wasi|shim|wasmer] [--json OUT]');
  process.exit(2);
}

const commands = {
  zvm: [join(here, '..', 'bin', 'zvm.mjs'), 'exec'],
  'node-wasi': [join(here, 'conformance', 'node-wasi.mjs')],
  shim: [join(here, 'conformance', 'browser-wasi-shim.mjs')],
  wasmer: [join(here, 'conformance', 'wasmer-wasi.mjs')],
};
if (!commands[runtime]) throw new Error(`unknown runtime ${runtime}`);

function findTestDirs(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = join(dir, entry.name);
    if (entry.name === 'wasm32-wasip1' && existsSync(join(full, 'manifest.json'))) found.push(full);
    else found.push(...findTestDirs(full));
  }
  return found;
}

const results = [];
for (const testDir of findTestDirs(resolve(suite))) {
  for (const file of readdirSync(testDir)
    .filter((f) => f.endsWith('.wasm'))
    .sort()) {
    const name = `${basename(dirname(dirname(testDir)))}/${file.replace(/\.wasm$/, '')}`;
    const specPath = join(testDir, file.replace(/\.wasm$/, '.json'));
    const spec = existsSync(specPath) ? JSON.parse(readFileSync(specPath, 'utf8')) : {};
    const args = [...commands[runtime]];
    let scratch;
    if (spec.root) {
      scratch = mkdtempSync(join(tmpdir(), 'wasi-suite-'));
      cpSync(join(testDir, spec.root), scratch, { recursive: true });
      args.push('--dir', `${scratch}::/`);
    }
    for (const [k, v] of Object.entries(spec.env ?? {})) args.push('--env', `${k}=${v}`);
    args.push(join(testDir, file), ...(spec.args ?? []));
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 30_000 });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    const expectedCode = spec.exit_code ?? 0;
    const problems = [];
    if (run.status !== expectedCode)
      problems.push(`exit ${run.status ?? run.signal}, expected ${expectedCode}`);
    if (spec.stdout !== undefined && run.stdout !== spec.stdout)
      problems.push(`stdout ${JSON.stringify(run.stdout.slice(0, 80))}`);
    const passed = problems.length === 0;
    results.push({ name, passed, problems, stderr: passed ? '' : run.stderr.slice(-400) });
    console.log(
      `${passed ? 'PASS' : 'FAIL'} ${name}${passed ? '' : `: ${problems.join('; ')} ${run.stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 200)}`}`,
    );
  }
}
const passed = results.filter((r) => r.passed).length;
console.log(
  `\n${runtime}: ${passed}/${results.length} passed (${((100 * passed) / results.length).toFixed(1)}%)`,
);
if (jsonOut)
  writeFileSync(jsonOut, JSON.stringify({ runtime, passed, total: results.length, results }, null, 2));
