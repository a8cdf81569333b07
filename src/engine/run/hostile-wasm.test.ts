import { describe, expect, it } from 'vitest';
import { runInThread } from '../../cli/run-in-thread.ts';
import { writeTarImage } from '../image/tar-image.ts';
import type { Nvram } from '../nvram/types.ts';
import { readModule } from '../module/read-module.ts';
import { loadFixture } from '../test-support/fixture-cache.ts';
import {
  STDIO_CHANNELS,
  argsNvram,
  bytes,
  channelReport,
  manifestText,
  parseValidManifest,
  runFixture,
  text,
} from '../test-support/sandbox-run.ts';
import { call, wasiProgram } from '../test-support/wasi-program.ts';
import { HEADER, importDesc, limits, wasiCommand } from '../test-support/wasm-builder.ts';
import type { RunReport } from './report.ts';
import { prepareProgram, runSandbox } from './run-sandbox.ts';

// Hostile-input corpus (issue 9) for programs: modules the sandbox must refuse, and guests that trap,
// recurse, loop, flood their output, or try to reach the host's files. Each case checks the report's
// state and its words, and that nothing outside the sandbox changed.

const MIB = 1024 * 1024;

/** Runs module bytes under a manifest of the standard channels. */
function runBytes(program: Uint8Array, memory = 64 * MIB): RunReport {
  return runSandbox({
    manifest: parseValidManifest(manifestText(STDIO_CHANNELS, { memory })),
    program,
    files: new Map(),
  });
}

const ascii = (s: string) => new TextEncoder().encode(s);
const wasiFunction = (module: string, name: string) => ({ module, name, desc: importDesc.function() });
const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 167 + 13) % 251);
const PREVIEW1 = 'wasi_snapshot_preview1';

const REFUSED: Array<[what: string, program: Uint8Array, message: string]> = [
  ['an empty file', new Uint8Array(0), 'the file is empty, not a WebAssembly module'],
  ['4 KiB of noise', noise, 'this file is not a WebAssembly module (it starts with bytes 0d b4 60 0c, not the WebAssembly magic 00 61 73 6d)'],
  ['an ELF executable', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'this file is not a WebAssembly module (it starts with bytes 7f 45 4c 46: an ELF executable)'],
  ['a gzip file', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'this file is not a WebAssembly module (it starts with bytes 1f 8b 08 00: gzip-compressed data)'],
  ['an HTML error page', ascii('<!DOCTYPE html><title>404</title>'), 'this file is not a WebAssembly module (it looks like an HTML page, perhaps an error page saved instead of the download)'],
  ['C source', ascii('#include <stdio.h>\nint main(void) { return 0; }\n'), 'this file is not a WebAssembly module (it looks like C source: compile it first)'],
  ['WAT text', ascii('(module (func (export "_start")))'), 'this file is not a WebAssembly module (it looks like WAT text: compile it first)'],
  ['a tar archive', writeTarImage([{ path: 'a.wasm', kind: 'file', data: wasiCommand() }]), 'this file is not a WebAssembly module (it is a tar archive)'],
  ['a component', new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]), 'this is a WebAssembly component, not a core module; WASI preview 2 is not supported (build for wasm32-wasip1)'],
  ['binary version 2', new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), 'unsupported WebAssembly binary version 0x2; only version 1 core modules are supported'],
  ['a header then junk', new Uint8Array([...HEADER, 0xff, 0xff]), 'unknown section id 255 at byte 8'],
  ['an import from env', wasiCommand({ imports: [wasiFunction('env', 'foo')] }), `the module imports env.foo (function); a ZeroVM sandbox offers only ${PREVIEW1}`],
  ['an import from WASI preview 2', wasiCommand({ imports: [wasiFunction('wasi_snapshot_preview2', 'x')] }), `the module imports wasi_snapshot_preview2.x (function); a ZeroVM sandbox offers only ${PREVIEW1}`],
  ['an import from wasi_unstable', wasiCommand({ imports: [wasiFunction('wasi_unstable', 'fd_write')] }), `the module imports wasi_unstable.fd_write (function); a ZeroVM sandbox offers only ${PREVIEW1}`],
  ['a WASI call the host lacks', wasiCommand({ imports: [wasiFunction(PREVIEW1, 'sock_open')] }), `the module imports ${PREVIEW1}.sock_open (function), which this sandbox does not provide`],
  ["Object's constructor as a WASI call", wasiCommand({ imports: [wasiFunction(PREVIEW1, 'constructor')] }), `the module imports ${PREVIEW1}.constructor (function), which this sandbox does not provide`],
  ['toString as a WASI call', wasiCommand({ imports: [wasiFunction(PREVIEW1, 'toString')] }), `the module imports ${PREVIEW1}.toString (function), which this sandbox does not provide`],
  ['an imported memory', wasiCommand({ memories: [], imports: [{ module: 'env', name: 'memory', desc: importDesc.memory(1) }] }), 'the module imports its memory (env.memory) instead of defining it; a ZeroVM sandbox gives each program its own: build without --import-memory'],
  ['a 4 GiB memory minimum', wasiCommand({ memories: [limits(65536)] }), 'the module needs at least 4 GiB of memory at start but Memory allows 64 MiB'],
  ['a minimum one page above Memory', wasiCommand({ memories: [limits(1025)] }), 'the module needs at least 64.06 MiB of memory at start but Memory allows 64 MiB'],
  ['a 64-bit memory', wasiCommand({ memories: [[0x04, 0x01]] }), 'the module uses a 64-bit memory (memory64); only wasm32 modules are supported'],
  ['no _start', wasiCommand({ omitExports: ['_start'] }), 'the module has no _start function: build it as a WASI command'],
]; // prettier-ignore

