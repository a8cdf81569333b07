import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readTarImage } from '../src/engine/image/tar-image.ts';
import { createFile, editorTab, fileTree, openApp, treeAction, treeItem } from './support.ts';

const decoder = new TextDecoder();
const defaultManifest = readFileSync(new URL('../src/app/default-project/hello.manifest', import.meta.url));
const defaultGreetC = readFileSync(new URL('../src/app/default-project/greet.c', import.meta.url));

/** The bytes of a finished download. */
async function downloadedBytes(download: Download): Promise<Uint8Array> {
  const path = await download.path();
  return new Uint8Array(readFileSync(path));
}

/** The error shown in the Files panel (Monaco has alert regions of its own). */
const filesAlert = (page: Page) =>
  page.getByRole('region', { name: 'Files', exact: true }).getByRole('alert');

/** The path of every row in the Files tree, in order. */
const treeNames = (page: Page) =>
  fileTree(page)
    .getByRole('treeitem')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.path ?? ''));

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test.describe('the file tree', () => {
  test('a new file opens in a tab and appears in the tree; a new folder appears too', async ({ page }) => {
    await createFile(page, 'notes.txt');
    await expect(treeItem(page, 'notes.txt')).toBeVisible();
    await expect(editorTab(page, 'notes.txt')).toHaveAttribute('aria-selected', 'true');

    await page.getByRole('button', { name: 'New folder', exact: true }).click();
    const folderBox = page.getByRole('textbox', { name: 'New folder name', exact: true });
    await folderBox.fill('data');
    await folderBox.press('Enter');
    await expect(treeItem(page, 'data')).toHaveAttribute('aria-expanded', 'true');

    // A name with a / creates the folders on the way.
    await createFile(page, 'src/util.c');
    await expect(treeItem(page, 'util.c')).toHaveAttribute('aria-level', '2');
    await expect(editorTab(page, 'util.c')).toHaveAttribute('aria-selected', 'true');
    expect(await treeNames(page)).toEqual([
      'data',
      'src',
      'src/util.c',
      'greet.c',
      'greet.wasm',
      'hello.manifest',
      'notes.txt',
    ]);
  });

  test('renaming through the Actions menu and with F2 moves the open tab along', async ({ page }) => {
    await createFile(page, 'notes.txt');
    await expect(editorTab(page, 'notes.txt')).toBeVisible();

    await treeAction(page, 'notes.txt', 'Rename');
    const rename = page.getByRole('textbox', { name: 'Rename notes.txt', exact: true });
    await expect(rename).toBeFocused();
    await rename.fill('readme.txt');
    await rename.press('Enter');
    await expect(treeItem(page, 'readme.txt')).toBeVisible();
    await expect(treeItem(page, 'notes.txt')).toHaveCount(0);
    await expect(editorTab(page, 'readme.txt')).toHaveAttribute('aria-selected', 'true');
    await expect(editorTab(page, 'notes.txt')).toHaveCount(0);

    // F2 on the focused row (focus went back to the renamed row).
    await expect(treeItem(page, 'readme.txt')).toBeFocused();
    await page.keyboard.press('F2');
    const rename2 = page.getByRole('textbox', { name: 'Rename readme.txt', exact: true });
    await expect(rename2).toBeFocused();
    await rename2.fill('story.md');
    await rename2.press('Enter');
    await expect(treeItem(page, 'story.md')).toBeVisible();
    await expect(editorTab(page, 'story.md')).toHaveAttribute('aria-selected', 'true');
    await expect(editorTab(page, 'readme.txt')).toHaveCount(0);

    // A tab that is not the active one follows a rename too.
    await treeItem(page, 'greet.c').click();
    await page.keyboard.press('F2');
    const rename3 = page.getByRole('textbox', { name: 'Rename greet.c', exact: true });
    await rename3.fill('hello.c');
    await rename3.press('Enter');
    await expect(editorTab(page, 'hello.c')).toBeVisible();
    await expect(editorTab(page, 'greet.c')).toHaveCount(0);
    await expect(editorTab(page, 'story.md')).toBeVisible();
  });

  test('deleting a file (after confirming) removes it and closes its tab', async ({ page }) => {
    await createFile(page, 'scratch.txt');
    await expect(editorTab(page, 'scratch.txt')).toBeVisible();

    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await treeAction(page, 'scratch.txt', 'Delete');
    await expect(treeItem(page, 'scratch.txt')).toHaveCount(0);
    await expect(editorTab(page, 'scratch.txt')).toHaveCount(0);
    expect(question).toContain('scratch.txt');

    // Dismissing the question keeps the file; the Delete key asks the same.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await treeItem(page, 'greet.c').click();
    await page.keyboard.press('Delete');
    await expect(treeItem(page, 'greet.c')).toBeVisible();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.keyboard.press('Delete');
    await expect(treeItem(page, 'greet.c')).toHaveCount(0);
    await expect(editorTab(page, 'greet.c')).toHaveCount(0);
  });

  test('an invalid or taken name shows an error and changes nothing', async ({ page }) => {
    const before = await treeNames(page);
    await page.getByRole('button', { name: 'New file', exact: true }).click();
    const box = page.getByRole('textbox', { name: 'New file name', exact: true });
    await box.fill('../x');
    await box.press('Enter');
    await expect(filesAlert(page)).toContainText('".." cannot be used');
    await expect(box).toHaveAttribute('aria-invalid', 'true');

    await box.fill('greet.c');
    await box.press('Enter');
    await expect(filesAlert(page)).toContainText('"greet.c" already exists');
    await box.press('Escape');
    await expect(box).toBeHidden();

    await treeAction(page, 'greet.c', 'Rename');
    const rename = page.getByRole('textbox', { name: 'Rename greet.c', exact: true });
    await rename.fill('hello.manifest');
    await rename.press('Enter');
    await expect(filesAlert(page)).toContainText('"hello.manifest" already exists');
    await rename.fill('sub/greet.c');
    await rename.press('Enter');
    await expect(filesAlert(page)).toContainText('cannot contain /');
    await rename.press('Escape');
    await expect(rename).toBeHidden();

    expect(await treeNames(page)).toEqual(before);
    await expect(editorTab(page, 'greet.c')).toBeVisible();
  });

  test('a file name with markup is shown as plain text', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const name = '<img src=x onerror=alert(1)>.txt';
    await createFile(page, name);
    await expect(treeItem(page, name)).toBeVisible();
    await expect(treeItem(page, name)).toContainText(name);
    await expect(editorTab(page, name)).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    // Give a would-be onerror handler time to fire.
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });
});

