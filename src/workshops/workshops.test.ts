import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWorkshop } from './load-workshop.ts';
import { createNodeRunner } from './node/node-runner.ts';
import { readFolder } from './node/read-folder.ts';
import { verifyLesson, workshopFolders } from './node/verify-workshops.ts';

// `zvm lessons workshops/` as part of `npm test`: every lesson loads, its solution passes its check and its
// start fails it, in every variant. The first run compiles the C programs (cached in .cache/lesson-wasm/).
const WORKSHOPS = fileURLToPath(new URL('../../workshops/', import.meta.url));
const SLOW = 300_000;
const runner = createNodeRunner();

const workshops = workshopFolders(WORKSHOPS).map((folder) => ({
  folder,
  loaded: loadWorkshop(folder.id, readFolder(folder.path)),
}));

describe('the workshops in workshops/', () => {
  it('has at least one workshop', () => {
    expect(workshops.length).toBeGreaterThan(0);
  });

  for (const { folder, loaded } of workshops) {
    describe(folder.id, () => {
      it('loads without errors', () => {
        expect(loaded.errors).toEqual([]);
      });

      for (const lesson of loaded.workshop?.lessons ?? []) {
        it(`${lesson.id}: the solution passes and the start fails`, { timeout: SLOW }, async () => {
          const verdict = await verifyLesson(`${folder.id}/${lesson.id}`, lesson, runner);
          expect(verdict.problems).toEqual([]);
        });
      }
    });
  }
});
