import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { Gzip, gzipSync, strToU8 } from 'fflate';
import { createTar } from 'nanotar';
import { fixturePath } from '../src/engine/test-support/fixture-cache.ts';
import {
  consoleText,
  createFile,
  editorTab,
  openApp,
  runButton,
  toolbarStatus,
  treeItem,
} from './support.ts';
import { fragmentOf, zipBombFragment } from './share-support.ts';
import {
  expectClickAnsweredWithin,
  measureClick,
  projectSnapshot,
  recentProjectFiles,
} from './hostile-support.ts';
import type { ProjectSnapshot } from './hostile-support.ts';

// The hostile-input suite in the browser (issue 9): after each hostile run, link or import, the page answers
// a click within 200 ms and the user's files are what they were.
const CLICK_MS = 200;

const report = (page: Page) => page.getByRole('region', { name: 'Report', exact: true });
const argsBox = (page: Page) => page.getByRole('textbox', { name: 'Arguments', exact: true });
const stopButton = (page: Page) => page.getByRole('button', { name: 'Stop', exact: true });
// Monaco keeps empty role=alert regions for screen readers; the notice is the one with text.
const alertNotice = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });
const errorMarker = (page: Page) => page.locator('.monaco-editor .squiggly-error').first();

/** The user's own work, made before anything hostile happens: a new folder and file, an uploaded file, stdin. */
async function makeOwnWork(page: Page): Promise<void> {
  await createFile(page, 'notes/todo.txt');
  await upload(page, 'mine.txt', 'my own work: it must survive everything below\n');
  await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('my own stdin\n');
}

/** Uploads one file through Upload (a single upload opens it in a tab). */
async function upload(page: Page, name: string, data: string | Uint8Array): Promise<void> {
  await page.getByTestId('upload-files-input').setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(typeof data === 'string' ? strToU8(data) : data),
  });
  await expect(treeItem(page, name)).toBeVisible();
  await expect(editorTab(page, name)).toHaveAttribute('aria-selected', 'true');
}

/** Uploads a WAT program and builds it with the Build button, so STEM.wasm exists before the snapshot. */
async function uploadAndBuild(page: Page, name: string, wat: string): Promise<void> {
  await upload(page, name, wat);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const wasm = name.replace(/\.wat$/, '.wasm');
  await expect(consoleText(page)).toContainText(`Built ${wasm}`, { timeout: 30_000 });
  await expect(treeItem(page, wasm)).toBeVisible();
}

/** Presses Run and waits until the run (or the refusal) is over: Run can be pressed again. */
async function runToEnd(page: Page, timeout = 15_000): Promise<void> {
  await runButton(page).click();
  await expect(runButton(page)).toBeEnabled({ timeout });
}

/** The two invariants after a hostile case: a click is answered within CLICK_MS, the files are unchanged. */
async function expectUnharmed(page: Page, before: ProjectSnapshot): Promise<void> {
  await expectClickAnsweredWithin(page, CLICK_MS);
  expect(await projectSnapshot(page)).toEqual(before);
}

/** A manifest in ZeroVM's format running `program` with console stdio. */
function manifest(
  program: string,
  { memory = 16 * 1024 * 1024, timeout = 10, stdoutBytes = 65536 } = {},
): string {
  return [
    'Version = 20130611',
    `Program = ${program}`,
    `Memory = ${memory}, 0`,
    `Timeout = ${timeout}`,
    'Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0',
    `Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1000000, ${stdoutBytes}`,
    'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1000, 65536',
    '',
  ].join('\n');
}

/** Writes 1 GiB to stdout in 16,384 writes of 64 KiB, whatever fails; exits with the last errno it got. */
const FLOOD_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 2)
  (func (export "_start")
    (local $i i32) (local $r i32) (local $err i32)
    ;; 64 KiB of lines of 63 x's at 65536
    (loop $fill
      (i32.store8 (i32.add (i32.const 65536) (local.get $i))
        (select (i32.const 10) (i32.const 120) (i32.eq (i32.and (local.get $i) (i32.const 63)) (i32.const 63))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 65536))))
    (local.set $i (i32.const 0))
    (loop $flood
      (i32.store (i32.const 0) (i32.const 65536))
      (i32.store (i32.const 4) (i32.const 65536))
      (local.set $r (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (if (local.get $r) (then (local.set $err (local.get $r))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $flood (i32.lt_u (local.get $i) (i32.const 16384))))
    (call $proc_exit (local.get $err))))
`;

/** Grows memory a page at a time until memory.grow fails, says so, then touches the byte past the end. */
const MEMORY_BOMB_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "memory.grow refused\\n")
  (func (export "_start")
    (loop $grow (br_if $grow (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 20))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i32.store (i32.mul (memory.size) (i32.const 65536)) (i32.const 1))))
`;

/** Recurses without end. */
const RECURSION_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "going down\\n")
  (func $down (param $n i32) (result i32)
    (i32.add (call $down (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 11))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (drop (call $down (i32.const 0)))))
