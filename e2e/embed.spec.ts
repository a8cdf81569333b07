import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
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
import { fragmentOf, helloProject } from './share-support.ts';

const embed = (page: Page, query: string, fragment = fragmentOf(helloProject())) =>
  page.goto(`/?embed=1${query}#${fragment}`);

test('?embed=1 shows only the editor, Run and the output, and runs on Run', async ({ page }) => {
  await embed(page, '');
  await expect(runButton(page)).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Editor', exact: true })).toBeVisible();
  await expect(page.getByRole('log', { name: 'Output', exact: true })).toBeVisible();
  for (const name of ['Manifest', 'Report', 'Stdin'])
    await expect(page.getByRole('region', { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole('tree', { name: 'Files' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Share' })).toHaveCount(0);
  await expect(editorTab(page, 'hello.wasm')).toHaveAttribute('aria-selected', 'true');
  await expect(consoleText(page)).toHaveText('');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('hello, sandbox');
  await expect(page.getByRole('link', { name: /Open in ZeroVM Playground/ })).toHaveAttribute(
    'href',
    /^\/#p=1\./,
  );
});

test('&autorun=1 runs on load and &readonly=1 keeps the files as they are', async ({ page }) => {
  await embed(page, '&readonly=1&autorun=1');
  await expect(consoleText(page)).toContainText('hello, sandbox');
  await editorTab(page, 'notes.txt').click();
  const lines = page.locator('.monaco-editor .view-lines').first();
  await expect(lines).toContainText('read me');
  await lines.click();
  await page.keyboard.type('changed ');
  await expect(lines).toHaveText('read me');
});

test("autorun only counts in an embed, and an embed never touches the visitor's own project", async ({
  page,
}) => {
  await openApp(page);
  await createFile(page, 'mine.txt');
  await page.waitForTimeout(800);
  await page.goto('about:blank');
  await page.goto(`/?autorun=1#${fragmentOf(helloProject())}`);
  await expect(runButton(page)).toBeEnabled();
  await expect(treeItem(page, 'hello.wasm')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(consoleText(page)).toHaveText('');

  await page.goto('about:blank');
  await embed(
    page,
    '',
    fragmentOf({
      files: { 'embedded.txt': new TextEncoder().encode('x') },
      openFile: 'embedded.txt',
      tabs: ['embedded.txt'],
    }),
  );
  await expect(editorTab(page, 'embedded.txt')).toBeVisible();
  await page.waitForTimeout(800);
  await page.goto('/');
  await expect(runButton(page)).toBeEnabled();
  await expect(treeItem(page, 'hello.wasm')).toBeVisible();
  await expect(treeItem(page, 'embedded.txt')).toHaveCount(0);
});

test('a bad link in an embed says so and runs nothing', async ({ page }) => {
  await embed(page, '&autorun=1', 'p=1.AAAA');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText(
    'This snippet could not be opened:',
  );
  await expect(consoleText(page)).toHaveText('');
});

test('autorun stops a looping snippet after a few seconds whatever its Timeout, and says so; Run runs it in full', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const manifest = [
    'Version = 20130611',
    'Program = loop-forever.wasm',
    'Memory = 16777216, 0',
    // The largest Timeout a manifest may give: 2^31-1 s, some 68 years.
    'Timeout = 2147483647',
    'Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0',
    'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1000, 65536',
    'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1000, 65536',
    '',
  ].join('\n');
  const loop = fragmentOf({
    files: {
      'loop-forever.wasm': new Uint8Array(readFileSync(fixturePath('loop-forever'))),
      'loop.manifest': new TextEncoder().encode(manifest),
    },
    openFile: 'loop.manifest',
    tabs: ['loop.manifest'],
  });
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await embed(page, '&autorun=1', loop);
  await expect(consoleText(page)).toContainText('looping');
  const started = Date.now();
  await expect(consoleText(page)).toContainText(
    'Autorun stopped after 5 s: a snippet runs by itself for at most 5 s. Press Run to run it in full.',
    { timeout: 15_000 },
  );
  expect(Date.now() - started).toBeLessThan(8_000);
  await expect(runButton(page)).toBeEnabled();
  await expect(toolbarStatus(page)).toHaveText('stopped: autorun runs at most 5 s; press Run');

  // Run pressed by the visitor: the manifest's Timeout holds, so it goes on past the cap until Stop.
  await runButton(page).click();
  await expect(toolbarStatus(page)).toContainText('Running');
  await page.waitForTimeout(7_000);
  await expect(stop).toBeEnabled();
  await expect(consoleText(page)).not.toContainText('Autorun stopped');
  await stop.click();
  await expect(consoleText(page)).toContainText('stopped: killed by the user');
});
