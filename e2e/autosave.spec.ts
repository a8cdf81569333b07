import { expect, test } from '@playwright/test';
import { consoleText, createFile, openApp, runButton, treeItem } from './support.ts';

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
