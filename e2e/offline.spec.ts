import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { consoleText, createFile, editorTab, openApp, runButton } from './support.ts';

const offlineButton = (page: Page) => page.getByRole('button', { name: /^Offline: / });

/** Waits until the service worker has precached the app shell and controls the page. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect(offlineButton(page)).toHaveAccessibleName('Offline: ready');
}

test('after one visit the app, the examples and a toolchain used once work with the network off', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  await waitForServiceWorker(page);
  await createFile(page, 'hello.py');
  await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('Offline\n');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Hello, Offline!', { timeout: 120_000 });
  await offlineButton(page).click();
  const details = page.getByRole('dialog', { name: 'Available offline' });
  await expect(details).toContainText('The app and its examples: available offline');
  await expect(details).toContainText('Python 3.12: available offline');
  await expect(details).toContainText('C/C++ compiler (clang): downloads on first use');

  await context.setOffline(true);
  await page.reload();
  await expect(runButton(page)).toBeEnabled();
  // The service worker keeps the isolation headers: SharedArrayBuffer (live console) still works.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Hello, Offline!', { timeout: 60_000 });
  await editorTab(page, 'hello.manifest').click();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Hello, Offline!');
  await expect(consoleText(page)).toContainText('finished with code 0');

  // Another example, and an embed, load offline too.
  await page.getByRole('combobox', { name: 'Open example' }).selectOption('wordcount');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('finished with code 0');
  await page.goto('/?embed=1');
  await expect(runButton(page)).toBeEnabled();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});
