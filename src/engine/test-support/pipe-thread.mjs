// A worker thread for the pipe tests: plays the sandbox's side of a BytePipe (blocking reads and writes).
import { register } from 'tsx/esm/api';
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

register();
const { BytePipe } = await import('../stream/byte-pipe.ts');
const { ConsoleMuxWriter } = await import('../stream/console-mux.ts');
const { WaitClock } = await import('../stream/wait-clock.ts');

const { mode, buffer, waits } = workerData;
const clock = waits ? new WaitClock(waits) : undefined;
if (mode === 'read-all') {
  // Reads with varying sizes until the end; answers with the hash and the byte count.
  const pipe = new BytePipe(buffer);
  const hash = createHash('sha256');
  let total = 0;
  let size = 1;
  for (;;) {
    const data = pipe.read(size, clock);
    if (data === null) break;
    hash.update(data);
    total += data.length;
    size = ((size * 7 + 13) % 70_000) + 1;
  }
  parentPort.postMessage({ total, sha: hash.digest('hex') });
} else if (mode === 'write-console') {
  // Interleaves stdout and stderr writes of varying sizes; answers with what it wrote, in order.
  const mux = new ConsoleMuxWriter(buffer, clock);
  const sinks = { stdout: mux.sink('stdout'), stderr: mux.sink('stderr') };
  const log = [];
  let broken = false;
  for (let i = 0; i < workerData.writes; i++) {
    const stream = i % 5 === 4 ? 'stderr' : 'stdout';
    const data = new Uint8Array(((i * 7919) % workerData.maxWrite) + 1).fill(i % 251);
    if (!sinks[stream].write(data)) {
      broken = true;
      break;
    }
    log.push([stream, data.length, i % 251]);
  }
  mux.close();
  parentPort.postMessage({ log, broken });
}
