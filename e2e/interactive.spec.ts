import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
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

// A C program compiles in the browser (clang loads first), and Python's runtime is 26 MB: give them time.
test.describe.configure({ timeout: 240_000 });

const SUM_C = `#include <stdio.h>

int main(void) {
    long total = 0, n;
    printf("numbers, please\\n");
    while (scanf("%ld", &n) == 1) {
        total += n;
        printf("sum so far: %ld\\n", total);
    }
    printf("total: %ld\\n", total);
    return 0;
}
`;

const stdinBox = (page: Page) => page.getByRole('textbox', { name: 'Stdin', exact: true });
const inputStatus = (page: Page) => page.getByTestId('console-input-status');
/** The terminal's own text area, which takes the keys typed into the Output console. */
const terminalKeys = (page: Page) => page.locator('.console__terminal .xterm-helper-textarea');
const report = (page: Page) => page.getByRole('region', { name: 'Report', exact: true });

/** Waits until the running program waits for typed input, with the console focused to take it. */
async function waitForPrompt(page: Page, timeout = 15_000): Promise<void> {
  await expect(inputStatus(page)).toContainText('Waiting for input', { timeout });
  await expect(terminalKeys(page)).toBeFocused();
}

/** Pastes text into the console as the browser does (a paste event with the clipboard's text). */
async function pasteIntoConsole(page: Page, text: string): Promise<void> {
  await terminalKeys(page).evaluate((area, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** A manifest running `program` with stdio channels; stdin's get_size, the Timeout and Memory as given. */
function manifest(program: string, { timeout = 5, stdinBytes = 4096, memory = 33554432 } = {}): string {
  return [
    'Version = 20130611',
    `Program = ${program}`,
    `Memory = ${memory}, 0`,
    `Timeout = ${timeout}`,
    `Channel = /dev/stdin, /dev/stdin, 0, 0, 64, ${stdinBytes}, 0, 0`,
    'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 64, 65536',
    'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 64, 65536',
    '',
  ].join('\n');
}

/** Uploads the echo-stdin fixture (copies stdin to stdout until end of input) with the Stdin box empty. */
async function echoProgram(page: Page, manifestText?: string): Promise<void> {
  await uploadFixture(page, 'echo-stdin', 'echo.wasm');
  await stdinBox(page).fill('');
  if (manifestText === undefined) return;
  await createFile(page, 'echo.manifest');
  await expect(editorTab(page, 'echo.manifest')).toHaveAttribute('aria-selected', 'true');
  await replaceEditorText(page, manifestText);
}

test('a C scanf loop reads numbers typed into the console; Ctrl-D ends its input', async ({ page }) => {
  await openApp(page);
  await stdinBox(page).fill('');
  await createFile(page, 'sum.c');
  await replaceEditorText(page, SUM_C);
  await runButton(page).click();
  await waitForPrompt(page, 200_000);
  await expect(consoleText(page)).toContainText('numbers, please');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(consoleText(page)).toContainText('4\nsum so far: 4\n');
  // Backspace edits the line before it is sent.
  await page.keyboard.type('5 7');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await expect(consoleText(page)).toContainText('5 6\nsum so far: 9\nsum so far: 15\n');
  await expect(toolbarStatus(page)).toContainText('Running');
  await page.keyboard.press('Control+d');
  await expect(consoleText(page)).toContainText('total: 15');
  await expect(consoleText(page)).toContainText('finished with code 0');
  await expect(inputStatus(page)).toBeEmpty();
  const typed = report(page).getByRole('region', { name: 'Typed input', exact: true });
  await expect(typed).toContainText('4\n5 6\n');
  await expect(typed).toContainText(/waited \d+(\.\d)? s for input \(not counted towards Timeout\)/);
  // The typed lines become the Stdin box's batch input, for a rerun without typing or a share link.
  await typed.getByRole('button', { name: 'Use as Stdin', exact: true }).click();
  await expect(stdinBox(page)).toHaveValue('4\n5 6\n');
  await runButton(page).click();
  await expect(consoleText(page)).toContainText('total: 15');
  await expect(inputStatus(page)).toBeEmpty();
});

test('Python input() shows its prompt before the cursor and reads the typed line', async ({ page }) => {
  await openApp(page);
  await stdinBox(page).fill('');
  await createFile(page, 'ask.py');
  await replaceEditorText(page, 'name = input("Your name: ")\nprint(f"Hello, {name}!")\n');
  await runButton(page).click();
  await waitForPrompt(page, 120_000);
  await expect(consoleText(page)).toContainText('Your name: ');
  await page.keyboard.type('Ada');
  await page.keyboard.press('Enter');
  await expect(consoleText(page)).toContainText('Your name: Ada\nHello, Ada!\n');
  await expect(consoleText(page)).toContainText('finished with code 0');
});

test('Program = runtime:python with no script opens the Python REPL', async ({ page }) => {
  await openApp(page);
  await stdinBox(page).fill('');
  await createFile(page, 'repl.manifest');
  await replaceEditorText(page, manifest('runtime:python', { memory: 268435456 }));
  await runButton(page).click();
  await waitForPrompt(page, 120_000);
  await expect(consoleText(page)).toContainText('>>> ');
  await page.keyboard.type('6 * 7');
  await page.keyboard.press('Enter');
  await expect(consoleText(page)).toContainText('6 * 7\n42\n>>> ');
  await page.keyboard.press('Control+d');
  await expect(consoleText(page)).toContainText('finished with code 0');
});

test('a paste of several lines sends each line and keeps the partial one; Ctrl-D sends it, then end of input', async ({
  page,
}) => {
  await openApp(page);
  await echoProgram(page);
  await runButton(page).click();
  await waitForPrompt(page);
  await pasteIntoConsole(page, 'one\ntwo\nthr');
  // Both lines go at once (echoed), and echo-stdin writes back what it read.
  await expect(consoleText(page)).toContainText('one\ntwo\none\ntwo\n');
  await page.keyboard.type('ee');
  await page.keyboard.press('Control+d');
  await expect(consoleText(page)).toContainText('threethree');
  await expect(consoleText(page)).toContainText('finished with code 0');
  await expect(report(page).getByRole('region', { name: 'Typed input' })).toContainText('one\ntwo\nthree');
});

test('Ctrl-C in the console stops the program, as Stop does', async ({ page }) => {
  await openApp(page);
  await echoProgram(page);
  await runButton(page).click();
  await waitForPrompt(page);
  await page.keyboard.type('kept\n');
  await expect(consoleText(page)).toContainText('kept\nkept\n');
  await page.keyboard.type('half');
  await page.keyboard.press('Control+c');
  await expect(consoleText(page)).toContainText('half^C');
  await expect(toolbarStatus(page)).toContainText('stopped');
  await expect(runButton(page)).toBeEnabled();
  await expect(inputStatus(page)).toBeEmpty();
  await expect(report(page)).toContainText('killed');
});

test('typed input counts against the stdin quota: past get_size the program gets EDQUOT', async ({
  page,
}) => {
  await openApp(page);
  await echoProgram(page, manifest('echo.wasm', { stdinBytes: 8 }));
  await runButton(page).click();
  await waitForPrompt(page);
  await page.keyboard.type('0123456789');
  await page.keyboard.press('Enter');
  await expect(consoleText(page)).toContainText('0123456789\n01234567');
  await expect(consoleText(page)).toContainText('EDQUOT');
  await expect(consoleText(page)).toContainText('finished with code 1');
});

test('time spent waiting for typed input does not count towards the Timeout', async ({ page }) => {
  await openApp(page);
  await echoProgram(page, manifest('echo.wasm', { timeout: 1 }));
  await runButton(page).click();
  await waitForPrompt(page);
  await page.waitForTimeout(2_500);
  await expect(toolbarStatus(page)).toContainText('Running');
  await page.keyboard.type('late');
  await page.keyboard.press('Enter');
  await expect(consoleText(page)).toContainText('late\nlate\n');
  await page.keyboard.press('Control+d');
  await expect(consoleText(page)).toContainText('finished with code 0');
  await expect(report(page)).toContainText(/waited [2-9]\.\d s for input \(not counted towards Timeout\)/);
});

test('"Run twice and compare" replays the input typed in run 1 as run 2 stdin', async ({ page }) => {
  await openApp(page);
  await echoProgram(page);
  await report(page).getByRole('button', { name: 'Run twice and compare', exact: true }).click();
  await waitForPrompt(page);
  await page.keyboard.type('same twice');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+d');
  await expect(consoleText(page)).toContainText('Run 2 reads the input typed in run 1 (11 bytes).');
  await expect(consoleText(page)).toContainText('(run 2 of 2)');
  await expect(consoleText(page)).toContainText('Both runs were identical.');
  await expect(report(page)).toContainText('Identical');
  // Run 2 read its stdin as a batch: nothing waited for typing.
  await expect(inputStatus(page)).toBeEmpty();
  const text = (await consoleText(page).textContent()) ?? '';
  expect(text.split('same twice\n').length - 1).toBe(3);
});

test('in a lesson the Stdin box stays batch: empty, the program reads end of input and Run does not wait', async ({
  page,
}) => {
  await page.goto('/#/workshop/zerovm-101/01-hello');
  await expect(runButton(page)).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await stdinBox(page).fill('');
  await runButton(page).click();
  // The start's greet.c gets past its fgets() at once, then fails on /dev/tty (the lesson's point).
  await expect(consoleText(page)).toContainText('finished with code 1', { timeout: 200_000 });
  await expect(consoleText(page)).toContainText('cannot open /dev/tty');
  await expect(inputStatus(page)).toBeEmpty();
  await expect(report(page).getByRole('region', { name: 'Typed input' })).toHaveCount(0);
});