test.describe('upload', () => {
  test('a folder picked with Upload folder keeps its nesting', async ({ page }) => {
    const root = mkdtempSync(join(tmpdir(), 'zvm-e2e-'));
    try {
      const dir = join(root, 'wordcount');
      mkdirSync(join(dir, 'src'), { recursive: true });
      mkdirSync(join(dir, 'data', 'in'), { recursive: true });
      writeFileSync(join(dir, 'src', 'main.c'), 'int main(void) { return 0; }\n');
      writeFileSync(join(dir, 'data', 'in', 'words.txt'), 'one two three\n');
      writeFileSync(join(dir, 'README.md'), '# wordcount\n');

      await page.getByTestId('upload-folder-input').setInputFiles(dir);
      await expect(treeItem(page, 'wordcount')).toHaveAttribute('aria-level', '1');
      await expect(treeItem(page, 'main.c')).toHaveAttribute('aria-level', '3');
      await expect(treeItem(page, 'words.txt')).toHaveAttribute('aria-level', '4');
      const names = await treeNames(page);
      for (const path of [
        'wordcount/README.md',
        'wordcount/src/main.c',
        'wordcount/data/in/words.txt',
        'hello.manifest',
      ]) {
        expect(names).toContain(path);
      }
      await treeItem(page, 'words.txt').click();
      await expect(editorTab(page, 'words.txt')).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('.monaco-editor .view-lines')).toContainText('one two three');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

test.describe('download', () => {
  test('Download .zip saves the whole project as a zip', async ({ page }) => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Download .zip', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const bytes = await downloadedBytes(download);
    expect(decoder.decode(bytes.subarray(0, 2))).toBe('PK');
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual(['greet.c', 'greet.wasm', 'hello.manifest']);
    expect(decoder.decode(entries['hello.manifest'])).toBe(decoder.decode(defaultManifest));
  });

  test('Download .tar saves the whole project as a tar, with folders', async ({ page }) => {
    await createFile(page, 'data/input.txt');
    await expect(treeItem(page, 'input.txt')).toBeVisible();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Download .tar', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.tar$/);
    const tar = readTarImage(await downloadedBytes(download));
    if (!tar.ok) throw new Error(tar.reason);
    const byPath = new Map(tar.entries.map((e) => [e.path, e]));
    expect([...byPath.keys()].sort()).toEqual([
      'data',
      'data/input.txt',
      'greet.c',
      'greet.wasm',
      'hello.manifest',
    ]);
    expect(byPath.get('data')?.kind).toBe('directory');
    expect(decoder.decode(byPath.get('hello.manifest')?.data)).toBe(decoder.decode(defaultManifest));
  });

  test('a single file downloads from its Actions menu', async ({ page }) => {
    const downloading = page.waitForEvent('download');
    await treeAction(page, 'greet.c', 'Download');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('greet.c');
    expect(decoder.decode(await downloadedBytes(download))).toBe(decoder.decode(defaultGreetC));
  });
});
