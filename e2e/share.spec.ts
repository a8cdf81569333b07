import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import {
  consoleText,
  createFile,
  editorTab,
  openApp,
  runButton,
  toolbarStatus,
  treeItem,
} from './support.ts';
import { fragmentOf, helloProject, savedProject, zipBombFragment } from './share-support.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const shareDialog = (page: Page) => page.getByRole('dialog', { name: 'Share' });
const notice = (page: Page) => page.getByRole('status').filter({ hasText: /shared project/ });
// Monaco keeps empty role=alert regions for screen readers; the notice is the one with text.
const alertNotice = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

/** Opens a link with a fresh page load (a fragment-only change would not reload the app). */
async function openLink(page: Page, fragment: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/#${fragment}`);
}

/** Nothing ran: no output, the toolbar says Ready, the report is empty. */
async function expectNothingRan(page: Page): Promise<void> {
  await expect(toolbarStatus(page)).toHaveText('Ready');
  await expect(consoleText(page)).toHaveText('');
  await expect(page.getByText('Run the project to see its report.')).toBeVisible();
}

test('Share (Ctrl+S) copies a link that opens the same project in a fresh browser, running nothing', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await createFile(page, 'docs/notes.txt');
  await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('Ada Lovelace\n');
  await page.getByRole('textbox', { name: 'Arguments', exact: true }).fill('-n 3 "two words"');
  await page.getByRole('textbox', { name: 'Environment', exact: true }).fill('LANG=C\nNAME=zvm');
  await editorTab(page, 'greet.c').click();
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+s');

  const dialog = shareDialog(page);
  await expect(dialog.getByRole('status')).toHaveText(
    /^Link copied to the clipboard \([\d,]+ characters\)\.$/,
  );
  const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/#p=1\.[\w-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const length = Number(
    (await dialog.getByRole('status').textContent())!.match(/\(([\d,]+) characters/)![1]!.replace(/,/g, ''),
  );
  expect(length).toBe(link.length);
  expect(link.length).toBeLessThan(8 * 1024);
  // greet.wasm alone would make the link ~17 KB: it is left out and said so.
  await expect(dialog).toContainText('Left out to keep the link short: greet.wasm');

  await page.waitForTimeout(800);
  const original = await savedProject(page);
  const other = await browser.newContext();
  try {
    const opened = await other.newPage();
    await opened.goto(link);
    await expect(runButton(opened)).toBeEnabled();
    await expect(notice(opened)).toContainText('Opened a shared project (3 files). Nothing has run');
    await expect(treeItem(opened, 'notes.txt')).toBeVisible();
    await expect(editorTab(opened, 'greet.c')).toHaveAttribute('aria-selected', 'true');
    await expect(opened.getByRole('textbox', { name: 'Stdin', exact: true })).toHaveValue('Ada Lovelace\n');
    await expect(opened.getByRole('textbox', { name: 'Arguments', exact: true })).toHaveValue(
      '-n 3 "two words"',
    );
    await expect(opened.getByRole('textbox', { name: 'Environment', exact: true })).toHaveValue(
      'LANG=C\nNAME=zvm',
    );
    await expectNothingRan(opened);
    // The fragment is dropped: a reload shows the autosaved copy instead of opening the link again.
    expect(new URL(opened.url()).hash).toBe('');
    await opened.waitForTimeout(800);
    const copy = await savedProject(opened);
    const { 'greet.wasm': _built, ...sourceFiles } = original.files;
    expect(copy.files).toEqual(sourceFiles);
    expect(copy.activeFile).toBe('greet.c');
  } finally {
    await other.close();
  }
});

test('a link that fits opens exactly, built program included, and runs only when Run is pressed', async ({
  page,
}) => {
  await openLink(page, fragmentOf({ ...helloProject(), stdin: 'in\n' }));
  await expect(runButton(page)).toBeEnabled();
  await expect(treeItem(page, 'hello.wasm')).toBeVisible();
  await expect(editorTab(page, 'notes.txt')).toBeVisible();
  await expect(editorTab(page, 'hello.wasm')).toHaveAttribute('aria-selected', 'true');
  await expectNothingRan(page);
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('hello, sandbox');
});

test('a hostile link gets one clear sentence, runs no script and leaves the project alone', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openApp(page);
  await createFile(page, 'mine.txt');
  await page.waitForTimeout(800);

  const hostile = fragmentOf({
    files: { '../../etc/passwd': new TextEncoder().encode('x'), 'a.c': new Uint8Array() },
  });
  await openLink(page, hostile);
  await expect(alertNotice(page)).toHaveText(
    'This share link could not be opened: The link has an unsafe file path "../../etc/passwd": it contains ".." (it would leave the project). Nothing was run or changed.',
  );
  await expect(treeItem(page, 'mine.txt')).toBeVisible();
  await expectNothingRan(page);

  // 64 MB of zeros in a ~64 KB link: refused at the cap, and the page stays responsive.
  const started = Date.now();
  await openLink(page, zipBombFragment(64));
  await expect(alertNotice(page)).toContainText('The link expands to more than 16 MB, so it was not opened.');
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(treeItem(page, 'mine.txt')).toBeVisible();
  await openLink(page, 'p=1.ab+c');
  await expect(alertNotice(page)).toContainText('it contains characters that cannot be part of a share link');
  await openLink(page, 'p=7.AAAA');
  await expect(alertNotice(page)).toContainText('made by a newer version of ZeroVM Playground (v7)');

  // A name that looks like markup is only a name.
  const markup = '<img src=x onerror=alert(1)>';
  await openLink(
    page,
    fragmentOf({
      files: { [markup]: new TextEncoder().encode('<script>alert(2)</script>') },
      openFile: markup,
      tabs: [markup],
    }),
  );
  await expect(treeItem(page, markup)).toBeVisible();
  await expect(editorTab(page, markup)).toBeVisible();
  expect(await page.locator('img[src="x"], .file-tree img').count()).toBe(0);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('<script>alert(2)</script>');
  // The previous project is kept, not replaced.
  await page.getByRole('button', { name: /^Projects/ }).click();
  await expect(
    page
      .getByRole('dialog', { name: 'Projects' })
      .getByText('Hello, sandbox (stdin → stdout)', { exact: true }),
  ).toBeVisible();
  expect(dialogs).toEqual([]);
});

/** Bytes that do not compress (xorshift), so no link can hold them. */
function noise(length: number): Buffer {
  let x = 2463534242;
  return Buffer.from(
    Array.from({ length }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    }),
  );
}

test('a project too big for a link offers a .zapp download and says why', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('upload-files-input').setInputFiles({
    name: 'noise.bin',
    mimeType: 'application/octet-stream',
    buffer: noise(12000),
  });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = shareDialog(page);
  await expect(dialog.getByRole('status')).toContainText('This project is too big for a link: it would be');
  await expect(dialog.getByRole('status')).toContainText('more than the 8 KB');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download .zapp' }).click();
  expect((await downloading).suggestedFilename()).toMatch(/\.zapp$/);
});
