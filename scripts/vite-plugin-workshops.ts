import { join } from 'node:path';
import type { Plugin } from 'vite';
import { loadWorkshop } from '../src/workshops/load-workshop.ts';
import { readFolder } from '../src/workshops/node/read-folder.ts';
import { workshopFolders } from '../src/workshops/node/verify-workshops.ts';

/**
 * Validates every workshop against the lesson schema when the app is built: a broken lesson fails the build
 * with the file and field named, instead of failing in a learner's browser. (Whether each solution passes
 * its check is `zvm lessons`, run in the tests.)
 */
export function workshopsPlugin(dir = 'workshops'): Plugin {
  return {
    name: 'zerovm-workshops',
    apply: 'build',
    buildStart() {
      const errors = workshopFolders(dir).flatMap(({ id, path }) => {
        const loaded = loadWorkshop(id, readFolder(path), join(dir, id));
        return loaded.ok ? [] : loaded.errors;
      });
      if (errors.length > 0) this.error(`the workshops have problems:\n${errors.join('\n')}`);
    },
  };
}