describe('hostile modules: refused before they run, with one clear line', () => {
  it.each(REFUSED)('%s', (_what, program, reason) => {
    const report = runBytes(program);
    expect(report).toMatchObject({ state: 'refused', exitCode: null, message: `refused: ${reason}` });
    expect(report.stdout).toEqual(new Uint8Array(0));
    expect(report.channels.every((c) => c.reads + c.writes === 0)).toBe(true);
  });

  it('refuses hello.wasm cut short at every length, except between whole sections after the code', () => {
    const hello = loadFixture('hello');
    const read = readModule(hello);
    if (!read.ok) throw new Error(read.reason);
    // Cut between sections once the code is whole, what is left is a smaller valid module (no data, no names).
    const needed = read.info.sections.find((s) => s.id === 10)!.end;
    const boundaries = new Set(read.info.sections.map((s) => s.start));
    const reasons = new Set<string>();
    for (let length = 0; length < hello.length; length++) {
      const prepared = prepareProgram(hello.subarray(0, length), 64 * MIB);
      if (prepared.ok) expect(length >= needed && boundaries.has(length), `${length} bytes`).toBe(true);
      else reasons.add(prepared.reason);
    }
    // Cut inside a section, it is truncated; cut between sections, something it needs is missing.
    const expected =
      /^(the file is empty, not a WebAssembly module|the module is truncated at byte \d+( \(inside (a section header|the 8-byte header)\)|: its [a-z ]+ section needs \d+ more bytes)|the module has no _start function: build it as a WASI command|the module defines no memory; a WASI command needs one|the module does not export its memory as 'memory', which WASI needs|the module is not valid WebAssembly: .+)$/;
    for (const reason of reasons) expect(reason).toMatch(expected);
    expect([...reasons].filter((r) => r.includes('truncated')).length).toBeGreaterThan(10);
    const cut = runBytes(hello.subarray(0, Math.floor(hello.length / 2)));
    expect(cut.state).toBe('refused');
    expect(cut.message).toMatch(/^refused: the module is (truncated|not valid)/);
  });

  it('runs a module that asks for all 4 GiB when Memory allows it', () => {
    const report = runBytes(wasiCommand({ memories: [limits(65536)] }), 4 * 1024 * MIB);
    expect(report).toMatchObject({ state: 'ok', exitCode: 0, peakMemoryBytes: 4 * 1024 * MIB });
  });
});

