import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import { readTarImage, writeTarImage } from '../src/engine/image/tar-image.ts';
import {
  consoleText,
  createFile,
  editorTab,
  openApp,
  replaceEditorText,
  runButton,
  treeAction,
  treeItem,
} from './support.ts';

const projectsButton = (page: Page) => page.getByRole('button', { name: /^Projects \(current: / });
const projects = (page: Page) => page.getByRole('dialog', { name: 'Projects' });
const recentList = (page: Page) => projects(page).getByRole('list');
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Recent projects|Opened/ });
const alertNotice = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });
const stdinBox = (page: Page) => page.getByRole('textbox', { name: 'Stdin', exact: true });

async function openProjects(page: Page): Promise<void> {
  if ((await projects(page).count()) === 0) await projectsButton(page).click();
  await expect(projects(page)).toBeVisible();
}

test('New project keeps the edited one in Recent projects, which open, rename and delete', async ({
  page,
}) => {
  await openApp(page);
  await stdinBox(page).fill('Grace\n');
  await openProjects(page);
  await projects(page).getByRole('button', { name: 'New project' }).click();
  await expect(status(page)).toHaveText(
    'Started a new project. Your previous project “Hello, sandbox (stdin → stdout)” is kept in Recent projects.',
  );
  await expect(treeItem(page, 'main.c')).toBeVisible();
  await expect(treeItem(page, 'greet.c')).toHaveCount(0);
  await expect(projectsButton(page)).toHaveAccessibleName('Projects (current: Untitled project)');

  await openProjects(page);
  await expect(recentList(page).getByRole('listitem')).toHaveCount(1);
  await projects(page).getByRole('button', { name: 'Rename Hello, sandbox (stdin → stdout)' }).click();
  const rename = projects(page).getByRole('textbox', { name: /^New name for / });
  await rename.fill('Greeter');
  await rename.press('Enter');
  await expect(recentList(page)).toContainText('Greeter');

  // The new project was left as it started: nothing to keep, so switching away adds no entry.
  await projects(page).getByRole('button', { name: 'Open Greeter' }).click();
  await expect(treeItem(page, 'greet.c')).toBeVisible();
  await expect(stdinBox(page)).toHaveValue('Grace\n');
  await expect(projectsButton(page)).toHaveAccessibleName('Projects (current: Greeter)');
  await openProjects(page);
  await expect(projects(page).getByText('None yet.')).toBeVisible();

  // A renamed current project, an edit, and another switch: it is kept under its new name.
  await projects(page).getByRole('textbox', { name: 'Project name' }).fill('Greeter 2');
  await projects(page).getByRole('textbox', { name: 'Project name' }).press('Enter');
  await stdinBox(page).fill('Ada\n');
  await page.getByRole('combobox', { name: 'Open example' }).selectOption('wordcount');
  await expect(status(page)).toContainText('Your previous project “Greeter 2” is kept in Recent projects.');
  await openProjects(page);
  await projects(page).getByRole('button', { name: 'Delete Greeter 2' }).click();
  await projects(page).getByRole('button', { name: 'Delete Greeter 2 for good' }).click();
  await expect(projects(page).getByText('None yet.')).toBeVisible();
  // No confirm() dialog was needed anywhere: nothing was ever discarded.
});

test('editor edits and recent projects survive a reload', async ({ page }) => {
  await openApp(page);
  await editorTab(page, 'greet.c').click();
  await replaceEditorText(page, '// edited just before the reload\nint main(void) { return 0; }\n');
  // Typing is saved after a 400 ms pause; no button needs pressing.
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(runButton(page)).toBeEnabled();
  await editorTab(page, 'greet.c').click();
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(
    'edited just before the reload',
  );

  await page.getByRole('combobox', { name: 'Open example' }).selectOption('wordcount');
  await expect(treeItem(page, 'wordcount.c')).toBeVisible();
  await page.waitForTimeout(800);
  await page.reload();
  await expect(treeItem(page, 'wordcount.c')).toBeVisible();
  await openProjects(page);
  await expect(recentList(page)).toContainText('Hello, sandbox (stdin → stdout)');
});

test('a project goes out as a .zapp (zapp.yaml, boot/system.map, files) and comes back exactly', async ({
  page,
}) => {
  await openApp(page);
  await createFile(page, 'data/input.txt');
  await stdinBox(page).fill('from the zapp\n');
  await openProjects(page);
  const downloading = page.waitForEvent('download');
  await projects(page).getByRole('button', { name: 'Download .zapp' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Hello-sandbox-stdin-stdout.zapp');
  const bytes = new Uint8Array(readFileSync(await download.path()));
  const tar = readTarImage(gunzipSync(bytes));
  if (!tar.ok) throw new Error(tar.reason);
  const paths = tar.entries.filter((e) => e.kind === 'file').map((e) => e.path);
  expect(paths.sort()).toEqual([
    'boot/system.map',
    'data/input.txt',
    'greet.c',
    'greet.wasm',
    'hello.manifest',
    'zapp.yaml',
  ]);
  const map = JSON.parse(strFromU8(tar.entries.find((e) => e.path === 'boot/system.map')!.data!));
  expect(map[0]).toMatchObject({ name: 'hello', exec: { path: 'swift://~/greet.wasm' } });

  // Change the project, then import the .zapp: it comes back, and the changed one is kept.
  page.once('dialog', (dialog) => void dialog.accept());
  await treeAction(page, 'greet.c', 'Delete');
  await expect(treeItem(page, 'greet.c')).toHaveCount(0);
  await openProjects(page);
  await page
    .getByTestId('zapp-input')
    .setInputFiles({ name: 'hello.zapp', mimeType: 'application/gzip', buffer: Buffer.from(bytes) });
  await expect(status(page)).toContainText(
    'Opened “Hello, sandbox (stdin → stdout)” from hello.zapp (4 files). Nothing has run.',
  );
  await expect(treeItem(page, 'greet.c')).toBeVisible();
  await expect(treeItem(page, 'input.txt')).toBeVisible();
  await expect(stdinBox(page)).toHaveValue('from the zapp\n');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Hello, from the zapp!');
});

test('a hostile .zapp is refused with one sentence and the project stays', async ({ page }) => {
  await openApp(page);
  const evil = writeTarImage([
    { path: 'zapp.yaml', kind: 'file', data: strToU8('playground:\n  version: 1\n  files: ["a/../../x"]\n') },
  ]);
  await openProjects(page);
  await page
    .getByTestId('zapp-input')
    .setInputFiles({ name: 'evil.zapp', mimeType: 'application/gzip', buffer: Buffer.from(gzipSync(evil)) });
  await expect(alertNotice(page)).toHaveText(
    'The .zapp file lists "a/../../x" but does not contain it. Nothing was changed.',
  );
  await openProjects(page);
  await page.getByTestId('zapp-input').setInputFiles({
    name: 'junk.zapp',
    mimeType: 'application/gzip',
    buffer: Buffer.from('not a zapp at all'),
  });
  await expect(alertNotice(page)).toContainText('This is not a .zapp file (a gzip tar)');
  await expect(treeItem(page, 'greet.c')).toBeVisible();
});
