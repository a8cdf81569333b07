// Baseline: Node's built-in node:wasi (preview1) on the same suite.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { parseAdapterArgs } from './parse-args.mjs';

const { dirs, env, program, args } = parseAdapterArgs(process.argv.slice(2));
const preopens = Object.fromEntries(dirs.map((d) => [d.guest, d.host]));
const wasi = new WASI({ version: 'preview1', args: [program, ...args], env, preopens, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(program));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