describe('hostile programs: traps, recursion, endless loops', () => {
  it('reports a call chain that never ends as a stack overflow', () => {
    const report = runBytes(wasiProgram([], call(0)));
    expect(report).toMatchObject({
      state: 'crash',
      exitCode: null,
      message: 'crashed: stack overflow (too deep recursion)',
    });
  });

  it('reports C recursion that runs off its stack as a crash that names the likely cause', () => {
    expect(text(runFixture('recurse', STDIO_CHANNELS, { nvram: argsNvram('recurse', '10') }).stdout)).toBe(
      'depth 10\n',
    );
    const report = runFixture('recurse', STDIO_CHANNELS, { nvram: argsNvram('recurse', '100000') });
    expect(report).toMatchObject({
      state: 'crash',
      exitCode: null,
      message:
        'crashed: memory access out of bounds (the program used an address outside its memory: ' +
        'a bad pointer, or too deep recursion overflowing the C stack)',
    });
    expect(report.stdout).toEqual(new Uint8Array(0));
  });

  it('reports an unreachable trap as a crash, keeping the output before it', () => {
    const report = runFixture('unreachable', STDIO_CHANNELS);
    expect(report).toMatchObject({ state: 'crash', exitCode: null });
    expect(report.message).toMatch(/^crashed: unreachable/);
    expect(text(report.stdout)).toBe('about to trap\n');
  });

  it('kills an endless loop at Timeout = 1, keeping what it wrote', async () => {
    const manifest = parseValidManifest(
      manifestText(STDIO_CHANNELS, { program: 'loop-forever.wasm' }).replace('Timeout = 10', 'Timeout = 1'),
    );
    const report = await runInThread({ manifest, program: loadFixture('loop-forever'), files: new Map() });
    expect(report).toMatchObject({ state: 'timeout', exitCode: null, message: 'killed: timeout after 1 s' });
    expect(text(report.stdout)).toBe('looping\n');
  });
});

describe('hostile programs: output floods', () => {
  it('stops 1 GiB of stdout at the 1 MiB quota with EDQUOT, and the program goes on', () => {
    const report = runFixture('flood-stdout', STDIO_CHANNELS, { nvram: argsNvram('flood-stdout', '1024') });
    expect(report).toMatchObject({
      state: 'quota',
      exitCode: 0,
      message:
        'finished with code 0, but /dev/stdout quota of 1048576 bytes written used up; 16368 writes refused',
    });
    expect(report.stdout.length).toBe(MIB);
    expect(text(report.stderr)).toBe('wrote 1048576 bytes; failed writes: 16368 (EDQUOT)\n');
    expect(channelReport(report, '/dev/stdout')).toMatchObject({
      writes: 16,
      bytesWritten: MIB,
      quotaHits: 16368,
    });
  });

  it('keeps a flood into a project file at its put_size', () => {
    const channels = [
      STDIO_CHANNELS[0]!,
      'Channel = out.txt, /dev/stdout, 0, 0, 0, 0, 100, 100000',
      STDIO_CHANNELS[2]!,
    ];
    const report = runFixture('flood-stdout', channels, { nvram: argsNvram('flood-stdout', '1024') });
    expect(report.state).toBe('quota');
    expect(report.changes.map((c) => [c.path, c.data?.length])).toEqual([['out.txt', 100_000]]);
  });
});

/** The rw mount of project folder `data` at /data that the file-system probes run in. */
const DATA_MOUNT = 'Channel = data, /dev/mount/data, 3, 0, 1000, 1000000, 1000, 1000000';