`;

const fixture = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));

/** Bytes that do not compress (xorshift). */
function noise(length: number, seed = 2463534242): Uint8Array {
  let x = seed;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

/** `mb` MB of zeros, gzipped: a .zapp bomb of a few hundred KB. */
function gzipBomb(mb: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const gzip = new Gzip({ level: 9 }, (chunk) => parts.push(chunk));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mb; i++) gzip.push(zeros, i === mb - 1);
  return Buffer.concat(parts);
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await makeOwnWork(page);
});

test('the click probe is honest: a click that comes while the main thread is busy is timed from its arrival', async ({
  page,
}) => {
  const quiet = await measureClick(page, 'Trace');
  expect(quiet.toFrame).toBeLessThan(CLICK_MS);
  // Keep the main thread busy for 1 s from now, and click 150 ms from now: the click waits in the queue.
  const busy = await measureClick(page, 'Report', async () => {
    await page.evaluate(() => {
      const w = window as { __block?: { start: number; end: number } };
      setTimeout(() => {
        const start = performance.now();
        while (performance.now() < start + 1000);
        w.__block = { start, end: performance.now() };
      }, 0);
    });
    await page.waitForTimeout(150);
  });
  const block = await page.evaluate(
    () => (window as unknown as { __block: { start: number; end: number } }).__block,
  );
  expect(busy.at).toBeGreaterThan(block.start);
  expect(busy.at).toBeLessThan(block.end);
  expect(busy.at + busy.toDom).toBeGreaterThanOrEqual(block.end);
  expect(busy.toDom).toBeGreaterThan(CLICK_MS);
});

test.describe('hostile guests', () => {
  test('an endless loop is ended by Stop and by a manifest Timeout', async ({ page }) => {
    await upload(page, 'loop-forever.wasm', fixture('loop-forever'));
    let before = await projectSnapshot(page);
    // Quick mode (a 50 s Timeout): Stop ends it. The page answers clicks while the guest spins.
    await runButton(page).click();
    await expect(consoleText(page)).toContainText('looping');
    await expectClickAnsweredWithin(page, CLICK_MS);
    await stopButton(page).click();
    await expect(consoleText(page)).toContainText('stopped: killed by the user');
    await expect(runButton(page)).toBeEnabled();
    await expectUnharmed(page, before);

    await upload(page, 'loop.manifest', manifest('loop-forever.wasm', { timeout: 1 }));
    before = await projectSnapshot(page);
    const started = Date.now();
    await runButton(page).click();
    await expect(consoleText(page)).toContainText('looping');
    await expect(consoleText(page)).toContainText('killed: timeout after 1 s', { timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(report(page)).toContainText('timeout after 1 s');
    await expectUnharmed(page, before);
  });

  test('a 1 GiB stdout flood is capped on the console and stopped by its quota with EDQUOT', async ({
    page,
  }) => {
    await uploadAndBuild(page, 'flood.wat', FLOOD_WAT);
    await upload(page, 'flood.manifest', manifest('flood.wasm', { stdoutBytes: 16 * 1024 * 1024 }));
    const before = await projectSnapshot(page);
    await runToEnd(page, 30_000);
    await expect(consoleText(page)).toContainText('output capped at 1 MiB');
    // The guest's exit code is the last errno its writes got: 19 is WASI's EDQUOT.
    await expect(toolbarStatus(page)).toContainText(
      /finished with code 19, but \/dev\/stdout quota of 16777216 bytes written used up; \d+ writes refused/,
    );
    await page.getByRole('tab', { name: 'Trace', exact: true }).click();
    await page.getByRole('checkbox', { name: 'errors only' }).check();
    const table = page.getByRole('table', { name: 'System calls' });
    await expect(table.getByRole('row').nth(1)).toContainText('fd_write');
    await expect(table.getByRole('row').nth(1)).toContainText('EDQUOT');
    await expectUnharmed(page, before);
  });

  test('memory past Memory, a deep recursion and a trap are reported, and nothing else happens', async ({
    page,
  }) => {
    await uploadAndBuild(page, 'bomb.wat', MEMORY_BOMB_WAT);
    await upload(page, 'bomb.manifest', manifest('bomb.wasm'));
    let before = await projectSnapshot(page);
    await runToEnd(page);
    await expect(consoleText(page)).toContainText('memory.grow refused');
    await expect(toolbarStatus(page)).toContainText(
      'out of memory: the program used all 16777216 bytes that Memory allows',
    );
    await expect(report(page)).toContainText('16 MiB peak of 16 MiB');
    await expectUnharmed(page, before);

    await uploadAndBuild(page, 'deep.wat', RECURSION_WAT);
    before = await projectSnapshot(page);
    await runToEnd(page);
    await expect(consoleText(page)).toContainText('going down');
    await expect(toolbarStatus(page)).toHaveText('crashed: stack overflow (too deep recursion)');
    await expectUnharmed(page, before);

    await upload(page, 'trap.wasm', fixture('unreachable'));
    before = await projectSnapshot(page);
    await runToEnd(page);
    await expect(consoleText(page)).toContainText('about to trap');
    await expect(toolbarStatus(page)).toContainText('crashed');
    await expectUnharmed(page, before);
  });

  test('garbage and truncated .wasm files are refused with a clear line', async ({ page }) => {
    const hello = fixture('hello');
    const cases: Array<[string, Uint8Array, RegExp]> = [
      [
        'cut.wasm',
        hello.subarray(0, Math.floor(hello.length * 0.6)),
        /refused: the module is truncated at byte \d+/,
      ],
      [
        'junk.wasm',
        new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...noise(4096)]),
        /refused: unknown section id \d+ at byte 8/,
      ],
      ['noise.wasm', noise(65536, 7), /refused: this file is not a WebAssembly module/],
    ];
    for (const [name, bytes, message] of cases) {
      await upload(page, name, bytes);
      const before = await projectSnapshot(page);
      await runToEnd(page);
      await expect(toolbarStatus(page)).toContainText(message);
      await expect(consoleText(page)).toContainText(message);
      await expect(report(page)).toContainText('refused');
      await expectUnharmed(page, before);
    }
  });

  test('opening ../../etc/passwd or /etc/passwd, or writing over the user’s files, fails with an errno', async ({
    page,
  }) => {
    await upload(page, 'write-file.wasm', fixture('write-file'));
    await upload(page, 'cat-file.wasm', fixture('cat-file'));
    // The guest prints "PATH: strerror(errno)" and exits 1 when open fails. Quick mode mounts the project
    // read-only at /, so /mine.txt is the user's file; nothing of the host is there.
    const cases: Array<[string, string, string]> = [
      ['cat-file.wasm', '../../etc/passwd', '../../etc/passwd: Operation not permitted'],
      ['cat-file.wasm', '/etc/passwd', '/etc/passwd: No such file or directory'],
      ['write-file.wasm', '/mine.txt pwned', '/mine.txt: Read-only file system'],
      ['write-file.wasm', '../../greet.c pwned', '../../greet.c: Operation not permitted'],
    ];
    for (const [program, args, message] of cases) {
      await editorTab(page, program).click();
      await argsBox(page).fill(args);
      const before = await projectSnapshot(page);
      await runToEnd(page);
      await expect(toolbarStatus(page)).toHaveText('finished with code 1');
      await expect(consoleText(page)).toContainText(message);
      await expect(consoleText(page)).not.toContainText('root:');
      await expectUnharmed(page, before);
    }
  });
});

test.describe('hostile manifests and jobs', () => {
  test('a malformed manifest gets markers and Run says why it did not run', async ({ page }) => {
    await upload(
      page,
      'bad.manifest',
      [
        'Version = 1999',
        'Program = ../../etc/passwd',
        'Memory = lots, 0',
        'Timeout = -5',
        'Channel = /dev/stdin, /dev/stdin, 0',
        'Channel = /etc/shadow, /dev/secret, 9, 0, 1, 1, 1, 1',
        '<img src=x onerror=window.__pwned=1>',
        '',
      ].join('\n'),
    );
    const before = await projectSnapshot(page);
    await expect(errorMarker(page)).toBeVisible();
    await runToEnd(page);
    await expect(consoleText(page)).toContainText(
      /Not run: bad\.manifest has \d+ errors; the first, on line \d+: /,
    );
    await expect(toolbarStatus(page)).toContainText('Not run: bad.manifest');
    await expectUnharmed(page, before);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

    await upload(page, 'junk.manifest', new Uint8Array([0, 0xff, 0xfe, ...noise(8192, 99), 0x0a, 0]));
    const junk = await projectSnapshot(page);
    await runToEnd(page);
    await expect(toolbarStatus(page)).toContainText(
      'this line contains a NUL byte (U+0000); a manifest is plain text (is this a binary file?)',
    );
    await expect(consoleText(page)).toContainText('Not run: junk.manifest');
    await expectUnharmed(page, junk);
  });

  test('a job with a cycle or a 10,000-node fan-out gets diagnostics, and the page stays responsive', async ({
    page,
  }) => {
    // One group per line, so every marker is on screen.
    const job = (groups: object[]) => `[\n${groups.map((g) => JSON.stringify(g)).join(',\n')}\n]\n`;
    const cycle = job([
      { name: 'a', exec: { path: 'greet.wasm' }, connect: ['b'] },
      { name: 'b', exec: { path: 'greet.wasm' }, connect: ['c'] },
      { name: 'c', exec: { path: 'greet.wasm' }, connect: ['a'] },
    ]);
    // Ten groups of 1,000 nodes, each wired to the next: 10,000 nodes and 9,000,000 connections.
    const wide = job(
      Array.from({ length: 10 }, (_, i) => ({
        name: `g${i}`,
        exec: { path: 'greet.wasm' },
        count: 1000,
        ...(i < 9 ? { connect: [`g${i + 1}`] } : {}),
      })),
    );
    const huge = job([{ name: 'map', exec: { path: 'greet.wasm' }, count: 10000 }]);
    const cases: Array<[string, string, RegExp]> = [
      ['cycle.job.json', cycle, /connect makes a cycle \(a → b → c → a\)/],
      ['wide.job.json', wide, /the job expands to more than 1000 nodes/],
      ['huge.job.json', huge, /count.*a whole number from 1 to 1000/],
    ];
    for (const [name, text, message] of cases) {
      await upload(page, name, text);
      const before = await projectSnapshot(page);
      await expect(errorMarker(page)).toBeVisible();
      await runToEnd(page);
      await expect(consoleText(page)).toContainText('Not run');
      await expect(consoleText(page)).toContainText(message);
      await expectUnharmed(page, before);
    }
  });
});

test.describe('hostile links and .zapp files, over the user’s autosaved work', () => {
  /** Opens a link with a fresh page load (a fragment-only change would not reload the app). */
  async function openLink(page: Page, fragment: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`/#${fragment}`);
    await expect(runButton(page)).toBeEnabled();
  }

  test('a deflate bomb and unsafe paths are refused; a markup file name opens as text and runs nothing', async ({
    page,
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const before = await projectSnapshot(page);

    await openLink(page, zipBombFragment(64));
    await expect(alertNotice(page)).toContainText(
      'The link expands to more than 16 MB, so it was not opened.',
    );
    await expectUnharmed(page, before);

    for (const path of ['../../etc/passwd', '/etc/passwd']) {
      await openLink(page, fragmentOf({ files: { [path]: strToU8('x'), 'ok.txt': strToU8('y') } }));
      await expect(alertNotice(page)).toContainText(
        `This share link could not be opened: The link has an unsafe file path`,
      );
      await expect(alertNotice(page)).toContainText('Nothing was run or changed.');
      await expectUnharmed(page, before);
    }

    // A valid link whose names and contents are markup: it opens (the user's project kept in Recent
    // projects), shown as text; no handler ever runs.
    const markup = '<img src=x onerror=window.__pwned=1>';
    const svg = '<svg onload=window.__pwned=2>.c';
    await openLink(
      page,
      fragmentOf({
        files: {
          [markup]: strToU8('<script>window.__pwned = 3</script>'),
          [svg]: strToU8('int main(void) { return 0; }\n'),
        },
        openFile: markup,
        tabs: [markup, svg],
        stdin: '<img src=x onerror=window.__pwned=4>',
      }),
    );
    await expect(page.getByRole('status').filter({ hasText: /shared project/ })).toContainText(
      'Your previous project “Hello, sandbox (stdin → stdout)” is kept in Recent projects.',
    );
    await expect(treeItem(page, markup)).toBeVisible();
    await expect(editorTab(page, svg)).toBeVisible();
    await expect(page.locator('.monaco-editor .view-lines')).toContainText(
      '<script>window.__pwned = 3</script>',
    );
    await expect(toolbarStatus(page)).toHaveText('Ready');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);
    await expectClickAnsweredWithin(page, CLICK_MS);

    // The user's work is not lost: kept byte for byte, and it comes back.
    expect(await recentProjectFiles(page, 'Hello, sandbox (stdin → stdout)')).toEqual(before.files);
    await page.getByRole('button', { name: /^Projects \(current: / }).click();
    await page
      .getByRole('dialog', { name: 'Projects' })
      .getByRole('button', { name: 'Open Hello, sandbox (stdin → stdout)' })
      .click();
    await expect(treeItem(page, 'mine.txt')).toBeVisible();
    await expectUnharmed(page, before);
    expect(dialogs).toEqual([]);
  });

  test('a link at the limits (2,000 files, 200 tabs, megabytes of stdin, arguments and environment) opens without freezing the page', async ({
    page,
  }) => {
    const before = await projectSnapshot(page);
    // 2,000 files (as many as a link may hold), all 2,000 rows of the Files tree, 200 of them open in tabs.
    const files: Record<string, Uint8Array> = { 'wordcount.wasm': fixture('wordcount') };
    for (let i = 1; i < 2000; i++) files[`file-${i}.c`] = strToU8(`int x${i};\n`);
    const tabs = Object.keys(files).slice(0, 200);
    // 4.2 MB of short lines on stdin, 2 MB of arguments, 2.2 MB of bad environment lines: a link may hold 16 MB.
    const stdin = 'hello world\n'.repeat(350_000);
    await openLink(
      page,
      fragmentOf({
        files,
        openFile: 'wordcount.wasm',
        tabs,
        stdin,
        args: 'x '.repeat(1_000_000),
        env: 'not a pair\n'.repeat(200_000),
      }),
    );
    // Playwright's role queries walk all 2,000 rows, so they take longer here than the page does.
    await expect(page.getByRole('status').filter({ hasText: /shared project/ })).toContainText(
      'Opened a shared project (2000 files).',
      { timeout: 30_000 },
    );
    await expectClickAnsweredWithin(page, CLICK_MS);
    expect(await recentProjectFiles(page, 'Hello, sandbox (stdin → stdout)')).toEqual(before.files);

    // The boxes say what they hold instead of laying out megabytes; Run still gives the program all of stdin.
    const stdinBox = page.getByRole('textbox', { name: 'Stdin', exact: true });
    await expect(stdinBox).toHaveJSProperty('readOnly', true);
    await expect(stdinBox).toHaveAccessibleDescription(/^Too long to edit here \(4,200,000 characters\)/);
    const envBox = page.getByRole('textbox', { name: 'Environment', exact: true });
    await expect(envBox).toHaveAccessibleDescription(/Too long to edit here \(2,200,000 characters\)/);
    // 200,000 bad lines: the first ten are listed, not all of them.
    const problems = page.getByRole('region', { name: 'Quick-run options' }).getByRole('listitem');
    await expect(problems).toHaveCount(11);
    await expect(problems.last()).toHaveText('and 199,990 more lines like these');
    await page.getByRole('button', { name: 'Clear the arguments', exact: true }).click();
    await page.getByRole('button', { name: 'Clear the environment', exact: true }).click();
    await expect(argsBox(page)).toHaveValue('');
    await runToEnd(page);
    // wordcount prints "<words> <lines> <bytes>" of stdin.
    await expect(consoleText(page)).toContainText('700000 350000 4200000');
    await expectClickAnsweredWithin(page, CLICK_MS);
    await page.getByRole('button', { name: 'Clear stdin', exact: true }).click();
    await expect(stdinBox).toHaveValue('');
    await expect(stdinBox).toHaveJSProperty('readOnly', false);
    await expectClickAnsweredWithin(page, CLICK_MS);
  });

  test('a .zapp bomb and a .zapp with traversal are refused; a markup .zapp keeps the user’s work', async ({
    page,
  }) => {
    const projects = page.getByRole('dialog', { name: 'Projects' });
    const importZapp = async (name: string, bytes: Uint8Array) => {
      if ((await projects.count()) === 0)
        await page.getByRole('button', { name: /^Projects \(current: / }).click();
      await page
        .getByTestId('zapp-input')
        .setInputFiles({ name, mimeType: 'application/gzip', buffer: Buffer.from(bytes) });
    };
    const before = await projectSnapshot(page);

    await importZapp('bomb.zapp', gzipBomb(256));
    await expect(alertNotice(page)).toHaveText(
      'This .zapp file expands to more than 20 MB, so it was not opened. Nothing was changed.',
    );
    await expectUnharmed(page, before);

    const yaml = { name: 'zapp.yaml', data: 'meta:\n  name: evil\n' };
    for (const path of ['../../evil.txt', 'a/../../../evil.txt']) {
      await importZapp('traversal.zapp', gzipSync(createTar([yaml, { name: path, data: 'pwned' }])));
      await expect(alertNotice(page)).toContainText('This .zapp file has an unsafe entry');
      await expect(alertNotice(page)).toContainText('Nothing was changed.');
      await expectUnharmed(page, before);
    }

    const markup = '<img src=x onerror=window.__pwned=1>';
    await importZapp(
      'markup.zapp',
      gzipSync(
        createTar([
          { name: 'zapp.yaml', data: `meta:\n  name: "${markup}"\n` },
          { name: `${markup}.txt`, data: '<script>window.__pwned = 2</script>' },
        ]),
      ),
    );
    await expect(page.getByRole('status').filter({ hasText: /Opened/ })).toContainText(
      `Opened “${markup}” from markup.zapp`,
    );
    await expect(page.getByRole('button', { name: `Projects (current: ${markup})` })).toBeVisible();
    await expect(treeItem(page, `${markup}.txt`)).toBeVisible();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expectClickAnsweredWithin(page, CLICK_MS);
    expect(await recentProjectFiles(page, 'Hello, sandbox (stdin → stdout)')).toEqual(before.files);
  });

  // Found by this suite: the autosave was one slot that every tab wrote, so what the user did in the first tab
  // after opening a link in a second was lost as soon as the second tab saved. Each tab now keeps its own
  // project (a working copy per project, the tab's project id in sessionStorage).
  test('a link opened in another tab does not lose what the user goes on doing in the first', async ({
    page,
    context,
  }) => {
    const shared = await context.newPage();
    await shared.goto(`/#${fragmentOf({ files: { 'shared.txt': strToU8('from the link') } })}`);
    await expect(treeItem(shared, 'shared.txt')).toBeVisible();
    // Back in the first tab, the user goes on working; then tries something in the shared project's tab.
    await upload(page, 'later.txt', 'written after the link was opened elsewhere\n');
    const mine = await projectSnapshot(page);
    await shared.getByRole('textbox', { name: 'Stdin', exact: true }).fill('trying the shared project');
    await projectSnapshot(shared);
    await page.reload();
    await expect(runButton(page)).toBeEnabled();
    // Each tab keeps its own project: the first tab comes back with its own work, the second with the link's.
    await expect(treeItem(page, 'later.txt')).toBeVisible();
    await expect(treeItem(page, 'shared.txt')).toHaveCount(0);
    const autosaved = await projectSnapshot(page);
    const kept = await recentProjectFiles(page, 'Hello, sandbox (stdin → stdout)');
    expect([autosaved.files, kept]).toContainEqual(mine.files);
    expect(autosaved.files).toEqual(mine.files);
    await shared.reload();
    await expect(treeItem(shared, 'shared.txt')).toBeVisible();
    await expect(shared.getByRole('textbox', { name: 'Stdin', exact: true })).toHaveValue(
      'trying the shared project',
    );
  });
});
