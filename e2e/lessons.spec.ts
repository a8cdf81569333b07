import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { runButton } from './support.ts';

// Lesson 1 takes C (compiled in the browser) or Python: generous time for the first toolchain download.
test.describe.configure({ timeout: 240_000 });

const workshop = JSON.parse(readFileSync('workshops/zerovm-101/workshop.json', 'utf8')) as {
  lessons: string[];
};
const first = workshop.lessons[0]!;

test('the first lesson opens from its link, fails on its start, passes with the solution, and stays done', async ({
  page,
}) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`/#/workshop/zerovm-101/${first}`);
  await expect(runButton(page)).toBeEnabled();
  const lesson = page.getByRole('region', { name: 'Lesson' });
  await expect(lesson).toBeVisible();
  await expect(lesson.getByRole('combobox', { name: 'Lesson' })).toHaveValue(first);

  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  const verdict = lesson.getByRole('status');
  await expect(verdict).toContainText('Not yet', { timeout: 200_000 });
  await expect(verdict.locator('.lesson-not-ok').first()).not.toBeEmpty();

  await lesson.getByRole('button', { name: 'Show solution' }).click();
  const solution = page.getByRole('dialog', { name: 'Solution' });
  await expect(solution).toContainText('+');
  await solution.getByRole('button', { name: 'Apply' }).click();

  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(verdict).toContainText('Passed', { timeout: 200_000 });
  await expect(lesson).toContainText('1 of');
  await expect(lesson.getByRole('heading')).toContainText('done');

  await page.waitForTimeout(1000);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading')).toContainText('done');

  // Alt+Right moves on to the next lesson, with its own address.
  await page.getByRole('region', { name: 'Lesson' }).getByRole('heading').click();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.getByRole('combobox', { name: 'Lesson' })).toHaveValue(workshop.lessons[1]!);
  await expect(page).toHaveURL(new RegExp(`#/workshop/zerovm-101/${workshop.lessons[1]}$`));
});