/** Runs fs-probe with these operations, `data/` mounted read-write at /data. */
function probe(ops: string[], options: { channels?: string[]; memory?: number } = {}): RunReport {
  const nvram: Nvram = {
    args: ['fs-probe', ...ops],
    env: [],
    fstab: [{ channel: '/dev/mount/data', mountpoint: '/data', access: 'rw', removable: false, line: 0 }],
    mapping: [],
  };
  return runFixture('fs-probe', [...STDIO_CHANNELS, DATA_MOUNT, ...(options.channels ?? [])], {
    files: { 'data/a.txt': 'hello', 'secret.txt': 'the secret' },
    nvram,
    head: { memory: options.memory },
  });
}

describe('hostile programs: reaching for files outside the sandbox', () => {
  // Each operation and the line fs-probe prints for it: the errno says how far the guest got.
  const ATTEMPTS: Array<[op: string, result: string]> = [
    ['read:/data/a.txt', 'OK\nread:/data/a.txt: 5 bytes'],
    ['read:../../etc/passwd', 'EPERM'],
    ['read:/etc/passwd', 'ENOENT'],
    ['read:/data/../../etc/passwd', 'EPERM'],
    ['read:/secret.txt', 'ENOENT'],
    ['read:/data/../secret.txt', 'ENOENT'],
    ['create:../escape.txt', 'EPERM'],
    ['create:/data/../../escape.txt', 'EPERM'],
    ['mkdir:/data/../../made', 'EPERM'],
    ['symlink:/etc/passwd:/data/absolute', 'EPERM'],
    ['symlink:../../etc:/data/up', 'OK'],
    ['read:/data/up/passwd', 'EPERM'],
    ['symlink:../secret.txt:/data/sibling', 'OK'],
    ['read:/data/sibling', 'ENOENT'],
  ];

  it('fails every path out with the right errno, and the run changes no project file', () => {
    const report = probe(ATTEMPTS.map(([op]) => op));
    expect(report.state).toBe('ok');
    expect(text(report.stdout)).toBe(ATTEMPTS.map(([op, result]) => `${op}: ${result}\n`).join(''));
    // Symbolic links live only in the guest: nothing comes back to the project.
    expect(report.changes).toEqual([]);
  });

  it('creates nothing under /dev, which holds only the declared channels', () => {
    const ops = ['create:/dev/new.txt', 'mkdir:/dev/made', 'symlink:a:/dev/link', 'create:/dev/mount/extra'];
    const report = probe(ops);
    expect(text(report.stdout)).toBe(ops.map((op) => `${op}: EROFS\n`).join(''));
  });

  it('refuses a symbolic link whose target is longer than a path may be', () => {
    const long = `${'d/'.repeat(2100)}x`;
    const report = probe([`symlink:${long}:/data/long`, 'symlink:short:/data/ok']);
    expect(text(report.stdout)).toBe(
      `symlink:${long}:/data/long: ENAMETOOLONG\nsymlink:short:/data/ok: OK\n`,
    );
  });

  it('refuses a channel whose URI climbs out of the project, before the program runs', () => {
    const report = runFixture('cat-file', [
      ...STDIO_CHANNELS,
      'Channel = ../secret.txt, /dev/input, 0, 0, 10, 1000, 0, 0',
    ]);
    expect(report).toMatchObject({
      state: 'refused',
      message: 'refused: channel /dev/input: ../secret.txt points outside the project',
    });
  });

  it('refuses a channel aliased to the root directory', () => {
    const report = runFixture(
      'cat-file',
      [...STDIO_CHANNELS, 'Channel = a.txt, /dev/.., 0, 0, 10, 1000, 0, 0'],
      {
        files: { 'a.txt': 'x' },
      },
    );
    expect(report).toMatchObject({
      state: 'refused',
      message:
        'refused: the channel alias /dev/.. is the root directory, not a file: give the path the program opens, such as /dev/input',
    });
  });

  it('refuses an [fstab] entry naming a host path as its channel', () => {
    const nvram: Nvram = {
      ...argsNvram('cat-file', '/etc/passwd'),
      fstab: [{ channel: '/etc/passwd', mountpoint: '/etc', access: 'ro', removable: false, line: 0 }],
    };
    const report = runFixture('cat-file', STDIO_CHANNELS, { nvram });
    expect(report).toMatchObject({
      state: 'refused',
      message: 'refused: [fstab] mounts /etc/passwd, but the manifest has no channel with that alias',
    });
  });

  it('mounts an image at a mountpoint that climbs with .. inside the guest root, where the guest finds it', () => {
    const image = writeTarImage([{ path: 'hosts', kind: 'file', data: bytes('from the image\n') }]);
    const nvram: Nvram = {
      ...argsNvram('cat-file', '/etc/hosts'),
      fstab: [
        { channel: '/dev/mount/etc', mountpoint: '/../../etc', access: 'ro', removable: false, line: 0 },
      ],
    };
    const report = runFixture(
      'cat-file',
      [...STDIO_CHANNELS, 'Channel = etc.tar, /dev/mount/etc, 3, 0, 100, 1000000, 0, 0'],
      { files: { 'etc.tar': image }, nvram },
    );
    expect(report).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(text(report.stdout)).toBe('from the image\n');
  });
});

