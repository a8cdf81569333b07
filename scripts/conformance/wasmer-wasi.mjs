// Baseline: raw @wasmer/wasi 1.2.2 with the --dir tree copied into its in-memory filesystem.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { init, WASI } from '@wasmer/wasi';
import { parseAdapterArgs } from './parse-args.mjs';

const { dirs, env, program, args } = parseAdapterArgs(process.argv.slice(2));
await init();
const wasi = new WASI({
  args: [program, ...args],
  env,
  preopens: Object.fromEntries(dirs.map((d) => [d.guest, d.guest])),
});
function copyIn(host, guest) {
  for (const name of readdirSync(host)) {
    const full = join(host, name);
    const target = `${guest === '/' ? '' : guest}/${name}`;
    if (statSync(full).isDirectory()) {
      wasi.fs.createDir(target);
      copyIn(full, target);
    } else wasi.fs.open(target, { read: true, write: true, create: true }).write(readFileSync(full));
  }
}
for (const d of dirs) copyIn(d.host, d.guest);
const module = await WebAssembly.compile(readFileSync(program));
const imports = wasi.getImports(module);
const instance = await WebAssembly.instantiate(module, imports);
let code;
try {
  code = wasi.start(instance);
} catch (e) {
  process.stdout.write(wasi.getStdoutString());
  throw e;
}
process.stdout.write(wasi.getStdoutString());
process.stderr.write(wasi.getStderrString());
process.exitCode = code;
