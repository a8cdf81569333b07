import { describe, expect, it } from 'vitest';
import { readTarImage } from '../engine/image/tar-image.ts';
import { loadWorkshop } from './load-workshop.ts';
import { SAMPLE_LESSON_MD, sampleWorkshop, textFiles } from './test-support.ts';

/** The sample workshop with a second start file. */
const workshop = (overrides: Record<string, string> = {}) =>
  sampleWorkshop({ '01-hello/start/notes.txt': 'notes\n', ...overrides });

const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('loadWorkshop', () => {
  it('reads the lessons in order, the solution being the start overlaid with solution/', () => {
    const loaded = loadWorkshop('w', textFiles(workshop()));
    expect(loaded.errors).toEqual([]);
    const lesson = loaded.workshop!.lessons[0]!;
    expect(lesson.id).toBe('01-hello');
    expect(lesson.meta.title).toBe('Hello');
    expect(lesson.body).toBe('Some words.\n');
    expect(Object.keys(lesson.start).sort()).toEqual(['hello.c', 'notes.txt']);
    expect(decode(lesson.solution['hello.c'])).toContain('return 0');
    expect(decode(lesson.solution['notes.txt'])).toBe('notes\n');
    expect(Object.keys(lesson.solutionChanges)).toEqual(['hello.c']);
    expect(lesson.check.expect).toEqual([{ exit: 'ok' }]);
  });

  it('packs a start/NAME.tar.d/ folder as NAME.tar', () => {
    const loaded = loadWorkshop(
      'w',
      textFiles(
        workshop({
          '01-hello/start/dict.tar.d/words/a.txt': 'apple\n',
          '01-hello/start/dict.tar.d/b.txt': 'b\n',
        }),
      ),
    );
    expect(loaded.errors).toEqual([]);
    const start = loaded.workshop!.lessons[0]!.start;
    expect(Object.keys(start).sort()).toEqual(['dict.tar', 'hello.c', 'notes.txt']);
    const tar = readTarImage(start['dict.tar']!);
    expect(tar.ok && tar.entries.map((e) => `${e.kind} ${e.path}`)).toEqual([
      'file b.txt',
      'directory words',
      'file words/a.txt',
    ]);
  });

  it('names the file and the field of every mistake', () => {
    const loaded = loadWorkshop(
      'w',
      textFiles(
        workshop({
          '01-hello/lesson.md': SAMPLE_LESSON_MD.replace('minutes: 5', 'minutes: soon').replace(
            'run: quick',
            'run: fast',
          ),
          '01-hello/check.json': JSON.stringify({
            expect: [{ exit: 'ok' }, { channel: '/dev/stdout', writes: {} }],
          }),
        }),
      ),
    );
    expect(loaded.ok).toBe(false);
    expect(loaded.errors).toEqual([
      expect.stringMatching(/^workshops\/w\/01-hello\/lesson\.md: minutes: /),
      expect.stringMatching(/^workshops\/w\/01-hello\/lesson\.md: run: /),
      expect.stringMatching(
        /^workshops\/w\/01-hello\/check\.json: expect\[1\]\.writes: give min, max or both$/,
      ),
    ]);
    expect(loaded.workshop?.lessons).toEqual([]);
  });

  it('reports unreadable JSON, a missing lesson folder and files that are not in the project', () => {
    const bad = loadWorkshop(
      'w',
      textFiles({
        ...workshop({ '01-hello/check.json': '{' }),
        'workshop.json': '{"title":"W","description":"D","lessons":["01-hello","02-gone"]}',
      }),
    );
    expect(bad.errors).toEqual([
      expect.stringMatching(/^workshops\/w\/01-hello\/check\.json: not valid JSON/),
      'workshops/w/02-gone: the lesson folder is missing or empty',
    ]);
    const missing = loadWorkshop(
      'w',
      textFiles(
        workshop({
          '01-hello/lesson.md': SAMPLE_LESSON_MD.replace(
            'files-open: [hello.c]',
            'files-open: [hello.c, gone.c]',
          ),
        }),
      ),
    );
    expect(missing.errors).toEqual([
      'workshops/w/01-hello/lesson.md: files-open[1]: gone.c is in neither start/ nor solution/',
    ]);
    const binary = loadWorkshop('w', {
      ...textFiles(workshop()),
      '01-hello/start/prog.wasm': new Uint8Array([0, 97, 115, 109]),
    });
    expect(binary.errors).toEqual([
      expect.stringMatching(/^workshops\/w\/01-hello\/start\/prog\.wasm: only text files/),
    ]);
  });

  it('says which workshop.json field is wrong', () => {
    const loaded = loadWorkshop('w', textFiles({ 'workshop.json': '{"title":"W","lessons":["hello"]}' }));
    expect(loaded.errors).toEqual([
      expect.stringMatching(/^workshops\/w\/workshop\.json: description: /),
      expect.stringMatching(
        /^workshops\/w\/workshop\.json: lessons\[0\]: a lesson folder name like "01-hello"$/,
      ),
    ]);
  });
});
