import { statSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { consoleText, editorTab, openApp, runButton, toolbarStatus, treeItem } from './support.ts';

// The console cap keeps head and tail (issue 14): after a flood the console shows the first lines, one line
// saying what was left out, and the last lines (stderr included); the Report downloads the whole output.

const report = (page: Page) => page.getByRole('region', { name: 'Report', exact: true });

/** 384 writes of 64 KiB: 24 MiB of lines of 63 x's. */
const FLOOD_WRITES = 384;
const FIRST = 'first line\n';
const LAST = 'last stdout line\n';
const STDOUT_BYTES = FIRST.length + FLOOD_WRITES * 65536 + LAST.length;

/** Writes FIRST, then FLOOD_WRITES x 64 KiB of lines to stdout, then LAST, then "done" to stderr. */
const FLOOD_THEN_DONE_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 16) "first line\\n")
  (data (i32.const 32) "last stdout line\\n")
  (data (i32.const 64) "done\\n")
  (func $write (param $fd i32) (param $at i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $at))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (local $i i32)
    (call $write (i32.const 1) (i32.const 16) (i32.const 11))
    ;; 64 KiB of lines of 63 x's at 65536
    (loop $fill
      (i32.store8 (i32.add (i32.const 65536) (local.get $i))
        (select (i32.const 10) (i32.const 120) (i32.eq (i32.and (local.get $i) (i32.const 63)) (i32.const 63))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 65536))))
    (local.set $i (i32.const 0))
    (loop $flood
      (call $write (i32.const 1) (i32.const 65536) (i32.const 65536))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $flood (i32.lt_u (local.get $i) (i32.const ${FLOOD_WRITES}))))
    (call $write (i32.const 1) (i32.const 32) (i32.const 17))
    (call $write (i32.const 2) (i32.const 64) (i32.const 5))))
`;

const MANIFEST = [
  'Version = 20130611',
  'Program = flood.wasm',
  'Memory = 16777216, 0',
  'Timeout = 30',
  'Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0',
  'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1000000, 33554432',
  'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1000, 65536',
  '',
].join('\n');

/** Uploads one file through Upload (a single upload opens it in a tab). */
async function upload(page: Page, name: string, data: string): Promise<void> {
  await page.getByTestId('upload-files-input').setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(data),
  });
  await expect(treeItem(page, name)).toBeVisible();
  await expect(editorTab(page, name)).toHaveAttribute('aria-selected', 'true');
}

test('after a 24 MiB stdout flood the console keeps head and tail, and the Report downloads it all', async ({
  page,
}) => {
  await openApp(page);
  await upload(page, 'flood.wat', FLOOD_THEN_DONE_WAT);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(consoleText(page)).toContainText('Built flood.wasm', { timeout: 30_000 });
  await upload(page, 'flood.manifest', MANIFEST);

  await runButton(page).click();
  await expect(toolbarStatus(page)).toContainText('finished with code 0', { timeout: 60_000 });
  await expect(consoleText(page)).toContainText('finished with code 0');

  const text = (await consoleText(page).textContent()) ?? '';
  const leftOut = text.match(
    /\[… output capped at 1 MiB: ([\d.]+) MiB \(([\d,]+) lines\) left out here\. The whole stdout and stderr of a run are in the Report \(Download stdout, Download stderr\) …\]\n/,
  );
  expect(leftOut, 'the left-out line').not.toBeNull();
  expect(Number(leftOut![1])).toBeGreaterThan(23);
  expect(text.indexOf(`${FIRST}${'x'.repeat(63)}\n`)).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(FIRST)).toBeLessThan(leftOut!.index!);
  // The tail ends with the program's last stdout line, its stderr "done", and the run's own notice.
  expect(text).toMatch(new RegExp(`${'x'.repeat(63)}\\n${LAST}done\\nfinished with code 0[^\\n]*\\n$`));
  expect(text.split('[… output capped')).toHaveLength(2);
  // What the console keeps is bounded, however much came.
  expect(text.length).toBeLessThan(1024 * 1024 + 4096);

  const downloads = report(page).getByRole('region', { name: 'Console output', exact: true });
  const [stdout] = await Promise.all([
    page.waitForEvent('download'),
    downloads.getByRole('button', { name: 'Download stdout', exact: true }).click(),
  ]);
  expect(stdout.suggestedFilename()).toBe('stdout.txt');
  expect(statSync(await stdout.path()).size).toBe(STDOUT_BYTES);
  const [stderr] = await Promise.all([
    page.waitForEvent('download'),
    downloads.getByRole('button', { name: 'Download stderr', exact: true }).click(),
  ]);
  expect(statSync(await stderr.path()).size).toBe('done\n'.length);
});
