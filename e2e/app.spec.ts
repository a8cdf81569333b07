import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { fixturePath } from '../src/engine/test-support/fixture-cache.ts';

const consoleText = (page: Page) => page.getByTestId('console-text');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });

/** Replaces the whole text of the file open in Monaco, as a user would by selecting all and typing. */
async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').first();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const MANIFEST = (stdoutPuts: number, version = '20130611') => `Version = ${version}
Program = greet.wasm
Memory = 16777216, 0
Timeout = 5
Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0
Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, ${stdoutPuts}, 65536
Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 16, 65536
`;

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(runButton(page)).toBeEnabled();
});

test('the default project runs and greets on the console', async ({ page }) => {
  await expect(page.getByRole('tree', { name: 'Files' })).toContainText('hello.manifest');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Hello, ZeroVM!');
  await expect(consoleText(page)).toContainText('finished with code 0');
  await expect(page.getByRole('region', { name: 'Report' })).toContainText('/dev/stdout');
});

test('stdin typed in the Stdin box reaches the program', async ({ page }) => {
  await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('Ada Lovelace\n');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(consoleText(page)).toContainText('Hello, Ada Lovelace!');
});

test('an uploaded prebuilt .wasm runs in quick mode', async ({ page }) => {
  await page.getByTestId('upload-files-input').setInputFiles({
    name: 'hello.wasm',
    mimeType: 'application/wasm',
    buffer: await import('node:fs').then((fs) => fs.readFileSync(fixturePath('hello'))),
  });
  await expect(page.getByRole('treeitem', { name: 'hello.wasm' })).toBeVisible();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('hello.wasm (quick run)');
  await expect(consoleText(page)).toContainText('hello, sandbox');
  await expect(page.getByRole('region', { name: 'Manifest' })).toContainText('generated');
});

test('a manifest error shows a marker and blocks Run', async ({ page }) => {
  await page.getByRole('tab', { name: /hello\.manifest/ }).click();
  await replaceEditorText(page, MANIFEST(16, '1'));
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Not run');
  await expect(consoleText(page)).toContainText('Version');
  await expect(consoleText(page)).not.toContainText('Hello,');
});

test('a spent stdout quota shows EDQUOT and the program goes on', async ({ page }) => {
  await page.getByRole('tab', { name: /hello\.manifest/ }).click();
  await replaceEditorText(page, MANIFEST(1));
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Hello, ZeroVM!');
  await expect(consoleText(page)).toContainText('EDQUOT');
  await expect(consoleText(page)).toContainText('quota of 1 writes used up; 2 writes refused');
  await expect(page.getByRole('region', { name: 'Report' })).toContainText('quota');
});

test('Stop ends an endless loop and the page stays responsive', async ({ page }) => {
  await page.getByTestId('upload-files-input').setInputFiles({
    name: 'loop.wasm',
    mimeType: 'application/wasm',
    buffer: await import('node:fs').then((fs) => fs.readFileSync(fixturePath('loop-forever'))),
  });
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('looping');
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeEnabled();
  await stop.click();
  await expect(consoleText(page)).toContainText('stopped');
  await expect(runButton(page)).toBeEnabled();
  // Still responsive: switch to the manifest and run the default program, which answers at once.
  await page.getByRole('tab', { name: /hello\.manifest/ }).click();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Hello, ZeroVM!');
});
