import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { expectClickAnsweredWithin } from './hostile-support.ts';
import {
  consoleText,
  createFile,
  editorTab,
  openApp,
  replaceEditorText,
  runButton,
  toolbarStatus,
  uploadFixture,
} from './support.ts';

const report = (page: Page) => page.getByRole('region', { name: 'Report', exact: true });
const argsBox = (page: Page) => page.getByRole('textbox', { name: 'Arguments', exact: true });
const envBox = (page: Page) => page.getByRole('textbox', { name: 'Environment', exact: true });

/** The Report's accounting row of one channel alias. */
const channelRow = (page: Page, alias: string) =>
  report(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: alias, exact: true }) });

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test.describe('quick mode', () => {
  test('arguments and environment reach the program', async ({ page }) => {
    await uploadFixture(page, 'args-env');
    await argsBox(page).fill('one "two words"');
    await envBox(page).fill('GREETING=hi');
    await runButton(page).click();
    await expect(consoleText(page)).toContainText('finished with code 0');
    const text = await consoleText(page).textContent();
    expect(text).toContain('argc=3\n');
    expect(text).toContain('argv[1]=one\n');
    expect(text).toContain('argv[2]=two words\n');
    expect(text).toMatch(/env\[\d+\]=GREETING=hi\n/);
    await expect(report(page)).toContainText('"one" "two words"');
  });

  test('a bad environment line blocks Run and names the line', async ({ page }) => {
    await uploadFixture(page, 'args-env');
    await envBox(page).fill('GREETING=hi\nnot a pair');
    await expect(envBox(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(envBox(page)).toHaveAccessibleDescription(/line 2: expected NAME=value/);
    await runButton(page).click();
    await expect(consoleText(page)).toContainText('Not run: Environment, line 2: expected NAME=value');
    await expect(toolbarStatus(page)).toContainText('line 2');
    await expect(consoleText(page)).not.toContainText('argc=');
    await expect(runButton(page)).toBeEnabled();
  });
});

test.describe('limits', () => {
  test('a manifest Timeout ends an endless loop by itself', async ({ page }) => {
    await uploadFixture(page, 'loop-forever');
    await createFile(page, 'loop.manifest');
    await expect(editorTab(page, 'loop.manifest')).toHaveAttribute('aria-selected', 'true');
    await replaceEditorText(
      page,
      [
        'Version = 20130611',
        'Program = loop-forever.wasm',
        'Memory = 16777216, 0',
        'Timeout = 1',
        'Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0',
        'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 16, 65536',
        'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 16, 65536',
        '',
      ].join('\n'),
    );
    await expect(page.getByRole('region', { name: 'Manifest', exact: true })).toContainText('timeout 1 s');
    const started = Date.now();
    await runButton(page).click();
    await expect(consoleText(page)).toContainText('loop.manifest');
    await expect(consoleText(page)).toContainText('looping');
    await expect(consoleText(page)).toContainText('timeout', { timeout: 5_000 });
    await expect(toolbarStatus(page)).toContainText('timeout');
    await expect(runButton(page)).toBeEnabled();
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(report(page)).toContainText('timeout after 1 s');
  });

  test('an output flood is capped on the console (head and tail kept), fully counted, and the page stays responsive', async ({
    page,
  }) => {
    await uploadFixture(page, 'write-lines');
    await argsBox(page).fill('200000');
    await runButton(page).click();
    await expect(consoleText(page)).toContainText('line 1\n');

    // Responsive while the flood is shown: a tab switch is answered promptly, timed inside the page from the
    // click event (Playwright's own waits for the element to settle are not part of it).
    await expectClickAnsweredWithin(page, 1_500);

    await expect(consoleText(page)).toContainText('output capped at 1 MiB', { timeout: 30_000 });
    await expect(toolbarStatus(page)).toContainText('finished with code 0', { timeout: 30_000 });
    await expect(consoleText(page)).toContainText('finished with code 0');
    // Head and tail are kept, the middle is left out and said so: the last lines are never lost.
    await expect(consoleText(page)).toContainText('line 200000\n');
    await expect(consoleText(page)).toContainText('left out here');
    await expect(consoleText(page)).not.toContainText('line 100000\n');

    // "line 1\n" .. "line 200000\n" is 2,288,895 bytes in 200,000 writes, all counted, not just the shown MiB.
    const stdout = channelRow(page, '/dev/stdout');
    await expect(stdout).toContainText('200,000 /');
    await expect(stdout).toContainText('2.2 MiB /');
  });

  test('a trap is reported as a crash', async ({ page }) => {
    await uploadFixture(page, 'unreachable');
    await runButton(page).click();
    await expect(consoleText(page)).toContainText('about to trap');
    await expect(consoleText(page)).toContainText('crashed');
    await expect(toolbarStatus(page)).toContainText('crashed');
    await expect(report(page)).toContainText('crash');
    await expect(runButton(page)).toBeEnabled();
  });
});

test.describe('bad programs', () => {
  test('a file that is not WebAssembly is refused with one clear line, and the page goes on', async ({
    page,
  }) => {
    await openApp(page);
    await page.getByTestId('upload-files-input').setInputFiles({
      name: 'notes.wasm',
      mimeType: 'application/wasm',
      buffer: Buffer.from('this is text, not a module\n'),
    });
    await expect(page.getByRole('tab', { name: 'notes.wasm' })).toHaveAttribute('aria-selected', 'true');
    await runButton(page).click();
    await expect(consoleText(page)).toContainText('refused: this file is not a WebAssembly module');
    await expect(page.getByRole('region', { name: 'Report', exact: true })).toContainText('refused');
    await expect(runButton(page)).toBeEnabled();
  });
});
