import { expect, test } from './fixtures.ts';
import { consoleText, createFile, editorTab, openApp, runButton, treeItem } from './support.ts';
import { fragmentOf, helloProject } from './share-support.ts';

test('the project and run inputs survive a reload (autosaved to IndexedDB)', async ({ page }) => {
  await openApp(page);
  await createFile(page, 'notes.txt');
  await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('Grace Hopper\n');
  // Autosave is debounced; give it time to write before the page goes away.
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(runButton(page)).toBeEnabled();
  await expect(treeItem(page, 'notes.txt')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Stdin', exact: true })).toHaveValue('Grace Hopper\n');
  await page.getByRole('tab', { name: 'hello.manifest' }).click();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Hello, Grace Hopper!');
});

test('what is typed just before a reload or a closed tab is there afterwards (no debounce window)', async ({
  page,
  context,
}) => {
  await openApp(page);
  await createFile(page, 'notes.txt');
  // Everything so far is saved; what follows is typed less than the 400 ms autosave debounce before leaving.
  await page.waitForTimeout(1000);
  const stdin = page.getByRole('textbox', { name: 'Stdin', exact: true });
  const lines = page.locator('.monaco-editor .view-lines').first();
  await lines.click();
  await page.keyboard.type('typed-at-the-last-moment');
  await stdin.fill('stdin typed at the last moment\n');
  await page.reload();
  await expect(runButton(page)).toBeEnabled();
  await expect(stdin).toHaveValue('stdin typed at the last moment\n');
  await expect(editorTab(page, 'notes.txt')).toHaveAttribute('aria-selected', 'true');
  await expect(lines).toHaveText('typed-at-the-last-moment');

  await stdin.fill('typed, then the tab was closed\n');
  await page.close();
  const next = await context.newPage();
  await next.goto('/');
  await expect(runButton(next)).toBeEnabled();
  await expect(next.getByRole('textbox', { name: 'Stdin', exact: true })).toHaveValue(
    'typed, then the tab was closed\n',
  );
});

test('two tabs of one project: the second works on a copy and says so, and each tab keeps its own work', async ({
  page,
  context,
}) => {
  await openApp(page);
  await createFile(page, 'first.txt');
  await page.waitForTimeout(1000);
  const second = await context.newPage();
  await second.goto('/');
  await expect(runButton(second)).toBeEnabled();
  await expect(second.getByRole('status').filter({ hasText: /open in another tab/ })).toContainText(
    'This tab works on its own copy',
  );
  await expect(second.getByRole('button', { name: /^Projects \(current: .* \(copy\)\)$/ })).toBeVisible();
  await expect(treeItem(second, 'first.txt')).toBeVisible();
  await createFile(second, 'in-the-copy.txt');
  await createFile(page, 'in-the-first-tab.txt');
  await page.waitForTimeout(1000);

  await page.reload();
  await second.reload();
  await expect(runButton(page)).toBeEnabled();
  await expect(runButton(second)).toBeEnabled();
  await expect(treeItem(page, 'in-the-first-tab.txt')).toBeVisible();
  await expect(treeItem(page, 'in-the-copy.txt')).toHaveCount(0);
  await expect(treeItem(second, 'in-the-copy.txt')).toBeVisible();
  await expect(treeItem(second, 'in-the-first-tab.txt')).toHaveCount(0);
  // A reload keeps each tab on its project: no new copy.
  await expect(second.getByRole('status').filter({ hasText: /open in another tab/ })).toHaveCount(0);
});

test('a duplicated tab that opens a link leaves the tab it was copied from on its own project', async ({
  page,
  context,
}) => {
  await openApp(page);
  await createFile(page, 'first.txt');
  await page.waitForTimeout(1000);
  // A duplicated tab starts with a copy of the tab's sessionStorage.
  const session = await page.evaluate(() => Object.entries(sessionStorage));
  const duplicate = await context.newPage();
  await duplicate.addInitScript((entries) => {
    if (sessionStorage.length === 0) for (const [key, value] of entries) sessionStorage.setItem(key, value);
  }, session);
  await duplicate.goto(`/#${fragmentOf(helloProject())}`);
  await expect(duplicate.getByRole('status').filter({ hasText: /Opened a shared project/ })).toBeVisible();
  await expect(treeItem(duplicate, 'hello.wasm')).toBeVisible();

  await page.reload();
  await expect(runButton(page)).toBeEnabled();
  await expect(treeItem(page, 'first.txt')).toBeVisible();
  await expect(treeItem(page, 'hello.wasm')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /open in another tab/ })).toHaveCount(0);
});
