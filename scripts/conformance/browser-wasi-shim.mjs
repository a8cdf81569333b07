// Baseline: raw @bjorn3/browser_wasi_shim with the --dir tree copied into its in-memory filesystem.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WASI, File, Directory, PreopenDirectory, OpenFile, ConsoleStdout } from '@bjorn3/browser_wasi_shim';
import { parseAdapterArgs } from './parse-args.mjs';

const { dirs, env, program, args } = parseAdapterArgs(process.argv.slice(2));
function load(host) {
  const entries = new Map();
  for (const name of readdirSync(host)) {
    const full = join(host, name);
    entries.set(
      name,
      statSync(full).isDirectory() ? new Directory(load(full)) : new File(readFileSync(full)),
    );
  }
  return entries;
}
const fds = [
  new OpenFile(new File([])),
  ConsoleStdout.lineBuffered((l) => process.stdout.write(l + '\n')),
  ConsoleStdout.lineBuffered((l) => process.stderr.write(l + '\n')),
  ...dirs.map((d) => new PreopenDirectory(d.guest, load(d.host))),
];
const wasi = new WASI(
  [program, ...args],
  Object.entries(env).map(([k, v]) => `${k}=${v}`),
  fds,
);
const module = await WebAssembly.compile(readFileSync(program));
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
process.exitCode = wasi.start(instance);
