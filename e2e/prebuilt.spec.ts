import { expect, test } from './fixtures.ts';
import { strToU8 } from 'fflate';
import { consoleText, runButton, treeItem } from './support.ts';
import { fragmentOf, helloProject } from './share-support.ts';

// The first Run builds with clang (105 MB before compression) in a headless browser on 2 cores.
test.describe.configure({ timeout: 240_000 });

const SOURCE = `#include <stdio.h>
int main(void) { puts("built from the source on screen"); return 0; }
`;

test('a link whose .wasm does not match the source beside it runs the source, not the binary', async ({
  page,
}) => {
  // hello.wasm prints "hello, sandbox"; the hello.c shown beside it says something else.
  const { files } = helloProject();
  const link = fragmentOf({
    files: { 'hello.c': strToU8(SOURCE), 'hello.wasm': files!['hello.wasm']! },
    openFile: 'hello.c',
    tabs: ['hello.c'],
  });
  await page.goto(`/#${link}`);
  await expect(treeItem(page, 'hello.wasm')).toBeVisible();
  await expect(runButton(page)).toBeEnabled();
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('built from the source on screen', { timeout: 180_000 });
  await expect(consoleText(page)).not.toContainText('hello, sandbox');
});
