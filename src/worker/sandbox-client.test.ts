import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../engine/test-support/fixture-cache.ts';
import {
  STDIO_CHANNELS,
  manifestText,
  parseValidManifest,
  text,
} from '../engine/test-support/sandbox-run.ts';
import type { RunReport } from '../engine/run/report.ts';
import { WaitClock } from '../engine/stream/wait-clock.ts';
import { FakeWorkers, inProcess, writeThenHang } from './fake-worker.ts';
import type { FakeBehaviour } from './fake-worker.ts';
import type { PROTOCOL_VERSION } from './protocol.ts';
import { SandboxClient } from './sandbox-client.ts';
import type { SandboxRequest } from './run-session.ts';

const OUT = 'Channel = out.txt, /dev/out, 0, 0, 0, 0, 16, 4096';
const request: SandboxRequest = {
  manifest: parseValidManifest(manifestText([...STDIO_CHANNELS, OUT], { program: 'hello.wasm' })),
  program: loadFixture('hello'),
  files: new Map([['out.txt', new TextEncoder().encode('old')]]),
};
const idle: FakeBehaviour = () => {};

function setup(behaviour: FakeBehaviour, sharedMemory = true) {
  const workers = new FakeWorkers(behaviour);
  const client = new SandboxClient({ createWorker: workers.factory, sharedMemory, now: () => Date.now() });
  const output: string[] = [];
  const callbacks = {
    onOutput: (stream: string, bytes: Uint8Array) => output.push(`${stream}:${text(bytes)}`),
  };
  return { workers, client, output, callbacks };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SandboxClient', () => {
  it('streams shared console bytes, resolves with the report, and keeps the worker warm', async () => {
    const { workers, client, output, callbacks } = setup(inProcess);
    expect(workers.made).toHaveLength(1);
    const counters: number[] = [];
    const report = await client.run(request, { ...callbacks, onCounters: (c) => counters.push(c.length) });
    expect(report).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(output).toEqual(['stdout:hello, sandbox\n']);
    expect(counters.length).toBeGreaterThan(0);
    expect(workers.made[0]!.received[0]!.lengths).toBeInstanceOf(SharedArrayBuffer);
    // A run that ends before STANDBY_DELAY_MS starts no standby: nothing boots beside short runs.
    expect(workers.made).toHaveLength(1);
    await client.run(request, callbacks);
    expect(workers.made).toHaveLength(1);
    expect(workers.made[0]!.received).toHaveLength(2);
  });

  it('without shared memory, output messages reach onOutput', async () => {
    const { workers, client, output, callbacks } = setup(inProcess, false);
    const report = await client.run(request, callbacks);
    expect(report.state).toBe('ok');
    expect(output).toEqual(['stdout:hello, sandbox\n']);
    expect(workers.made[0]!.received[0]!.counters).toBeNull();
  });

  it('kills at the Timeout (counted from started), reports partial output and files, and starts a fresh worker', async () => {
    vi.useFakeTimers();
    const { workers, client, output, callbacks } = setup(
      writeThenHang('partial', ['/dev/stdout', '/dev/out']),
    );
    let report;
    void client.run(request, callbacks).then((r) => (report = r));
    await vi.advanceTimersByTimeAsync(9_000);
    expect(report).toBeUndefined();
    expect(output).toEqual(['stdout:partial']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(report).toMatchObject({ state: 'timeout', exitCode: null, message: 'killed: timeout after 10 s' });
    expect(text(report!.stdout)).toBe('partial');
    expect(report!.changes).toEqual([
      { path: 'out.txt', data: new TextEncoder().encode('partial'), partial: true },
    ]);
    // The standby started with the run takes over; no second worker boots beside the next run.
    expect(workers.made.map((w) => w.terminated)).toEqual([true, false]);
    expect(client.running).toBe(false);
  });

  it('Stop reports killed with what was written, and the next run goes to the fresh spare at once', async () => {
    const { workers, client, output, callbacks } = setup(writeThenHang('so far'));
    const pending = client.run(request, callbacks);
    await Promise.resolve();
    client.stop();
    const report = await pending;
    expect(report.state).toBe('killed');
    expect(report.message).toMatch(/^stopped: killed by the user/);
    expect(text(report.stdout)).toBe('so far');
    expect(output).toEqual(['stdout:so far']);
    expect(workers.made).toHaveLength(2);
    workers.behaviour = inProcess;
    expect((await client.run(request, callbacks)).state).toBe('ok');
    expect(workers.made[1]!.received).toHaveLength(1);
    expect(workers.made).toHaveLength(2);
  });

  it('tells each new worker to warm up and compile the recent programs', async () => {
    const { workers, client, callbacks } = setup(writeThenHang(''));
    expect(workers.made[0]!.prepared).toEqual([{ type: 'prepare', programs: [] }]);
    const pending = client.run(request, callbacks);
    client.stop();
    await pending;
    expect(workers.made[1]!.prepared).toEqual([
      {
        type: 'prepare',
        programs: [
          { programKey: expect.any(String), program: request.program, memory: request.manifest.memory },
        ],
      },
    ]);
  });

  it('without shared memory, a killed run keeps the streamed console but changes no files', async () => {
    const { client, callbacks } = setup(writeThenHang('chunk', ['/dev/stdout', '/dev/out']), false);
    const pending = client.run(request, callbacks);
    await Promise.resolve();
    client.stop();
    const report = await pending;
    expect(text(report.stdout)).toBe('chunk');
    expect(report.changes).toEqual([]);
  });

  it('a run stopped before the worker started changes no files', async () => {
    const { client, callbacks } = setup(idle);
    const pending = client.run(request, callbacks);
    client.stop();
    expect(await pending).toMatchObject({ state: 'killed', changes: [] });
  });

  it('turns a crash message or a worker error into a crash report and replaces the worker', async () => {
    const { workers, client, callbacks } = setup((worker, message) =>
      worker.send({
        type: 'crash',
        runId: message.runId,
        error: { name: 'Error', message: 'boom' },
      }),
    );
    const crashed = await client.run(request, callbacks);
    expect(crashed).toMatchObject({
      state: 'crash',
      exitCode: null,
      message: 'crashed: the sandbox failed: boom',
    });
    expect(workers.made[0]!.terminated).toBe(true);
    workers.behaviour = (worker) => worker.fail('script failed to load');
    const failed = await client.run(request, callbacks);
    expect(failed).toMatchObject({
      state: 'crash',
      message: 'crashed: the sandbox failed: script failed to load',
    });
    expect(failed.changes).toEqual([]);
    expect(workers.made.map((w) => w.terminated)).toEqual([true, true, false]);
  });

  it('refuses a second run while one is in progress', async () => {
    const { client, callbacks } = setup(writeThenHang(''));
    const first = client.run(request, callbacks);
    await expect(client.run(request, callbacks)).rejects.toThrow(/already in progress/);
    client.stop();
    await first;
  });

  it('drops a spare that reports another protocol version or fails while idle', async () => {
    const { workers, client, callbacks } = setup(inProcess);
    workers.made[0]!.send({ type: 'ready', version: 99 as typeof PROTOCOL_VERSION });
    expect(workers.made[0]!.terminated).toBe(true);
    expect((await client.run(request, callbacks)).state).toBe('ok');
    expect(workers.made).toHaveLength(2);
    // The warm runner fails while idle: it is dropped, and the next run gets a new worker.
    workers.made[1]!.fail('lost');
    expect(workers.made[1]!.terminated).toBe(true);
    expect((await client.run(request, callbacks)).state).toBe('ok');
    expect(workers.made).toHaveLength(3);
    expect(workers.made[2]!.received).toHaveLength(1);
  });

  it('live stdin: typed input reaches the program through the pipe and is recorded in the report', async () => {
    const { workers, client, output, callbacks } = setup(inProcess);
    expect(client.liveInput).toBe(true);
    const echo = { ...request, program: loadFixture('echo-stdin'), liveStdin: true };
    const pending = client.run(echo, callbacks);
    // The in-process worker runs (and reads) in a microtask: what is typed now is in the pipe by then.
    expect(client.input(new TextEncoder().encode('first\n'))).toBe(true);
    client.input(new TextEncoder().encode('second\n'));
    client.endInput();
    expect(client.input(new TextEncoder().encode('after the end\n'))).toBe(false);
    const report = await pending;
    expect(report).toMatchObject({ state: 'ok', exitCode: 0, inputWaitMs: 0 });
    expect(text(report.stdout)).toBe('first\nsecond\n');
    expect(text(report.typedInput!)).toBe('first\nsecond\n');
    expect(output).toEqual(['stdout:first\nsecond\n']);
    expect(workers.made[0]!.received[0]!.stdinPipe).toBeInstanceOf(SharedArrayBuffer);
    expect(workers.made[0]!.received[0]!.waits).toBeInstanceOf(SharedArrayBuffer);
    // Nothing runs now: typing goes nowhere.
    expect(client.input(new Uint8Array([1]))).toBe(false);
  });

  it('a batch run (no liveStdin) reads the stdin bytes and records no typed input', async () => {
    const { workers, client, callbacks } = setup(inProcess);
    const echo = { ...request, program: loadFixture('echo-stdin'), stdin: new TextEncoder().encode('box\n') };
    const pending = client.run(echo, callbacks);
    expect(client.input(new TextEncoder().encode('typed\n'))).toBe(false);
    const report = await pending;
    expect(text(report.stdout)).toBe('box\n');
    expect(report.typedInput).toBeUndefined();
    expect(workers.made[0]!.received[0]!.stdinPipe).toBeNull();
  });

  it('without shared memory, a live stdin run gets its stdin bytes and then end of input', async () => {
    const { workers, client, callbacks } = setup(inProcess, false);
    expect(client.liveInput).toBe(false);
    const pending = client.run(
      { ...request, program: loadFixture('echo-stdin'), liveStdin: true },
      callbacks,
    );
    expect(client.input(new TextEncoder().encode('typed\n'))).toBe(false);
    const report = await pending;
    expect(report).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(report.stdout).toHaveLength(0);
    expect(report.typedInput).toBeUndefined();
    expect(workers.made[0]!.received[0]!.stdinPipe).toBeNull();
  });

  it('time spent waiting for typed input does not count towards the Timeout', async () => {
    vi.useFakeTimers();
    let clock: WaitClock | undefined;
    const { client, callbacks } = setup((worker, run) => {
      worker.send({ type: 'started', runId: run.runId });
      clock = new WaitClock(run.waits!);
      clock.waitStarted();
    });
    let report: RunReport | undefined;
    void client.run({ ...request, liveStdin: true }, callbacks).then((r) => (report = r));
    // Timeout = 10: waiting 15 s for the user is not a timeout.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(report).toBeUndefined();
    clock!.waitEnded();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(report).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(report).toMatchObject({ state: 'timeout', message: 'killed: timeout after 10 s' });
    expect(report!.inputWaitMs).toBeGreaterThanOrEqual(15_000);
    expect(report!.inputWaitMs).toBeLessThan(15_100);
    expect(report!.typedInput).toEqual(new Uint8Array(0));
  });

  it('Stop while the program waits for input reports killed, with what was typed and written', async () => {
    const { client, output, callbacks } = setup(writeThenHang('Name: '));
    const pending = client.run({ ...request, liveStdin: true }, callbacks);
    await Promise.resolve();
    client.input(new TextEncoder().encode('Ada\n'));
    client.stop();
    const report = await pending;
    expect(report.state).toBe('killed');
    expect(text(report.stdout)).toBe('Name: ');
    expect(text(report.typedInput!)).toBe('Ada\n');
    expect(output).toEqual(['stdout:Name: ']);
  });

  it('dispose terminates the workers, resolves the pending run and refuses new ones', async () => {
    const { workers, client, callbacks } = setup(writeThenHang('x'));
    const pending = client.run(request, callbacks);
    client.dispose();
    expect((await pending).state).toBe('killed');
    expect(workers.made.every((w) => w.terminated)).toBe(true);
    await expect(client.run(request, callbacks)).rejects.toThrow(/disposed/);
  });
});
