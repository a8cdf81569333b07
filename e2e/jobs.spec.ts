import { expect, test } from './fixtures.ts';
import { consoleText, openApp, runButton, treeItem } from './support.ts';

test.describe.configure({ timeout: 120_000 });

test('the word count job runs every node in parallel workers and the reducer prints the total', async ({
  page,
}) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await openApp(page);
  await page
    .getByRole('combobox', { name: 'Open example' })
    .selectOption({ label: 'MapReduce word count (ZeroCloud job)' });
  await expect(page.getByRole('tab', { name: 'wordcount.job.json' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await runButton(page).click();
  const job = page.getByRole('region', { name: 'Job' });
  const nodes = job.getByRole('list', { name: 'Job nodes' });
  await expect(nodes.getByRole('button')).toHaveCount(5, { timeout: 60_000 });
  for (const name of ['map-1', 'map-2', 'map-3', 'map-4', 'reduce']) {
    await expect(nodes.getByRole('button', { name: new RegExp(`^${name} done`) })).toBeVisible({
      timeout: 60_000,
    });
  }
  await expect(consoleText(page)).toContainText(/78 total \(4 mappers\)/);
  await expect(job.getByRole('list', { name: 'Job connections' })).toContainText('map-1 → reduce');
  // A node's report shows in the Report view.
  await nodes.getByRole('button', { name: /^map-2 done/ }).click();
  await page.getByRole('tab', { name: 'Report' }).click();
  await expect(page.getByRole('region', { name: 'Report' })).toContainText('/dev/out/reduce');
});

test('a job with a mistake is not run and the mistake is marked on its line', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await openApp(page);
  await page
    .getByRole('combobox', { name: 'Open example' })
    .selectOption({ label: 'MapReduce word count (ZeroCloud job)' });
  // Examples load on demand: the upload must land in the example, not in the project it replaces.
  await expect(treeItem(page, 'reducer.c')).toBeVisible();
  await page.getByTestId('upload-files-input').setInputFiles({
    name: 'broken.job.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      '[\n  {"name": "map", "exec": {"path": "mapper.wasm"},\n   "connect": ["nowhere"]}\n]\n',
    ),
  });
  await expect(page.getByRole('tab', { name: 'broken.job.json' })).toHaveAttribute('aria-selected', 'true');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('Not run');
  await expect(consoleText(page)).toContainText(
    'broken.job.json line 3: group 1 (map): connect names "nowhere"',
  );
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
});
