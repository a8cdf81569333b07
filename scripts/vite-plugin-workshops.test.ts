import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workshopsPlugin } from './vite-plugin-workshops.ts';

/** Calls the plugin's buildStart the way Vite would, with `this.error` throwing. */
function buildStart(dir: string): void {
  const hook = workshopsPlugin(dir).buildStart as (this: unknown) => void;
  hook.call({
    error: (message: string) => {
      throw new Error(message);
    },
  });
}

describe('workshopsPlugin', () => {
  it('lets the real workshops through', () => {
    expect(() => buildStart('workshops')).not.toThrow();
  });

  it('fails the build on a broken lesson, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workshops-'));
    const lesson = join(dir, 'w', '01-broken');
    mkdirSync(join(lesson, 'start'), { recursive: true });
    writeFileSync(
      join(dir, 'w', 'workshop.json'),
      JSON.stringify({ title: 'W', description: 'd', lessons: ['01-broken'] }),
    );
    writeFileSync(
      join(lesson, 'lesson.md'),
      '---\ntitle: Broken\ngoal: g\nminutes: 1\nrun: quick\nrun-file: a.py\nfiles-open: [a.py]\n---\ntext\n',
    );
    writeFileSync(join(lesson, 'start', 'a.py'), 'print(1)\n');
    writeFileSync(join(lesson, 'check.json'), JSON.stringify({ expect: [{ stdout: { equal: 'x' } }] }));
    expect(() => buildStart(dir)).toThrow(/01-broken\/check\.json: expect\[0\]\.stdout/);
  });
});
