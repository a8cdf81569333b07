import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { consoleText, createFile, editorTab, openApp, runButton, treeItem } from './support.ts';
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
