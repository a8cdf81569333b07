import { readFileSync } from 'node:fs';
import { Deflate, strToU8 } from 'fflate';
import type { Page } from '@playwright/test';
import { toBase64Url } from '../src/share/base64url.ts';
import { encodeShare } from '../src/share/share-codec.ts';
import type { ShareProject } from '../src/share/validate-project.ts';
import { fixturePath } from '../src/engine/test-support/fixture-cache.ts';

/** A share fragment (`p=1.…`) for a project; fields left out are empty. */
export function fragmentOf(project: Partial<ShareProject>): string {
  return encodeShare({
    files: {},
    folders: [],
    openFile: null,
    tabs: [],
    stdin: '',
    args: '',
    env: '',
    ...project,
  });
}

/** A project that runs without a compiler: the `hello` fixture in quick mode (prints "hello, sandbox"). */
export function helloProject(): Partial<ShareProject> {
  return {
    files: {
      'hello.wasm': new Uint8Array(readFileSync(fixturePath('hello'))),
      'notes.txt': strToU8('read me\n'),
    },
    openFile: 'hello.wasm',
    tabs: ['notes.txt', 'hello.wasm'],
  };
}

/** A link body of `mb` MB of zeros, deflated: a few KB that would expand past the 16 MB cap. */
export function zipBombFragment(mb: number): string {
  const parts: Uint8Array[] = [];
  const deflater = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mb; i++) deflater.push(zeros, i === mb - 1);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return `p=1.${toBase64Url(all)}`;
}

/** The project autosaved in this page's IndexedDB: file contents as arrays of bytes, and the run inputs. */
export async function savedProject(page: Page): Promise<{
  files: Record<string, number[]>;
  stdin: string;
  args: string;
  env: string;
  activeFile: string | null;
}> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('zerovm-playground');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('state').objectStore('state').get('project');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            const state = get.result?.state ?? {};
            const files: Record<string, number[]> = {};
            for (const [path, data] of Object.entries(state.files ?? {}))
              files[path] = [...(data as Uint8Array)];
            resolve({
              files,
              stdin: state.stdin,
              args: state.args,
              env: state.env,
              activeFile: state.activeFile,
            });
          };
        };
      }),
  );
}
