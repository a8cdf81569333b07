import { expect, test } from './fixtures.ts';
import type { Locator, Page } from '@playwright/test';
import { consoleText, fileTree, openApp, runButton, toolbarStatus } from './support.ts';

const themeButton = (page: Page) => page.getByRole('button', { name: /^Theme: / });
const htmlTheme = (page: Page) => page.locator('html');

/** Relative luminance (0 dark .. 1 light) of an element's computed background colour. */
const backgroundLuminance = (locator: Locator) =>
  locator.evaluate((element) => {
    const [r = 0, g = 0, b = 0] = (getComputedStyle(element).backgroundColor.match(/[\d.]+/g) ?? []).map(
      Number,
    );
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });

/** The regions of the screen, by role and accessible name (DESIGN.md, "UI contract"). */
const regions = (page: Page): Array<[string, Locator]> => [
  ['Files', fileTree(page)],
  ['Editor', page.getByRole('region', { name: 'Editor', exact: true })],
  ['Manifest', page.getByRole('region', { name: 'Manifest', exact: true })],
  ['Report', page.getByRole('region', { name: 'Report', exact: true })],
  ['Output', page.getByRole('log', { name: 'Output', exact: true })],
  ['Stdin', page.getByRole('region', { name: 'Stdin', exact: true })],
];

test.describe('theme', () => {
  test('the Theme button cycles system, light and dark and sets data-theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openApp(page);
    await expect(themeButton(page)).toHaveText('Theme: system');
    await expect(htmlTheme(page)).toHaveAttribute('data-theme', 'light');

    await themeButton(page).click();
    await expect(themeButton(page)).toHaveText('Theme: light');
    await expect(htmlTheme(page)).toHaveAttribute('data-theme', 'light');
    expect(
      await backgroundLuminance(page.getByRole('region', { name: 'Report', exact: true })),
    ).toBeGreaterThan(0.8);

    await themeButton(page).click();
    await expect(themeButton(page)).toHaveText('Theme: dark');
    await expect(htmlTheme(page)).toHaveAttribute('data-theme', 'dark');
    expect(await backgroundLuminance(page.getByRole('region', { name: 'Report', exact: true }))).toBeLessThan(
      0.2,
    );

    await themeButton(page).click();
    await expect(themeButton(page)).toHaveText('Theme: system');
    await expect(htmlTheme(page)).toHaveAttribute('data-theme', 'light');
  });

  test('"system" follows a dark colour scheme, also when it changes', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openApp(page);
    await expect(themeButton(page)).toHaveText('Theme: system');
    await expect(htmlTheme(page)).toHaveAttribute('data-theme', 'dark');
    expect(await backgroundLuminance(page.locator('body'))).toBeLessThan(0.2);

    await page.emulateMedia({ colorScheme: 'light' });
    await expect(htmlTheme(page)).toHaveAttribute('data-theme', 'light');
    expect(await backgroundLuminance(page.locator('body'))).toBeGreaterThan(0.8);
  });
});

test.describe('keyboard', () => {
  test('F6 and Shift+F6 move focus from region to region, also out of the console', async ({ page }) => {
    await openApp(page);
    await expect(page.locator('.monaco-editor').first()).toBeVisible();
    // The tree sits in the Files panel, whose toolbar comes first; F6 lands in the panel.
    const byName = new Map(regions(page));
    byName.set('Files', page.getByRole('region', { name: 'Files', exact: true }));
    const focusIn = async (name: string) => {
      const region = byName.get(name)!;
      // The region itself (Manifest, Report) or something inside it has focus.
      await expect
        .poll(() => region.evaluate((el) => el.contains(document.activeElement)), { message: name })
        .toBe(true);
    };
    for (const name of ['Files', 'Editor', 'Manifest', 'Report', 'Output', 'Stdin', 'Files']) {
      await page.keyboard.press('F6');
      await focusIn(name);
    }
    // In the Files panel, focus goes to the tree's current item, ready for arrow keys.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('treeitem');
    await page.keyboard.press('Shift+F6');
    await focusIn('Stdin');
    await page.keyboard.press('Shift+F6');
    await focusIn('Output');
    await page.keyboard.press('Shift+F6');
    await focusIn('Report');
  });

  test('the console is no keyboard trap: Tab leaves it and Ctrl+Enter runs from it', async ({ page }) => {
    await openApp(page);
    const output = page.getByRole('log', { name: 'Output', exact: true });
    const focusInOutput = () => output.evaluate((el) => el.contains(document.activeElement));
    await page.getByRole('textbox', { name: 'Stdin', exact: true }).fill('Ada\n');
    // F6 from the Report region moves into the console.
    await page.getByRole('region', { name: 'Report', exact: true }).focus();
    await page.keyboard.press('F6');
    await expect.poll(focusInOutput).toBe(true);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(consoleText(page)).toContainText('Hello, Ada!');
    await expect(toolbarStatus(page)).toContainText('finished with code 0');
    await expect.poll(focusInOutput).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(focusInOutput).toBe(false);
  });

  test('Ctrl+Enter in the Stdin box runs without typing a newline', async ({ page }) => {
    await openApp(page);
    const stdin = page.getByRole('textbox', { name: 'Stdin', exact: true });
    await stdin.fill('Grace Hopper');
    await stdin.press('ControlOrMeta+Enter');
    await expect(consoleText(page)).toContainText('Hello, Grace Hopper!');
    await expect(stdin).toHaveValue('Grace Hopper');
    await expect(stdin).toBeFocused();
    await expect(runButton(page)).toBeEnabled();
  });
});

test.describe('layout', () => {
  test('at 1280x720 every region is visible, inside the window, below the toolbar and apart', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page);
    await expect(page.locator('.monaco-editor').first()).toBeVisible();
    const toolbar = await page.getByRole('banner').boundingBox();
    expect(toolbar).not.toBeNull();
    const boxes: Array<[string, { x: number; y: number; width: number; height: number }]> = [];
    for (const [name, region] of regions(page)) {
      await expect(region, name).toBeVisible();
      const box = await region.boundingBox();
      expect(box, name).not.toBeNull();
      if (box === null || toolbar === null) continue;
      expect(box.width, `${name} width`).toBeGreaterThan(100);
      expect(box.height, `${name} height`).toBeGreaterThan(40);
      expect(box.y, `${name} below the toolbar`).toBeGreaterThanOrEqual(toolbar.y + toolbar.height - 0.5);
      expect(box.x, `${name} left edge`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name} right edge`).toBeLessThanOrEqual(1280.5);
      expect(box.y + box.height, `${name} bottom edge`).toBeLessThanOrEqual(720.5);
      boxes.push([name, box]);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i]!;
        const [b, q] = boxes[j]!;
        const overlapX = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
        const overlapY = Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y);
        expect(overlapX <= 0.5 || overlapY <= 0.5, `${a} and ${b} overlap`).toBe(true);
      }
    }
    // The toolbar's own controls are on screen too.
    for (const name of ['Run', 'Stop', 'Help']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeInViewport();
    }
    await expect(themeButton(page)).toBeInViewport();
  });
});
