import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { WASI } from 'node:wasi';

// Times a program under node:wasi, in its own process: Node 20's WASI has crashed (SIGSEGV) after many
// large runs in one process next to other wasm runtimes, which must not take the benchmark down with it.
const [programPath, inputPath, outputPath, repsText] = process.argv.slice(2);
const module = new WebAssembly.Module(readFileSync(programPath!));
const times: number[] = [];
for (let i = 0; i < Number(repsText); i++) {
  const start = performance.now();
  const inFd = openSync(inputPath!, 'r');
  const outFd = openSync(outputPath!, 'w');
  const wasi = new WASI({
    version: 'preview1',
    args: ['program'],
    stdin: inFd,
    stdout: outFd,
    returnOnExit: true,
  });
  wasi.start(new WebAssembly.Instance(module, wasi.getImportObject() as WebAssembly.Imports));
  closeSync(inFd);
  closeSync(outFd);
  times.push(performance.now() - start);
}
process.stdout.write(JSON.stringify({ times, outputBytes: statSync(outputPath!).size }));
