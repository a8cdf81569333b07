import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { consoleText, createFile, editorTab, openApp, replaceEditorText, runButton } from './support.ts';

// Loading clang (105 MB before compression) and compiling in a headless browser takes a while on 2 cores.
test.describe.configure({ timeout: 240_000 });

const GREETER_C = `#include <stdio.h>
#include <string.h>

int main(void) {
    char name[64] = "";
    if (!fgets(name, sizeof name, stdin)) return 1;
    name[strcspn(name, "\\n")] = 0;
    printf("compiled in the browser, hello %s\\n", name);
    return 0;
}
`;

const BROKEN_C = `#include <stdio.h>

int main(void) {
    printf("missing semicolon\\n")
    return 0;
}
`;

/** Records, from page start, whether a toolchain download progress bar was ever shown. */
async function watchProgressBars(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('progress[aria-label^="Downloading"]')) {
        const label = bar.getAttribute('aria-label') ?? '';
        if (!seen.includes(label)) seen.push(label);
      }
    }).observe(document, { subtree: true, childList: true });
  });
}

const progressSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);

/** URLs in the toolchain cache (Cache Storage). */
const cachedToolchain = (page: Page) =>
  page.evaluate(async () => (await (await caches.open('zvm-toolchains-v1')).keys()).map((r) => r.url));

test('a C program typed into the editor compiles with a progress bar, runs, and comes from the cache after a reload', async ({
  page,
  context,
}) => {
  await watchProgressBars(page);
  const toolchainRequests: string[] = [];
  context.on('request', (request) => {
    if (/\/assets\/llvm[^/]*\.(wasm|tar)/.test(request.url())) toolchainRequests.push(request.url());
  });
  await openApp(page);
  await createFile(page, 'main.c');
  await expect(editorTab(page, 'main.c')).toHaveAttribute('aria-selected', 'true');
  await replaceEditorText(page, GREETER_C);
  await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('Grace\n');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('compiled in the browser, hello Grace', { timeout: 200_000 });
  await expect(consoleText(page)).toContainText('Built main.wasm');
  await expect(page.getByRole('treeitem', { name: 'main.wasm', exact: true })).toBeVisible();
  expect(await progressSeen(page)).toContain('Downloading the C/C++ compiler');
  expect(toolchainRequests.length).toBeGreaterThan(0);
  await expect
    .poll(() => cachedToolchain(page), { timeout: 60_000 })
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/llvm\.core-[^/]+\.wasm$/),
        expect.stringMatching(/\.tar$/),
      ]),
    );

  // After a reload the compiler comes from Cache Storage: a changed program compiles with no download.
  toolchainRequests.length = 0;
  await page.reload();
  await expect(runButton(page)).toBeEnabled();
  await page.getByRole('tab', { name: 'main.c' }).click();
  await replaceEditorText(page, GREETER_C.replace('hello %s', 'welcome back %s'));
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('compiled in the browser, welcome back Grace', {
    timeout: 120_000,
  });
  expect(toolchainRequests).toEqual([]);
});

test('a compile error becomes a marker on its line and a message that jumps there', async ({ page }) => {
  await openApp(page);
  await createFile(page, 'broken.c');
  await replaceEditorText(page, BROKEN_C);
  await page.keyboard.press('ControlOrMeta+b');
  const messages = page.getByRole('list', { name: 'Compiler messages' });
  await expect(messages).toContainText('broken.c:4:', { timeout: 200_000 });
  await expect(messages).toContainText("expected ';'");
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await expect(consoleText(page)).toContainText('Build failed');
  await expect(page.getByRole('treeitem', { name: 'broken.wasm', exact: true })).toHaveCount(0);
  // Away from the file, the message brings it back.
  await page.getByRole('tab', { name: 'hello.manifest' }).click();
  await messages.getByRole('button').first().click();
  await expect(editorTab(page, 'broken.c')).toHaveAttribute('aria-selected', 'true');
});

test('a Python script runs on the Python runtime with stdin', async ({ page }) => {
  await watchProgressBars(page);
  await openApp(page);
  await createFile(page, 'hello.py');
  await replaceEditorText(page, 'import sys\nprint("python says", sys.stdin.read().strip()[::-1])\n');
  await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('olleh');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('python says hello', { timeout: 120_000 });
  await expect(consoleText(page)).toContainText('finished with code 0');
  expect(await progressSeen(page)).toContain('Downloading Python');
  await expect(page.getByRole('region', { name: 'Manifest' })).toContainText('runtime:python');
});

test('a new file of each language starts from a hello world that runs', async ({ page }) => {
  await openApp(page);
  await createFile(page, 'hi.wat');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('fd_write');
  await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('WAT');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('finished with code 0', { timeout: 60_000 });
  await expect(page.getByRole('treeitem', { name: 'hi.wasm', exact: true })).toBeVisible();
});
