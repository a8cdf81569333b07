import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { openApp, uploadFixture } from './support.ts';

const consoleText = (page: Page) => page.getByTestId('console-text');
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const manifestRegion = (page: Page) => page.getByRole('region', { name: 'Manifest', exact: true });

/** Opens the word count example (input channel from data.txt, output channel to out.txt) and runs it. */
async function runWordcount(page: Page): Promise<void> {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await expect(runButton(page)).toBeEnabled();
  await page.getByRole('combobox', { name: 'Open example' }).selectOption('wordcount');
  await expect(page.getByRole('tab', { name: 'wordcount.manifest' })).toBeVisible();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('finished with code 0');
}

test('the diagram shows the channels and limits of a word count project', async ({ page }) => {
  await runWordcount(page);
  const channels = manifestRegion(page).getByRole('list', { name: 'Channels' });
  await expect(channels.getByRole('button', { name: /Channel \/dev\/input: .*data\.txt/ })).toBeVisible();
  await expect(
    channels.getByRole('button', { name: /Channel \/dev\/input: .*64 reads, 1 MiB/ }),
  ).toBeVisible();
  await expect(
    channels.getByRole('button', { name: /Channel \/dev\/output: .*out\.txt.*16 writes, 4 KiB/ }),
  ).toBeVisible();
});

test('the meters show the bytes the run moved on each channel', async ({ page }) => {
  await runWordcount(page);
  await expect(page.getByRole('meter', { name: 'input reads' })).toHaveAttribute(
    'aria-valuetext',
    /154 bytes of 1 MiB/,
  );
  await expect(page.getByRole('meter', { name: 'output writes' })).toHaveAttribute(
    'aria-valuetext',
    /1 of 16 writes, 18 bytes/,
  );
});

test('out.txt is marked added and its preview shows what the run wrote', async ({ page }) => {
  await runWordcount(page);
  const item = page.getByRole('treeitem', { name: /out\.txt/ });
  await expect(item).toHaveAccessibleDescription(/added/);
  await item.click();
  const preview = page.getByRole('region', { name: 'Preview', exact: true });
  await expect(preview).toContainText('added by the last run');
  await preview.getByRole('tab', { name: 'Text' }).click();
  await expect(preview).toContainText('25 3 154 data.txt');
});

test('the trace lists the fd_write calls on stdout, and a channel click filters it', async ({ page }) => {
  await runWordcount(page);
  await page.getByRole('tab', { name: 'Trace', exact: true }).click();
  const trace = page.getByRole('region', { name: 'Trace', exact: true });
  await expect(trace.getByRole('row', { name: /fd_write.*\/dev\/stdout/ }).first()).toBeVisible();
  await manifestRegion(page)
    .getByRole('button', { name: /Channel \/dev\/input:/ })
    .click();
  await expect(trace.getByRole('row', { name: /fd_read.*\/dev\/input/ }).first()).toBeVisible();
  await expect(trace.getByRole('row', { name: /fd_write/ })).toHaveCount(0);
});

test('editing a limit in the diagram edits the text; a spent quota turns its meter red', async ({ page }) => {
  await runWordcount(page);
  await manifestRegion(page).getByRole('button', { name: 'Edit /dev/stdout', exact: true }).click();
  const form = manifestRegion(page).getByRole('form', { name: 'Edit channel /dev/stdout' });
  await form.getByLabel('puts', { exact: true }).fill('1');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(
    '/dev/stdout, 0,   1,   0,   0,       1,',
  );
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('/dev/stdout quota of 1 writes used up; 1 write refused');
  const meter = page.getByRole('meter', { name: 'stdout writes' });
  await expect(meter).toHaveAttribute('aria-valuetext', /refused with EDQUOT/);
  // Red: the bar takes the theme's danger colour.
  await expect(meter).toHaveClass(/meter-hit/);
  await expect(meter.locator('.meter-fill')).toHaveCSS('background-color', 'rgb(192, 38, 45)');
  await expect(page.getByRole('region', { name: 'Report', exact: true })).toContainText(
    '/dev/stdout quota of 1 writes',
  );
});

test('Run twice and compare finds two runs of a clock-reading program identical', async ({ page }) => {
  await runWordcount(page);
  await page.getByRole('button', { name: 'Run twice and compare' }).click();
  await expect(page.getByRole('region', { name: 'Report', exact: true })).toContainText('Identical');
  await expect(consoleText(page)).toContainText('counted at 1370454582');
});

test('quick mode shows the generated manifest and nvram, and Make editable turns them into files', async ({
  page,
}) => {
  await openApp(page);
  await uploadFixture(page, 'hello', 'quick.wasm');
  await expect(manifestRegion(page)).toContainText('generated for a quick run');
  await expect(manifestRegion(page)).toContainText('[args]');
  await manifestRegion(page).getByRole('button', { name: 'Make editable' }).click();
  await expect(page.getByRole('treeitem', { name: /quick\.manifest/ })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /zvsh\.nvram/ })).toBeVisible();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('▶ quick.manifest');
  await expect(consoleText(page)).toContainText('hello, sandbox');
});
