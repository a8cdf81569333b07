import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { fixturePath } from '../src/engine/test-support/fixture-cache.ts';

/** The console's plain-text mirror (xterm draws on a canvas-like grid that tests cannot read). */
export const consoleText = (page: Page): Locator => page.getByTestId('console-text');

/** The toolbar's Run button. */
export const runButton = (page: Page): Locator => page.getByRole('button', { name: 'Run', exact: true });

/** The toolbar's run status ("Ready", "finished with code 0", "killed: timeout after 1 s"). */
export const toolbarStatus = (page: Page): Locator => page.getByRole('banner').getByRole('status');

/** The Files tree (role tree, not the region around it). */
export const fileTree = (page: Page): Locator => page.getByRole('tree', { name: 'Files', exact: true });

/** One row of the Files tree, by its exact name. */
export const treeItem = (page: Page, name: string): Locator =>
  fileTree(page).getByRole('treeitem', { name, exact: true });

/** One editor tab, by its exact label. */
export const editorTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Open files' }).getByRole('tab', { name, exact: true });

/** Opens the app with the default project and waits until Run can be pressed. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(runButton(page)).toBeEnabled();
}

/** Uploads a prebuilt fixture through the Upload input under `name` (a single upload opens it in a tab). */
export async function uploadFixture(page: Page, fixture: string, name = `${fixture}.wasm`): Promise<void> {
  await page.getByTestId('upload-files-input').setInputFiles({
    name,
    mimeType: 'application/wasm',
    buffer: readFileSync(fixturePath(fixture)),
  });
  await expect(treeItem(page, name)).toBeVisible();
  await expect(editorTab(page, name)).toHaveAttribute('aria-selected', 'true');
}

/** Replaces the whole text of the file open in Monaco, as a user would by selecting all and typing. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').first();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Creates a file at the project root through "New file", typing its name and pressing Enter. */
export async function createFile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New file', exact: true }).click();
  const box = page.getByRole('textbox', { name: 'New file name', exact: true });
  await expect(box).toBeFocused();
  await box.fill(name);
  await box.press('Enter');
  await expect(box).toBeHidden();
}

/** Opens the Actions menu of a tree item and picks one entry. */
export async function treeAction(page: Page, path: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${path}`, exact: true }).click();
  await page
    .getByRole('menu', { name: `Actions for ${path}`, exact: true })
    .getByRole('menuitem', { name: action, exact: true })
    .click();
}
