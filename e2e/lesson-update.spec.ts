import { expect, test } from './fixtures.ts';
import { consoleText, editorTab, runButton } from './support.ts';

const toBase64Url = (text: string): string => Buffer.from(text).toString('base64url');

/** A progress file saying the learner worked on lesson 02 from a start that is not the current one. */
function staleProgress(startKey: string): Buffer {
  const lessons = {
    'zerovm-101/02-manifest': {
      done: false,
      startKey,
      files: {
        'hello.c': toBase64Url('/* my old work */\nint main(void) { return 0; }\n'),
        'hello.manifest': toBase64Url('my old work\nVersion = 20130611\n'),
      },
    },
  };
  return Buffer.from(JSON.stringify({ format: 'zerovm-playground-lesson-progress', version: 1, lessons }));
}

test('a learner whose saved copy began from an older start is told, and can take the new start without losing theirs', async ({
  page,
}) => {
  await page.goto('/#/workshop/zerovm-101/01-hello');
  await expect(runButton(page)).toBeEnabled();
  const lesson = page.getByRole('region', { name: 'Lesson' });
  await lesson.locator('input[type=file]').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: staleProgress('an-older-start'),
  });
  await expect(consoleText(page)).toContainText('Progress imported: 1 lessons');

  await lesson.getByRole('button', { name: 'Next' }).click();
  await expect(lesson.getByRole('combobox', { name: 'Lesson' })).toHaveValue('02-manifest');
  const note = lesson.getByRole('status').filter({ hasText: 'starting files have changed' });
  await expect(note).toBeVisible();
  await expect(page.getByRole('region', { name: 'Editor' })).toContainText('my old work');

  await note.getByRole('button', { name: 'Take the new start' }).click();
  await expect(note).toBeHidden();
  await expect(editorTab(page, 'hello.manifest')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Editor' })).not.toContainText('my old work');
  await expect(consoleText(page)).toContainText('Recent projects as “The manifest');

  // The learner's version is in Recent projects.
  await page.getByRole('button', { name: /^Projects \(current: / }).click();
  const projects = page.getByRole('dialog', { name: 'Projects' });
  await expect(projects.getByRole('list')).toContainText('(your version)');

  // Leaving and coming back: the new start is what is saved, and nothing is flagged any more.
  await page.keyboard.press('Escape');
  await lesson.getByRole('button', { name: 'Previous' }).click();
  await lesson.getByRole('button', { name: 'Next' }).click();
  await expect(lesson.getByRole('combobox', { name: 'Lesson' })).toHaveValue('02-manifest');
  await expect(lesson.getByText('starting files have changed')).toBeHidden();
});

test('a saved copy that began from the current start is not flagged', async ({ page }) => {
  await page.goto('/#/workshop/zerovm-101/02-manifest');
  const lesson = page.getByRole('region', { name: 'Lesson' });
  await expect(lesson.getByRole('combobox', { name: 'Lesson' })).toHaveValue('02-manifest');
  await lesson.getByRole('button', { name: 'Previous' }).click();
  await lesson.getByRole('button', { name: 'Next' }).click();
  await expect(lesson.getByRole('combobox', { name: 'Lesson' })).toHaveValue('02-manifest');
  await expect(lesson.getByText('starting files have changed')).toBeHidden();
});