describe('hostile programs: filling host memory through files', () => {
  it('refuses a write far past the end of a random-write channel with EINVAL, keeping the file small', () => {
    const output = 'Channel = out.bin, /dev/output, 3, 0, 10, 10, 10, 10';
    const report = probe(['pwrite:/dev/output:4294967295', 'pwrite:/dev/output:5'], { channels: [output] });
    expect(text(report.stdout)).toBe('pwrite:/dev/output:4294967295: EINVAL\npwrite:/dev/output:5: OK\n');
    expect(report.changes).toContainEqual({ path: 'out.bin', data: new Uint8Array([0, 0, 0, 0, 0, 0x78]) });
  });

  it('gives the in-memory files no more room than Memory: a 3 GiB sparse write fails with ENOSPC', () => {
    const ops = [
      'mkdir:/tmp',
      'pwrite:/tmp/big:3221225472',
      'truncate:/tmp/big:3221225472',
      'pwrite:/tmp/small:1048576',
      'truncate:/tmp/small:0',
      'truncate:/tmp/other:16777216',
      'truncate:/tmp/other:16777217',
    ];
    const report = probe(ops, { memory: 16 * MIB });
    // Shrinking a file gives its room back: 16 MiB fit once the 1 MiB file is empty again, one byte more does not.
    const results = ['OK', 'ENOSPC', 'ENOSPC', 'OK', 'OK', 'OK', 'ENOSPC'];
    expect(text(report.stdout)).toBe(ops.map((op, i) => `${op}: ${results[i]}\n`).join(''));
  });

  it('copes with a directory tree 20,000 levels deep, built by the guest in a read-write mount', () => {
    const report = probe(['deep:/data:20000']);
    expect(report).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(text(report.stdout)).toBe('deep:/data:20000: OK\n');
    expect(report.changes.map((c) => [c.path, text(c.data)])).toEqual([
      [`data/${'d/'.repeat(20000)}leaf`, 'deep\n'],
    ]);
  });

  it('copes with a tar image whose path is 20,000 directories deep', () => {
    const deep = `${'a/'.repeat(20000)}f.txt`;
    const image = writeTarImage([{ path: deep, kind: 'file', data: bytes('deep') }]);
    const nvram: Nvram = {
      ...argsNvram('list-dir', '/img/a'),
      fstab: [{ channel: '/dev/mount/img', mountpoint: '/img', access: 'ro', removable: false, line: 0 }],
    };
    const report = runFixture(
      'list-dir',
      [...STDIO_CHANNELS, 'Channel = img.tar, /dev/mount/img, 3, 0, 100, 1000000, 0, 0'],
      { files: { 'img.tar': image }, nvram },
    );
    expect(report).toMatchObject({ state: 'ok', exitCode: 0 });
    expect(text(report.stdout)).toBe('a\n');
  });
});
