import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharePathProblem } from '../../share/share-path.ts';
import { progressFromFile, progressToFile } from './progress-file.ts';

// Issue 9, hostile inputs: lesson progress files. Every refusal is a sentence, nothing throws, nothing is
// polluted, and a file the app wrote always reads back whole.

const RUNS = 3000;
const enc = (s: string) => new TextEncoder().encode(s);
const HEAD = '"format":"zerovm-playground-lesson-progress","version":1';
/** A progress file with this `lessons` JSON text. */
const withLessons = (lessons: string) => enc(`{${HEAD},"lessons":${lessons}}`);
const NOT_PROGRESS = 'That file is not lesson progress from this playground.';

function errorOf(bytes: Uint8Array): string {
  const result = progressFromFile(bytes);
  if (result.ok)
    throw new Error(`expected the file to be refused, got ${Object.keys(result.progress).join(', ')}`);
  return result.error;
}

describe('hostile progress files', () => {
  it.each([
    ['nothing', enc(''), 'That file is not lesson progress (it is not JSON).'],
    ['text', enc('my progress'), 'That file is not lesson progress (it is not JSON).'],
    ['half a JSON', enc(`{${HEAD},"lessons":{`), 'That file is not lesson progress (it is not JSON).'],
    [
      'UTF-16',
      new Uint8Array([0xff, 0xfe, 0x7b, 0, 0x7d, 0]),
      'That file is not lesson progress (it is not JSON).',
    ],
    ['null', enc('null'), NOT_PROGRESS],
    ['a number', enc('1'), NOT_PROGRESS],
    ['an array', enc('[]'), NOT_PROGRESS],
    ['another format', enc('{"format":"zerovm-playground-project","version":1,"lessons":{}}'), NOT_PROGRESS],
    [
      'version 2',
      enc('{"format":"zerovm-playground-lesson-progress","version":2,"lessons":{}}'),
      NOT_PROGRESS,
    ],
    [
      'version "1"',
      enc('{"format":"zerovm-playground-lesson-progress","version":"1","lessons":{}}'),
      NOT_PROGRESS,
    ],
    ['no lessons', enc(`{${HEAD}}`), NOT_PROGRESS],
    ['lessons as a list', withLessons('[{"done":true}]'), NOT_PROGRESS],
    ['lessons: null', withLessons('null'), NOT_PROGRESS],
    ['done as a string', withLessons('{"w/l":{"done":"yes"}}'), NOT_PROGRESS],
    ['done missing', withLessons('{"w/l":{}}'), NOT_PROGRESS],
    ['files as a list', withLessons('{"w/l":{"done":true,"files":["a.c"]}}'), NOT_PROGRESS],
    ['a file as a number', withLessons('{"w/l":{"done":true,"files":{"a.c":1}}}'), NOT_PROGRESS],
    ['a file as null', withLessons('{"w/l":{"done":true,"files":{"a.c":null}}}'), NOT_PROGRESS],
    ['a lesson key that leaves', withLessons('{"../x":{"done":true}}'), NOT_PROGRESS],
    ['a lesson key without a workshop', withLessons('{"01-hello":{"done":true}}'), NOT_PROGRESS],
    ['a lesson key with markup', withLessons('{"w/<script>":{"done":true}}'), NOT_PROGRESS],
    ['a lesson key too long', withLessons(`{"w/${'l'.repeat(65)}":{"done":true}}`), NOT_PROGRESS],
    [
      'a file in bad base64',
      withLessons('{"w/l":{"done":true,"files":{"a.c":"a+b/"}}}'),
      'The progress of w/l has a damaged file ("a.c").',
    ],
    [
      'a bad base64 file with a long, odd name',
      withLessons(`{"w/l":{"done":true,"files":{"${'\\u0007'.repeat(200)}":"="}}}`),
      `The progress of w/l has a damaged file (${JSON.stringify(`${'\u0007'.repeat(77)}...`)}).`,
    ],
  ])('refuses %s', (_name, bytes, message) => {
    expect(errorOf(bytes)).toBe(message);
  });

  it.each([
    ['../../etc/passwd', 'contains ".." (it would leave the project)'],
    ['/etc/passwd', 'is absolute (starts with "/")'],
    ['a\\\\b', 'contains "\\" (paths are separated by "/")'],
    ['a//b', 'has an empty segment ("//" or a trailing "/")'],
    ['./a', 'contains a "." segment'],
    ['a\\u0000b', 'contains a control character'],
    ['', 'is empty'],
  ])('refuses the file path %s', (jsonPath, why) => {
    const path = JSON.parse(`"${jsonPath}"`) as string;
    expect(errorOf(withLessons(`{"w/l":{"done":true,"files":{"ok.c":"eA","${jsonPath}":"eA"}}}`))).toBe(
      `The progress of w/l has an unsafe file path ${JSON.stringify(path)}: it ${why}.`,
    );
  });

  it('refuses a file and folder of the same name', () => {
    expect(errorOf(withLessons('{"w/l":{"done":true,"files":{"a":"eA","a/b":"eA"}}}'))).toBe(
      'The progress of w/l uses "a" both as a file and as a folder.',
    );
  });

  it('refuses files over 16 MB unread', () => {
    expect(errorOf(new Uint8Array(16 * 1024 * 1024 + 1))).toBe('That file is too big to be lesson progress.');
  });

  it('refuses 501 lessons, and 20 000 before checking any', () => {
    const lessons = (n: number) =>
      `{${Array.from({ length: n }, (_, i) => `"w/l${i}":{"done":true}`).join(',')}}`;
    expect(progressFromFile(withLessons(lessons(500))).ok).toBe(true);
    expect(errorOf(withLessons(lessons(501)))).toBe("That file holds more than 500 lessons' progress.");
    expect(errorOf(withLessons(lessons(20_000)))).toBe("That file holds more than 500 lessons' progress.");
  });

  it('refuses 2001 files in a lesson, and 20 000 before decoding any', () => {
    const files = (n: number) => `{${Array.from({ length: n }, (_, i) => `"f${i}":""`).join(',')}}`;
    expect(errorOf(withLessons(`{"w/l":{"done":true,"files":${files(2001)}}}`))).toBe(
      'The progress of w/l has more than 2000 files, so it was not opened.',
    );
    expect(errorOf(withLessons(`{"w/l":{"done":true,"files":${files(20_000)}}}`))).toBe(
      'The progress of w/l has more than 2000 files, so it was not opened.',
    );
  });

  it('ignores __proto__ and constructor keys around the lessons and pollutes nothing', () => {
    const json =
      `{${HEAD},"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},` +
      '"lessons":{"__proto__":{"done":true},"w/l":{"done":true,"__proto__":{"files":{"x.c":"eA"}}}}}';
    expect(progressFromFile(enc(json))).toEqual({ ok: true, progress: { 'w/l': { done: true } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).done).toBeUndefined();
  });

  it('keeps files named after Object.prototype members, __proto__ included, through a round trip', () => {
    const files: Record<string, Uint8Array> = Object.create(null);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype/x'])
      files[name] = enc(name);
    const back = progressFromFile(progressToFile({ 'w/l': { done: false, files } }));
    expect(back.ok && Object.keys(back.progress['w/l']!.files!).sort()).toEqual(Object.keys(files).sort());
    expect(back.ok && new TextDecoder().decode(back.progress['w/l']!.files!['__proto__'])).toBe('__proto__');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('takes a byte-order mark and extra keys it does not know', () => {
    const text = `\ufeff{${HEAD},"exportedAt":"today","lessons":{"w/l":{"done":true,"note":"<script>"}}}`;
    expect(progressFromFile(enc(text))).toEqual({ ok: true, progress: { 'w/l': { done: true } } });
  });
});

describe('progress file properties', () => {
  /** progressFromFile's answer is safe progress or a sentence; it never throws. */
  function readsSafely(bytes: Uint8Array): void {
    const result = progressFromFile(bytes);
    if (!result.ok) {
      expect(result.error).toMatch(/^(That|The) .+[.]$/s);
      return;
    }
    for (const [key, lesson] of Object.entries(result.progress)) {
      expect(key).toMatch(/^[\w-]{1,64}\/[\w-]{1,64}$/);
      expect(typeof lesson.done).toBe('boolean');
      for (const path of Object.keys(lesson.files ?? {})) expect(sharePathProblem(path)).toBeNull();
    }
  }

  it('never throws on arbitrary bytes or JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.json({ maxDepth: 4 }).map(enc),
          fc.jsonValue({ maxDepth: 3 }).map((v) => withLessons(JSON.stringify(v))),
        ),
        readsSafely,
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on near-valid progress with arbitrary keys, flags and files', () => {
    const anything = fc.jsonValue({ maxDepth: 2 });
    const files = fc.dictionary(
      fc.string({ maxLength: 12 }),
      fc.oneof(fc.base64String({ maxLength: 12 }), fc.string({ maxLength: 8 }), anything),
      {
        maxKeys: 4,
      },
    );
    const lesson = fc.record(
      { done: fc.oneof(fc.boolean(), anything), files: fc.oneof(files, anything) },
      { requiredKeys: [] },
    );
    const key = fc.oneof(fc.stringMatching(/^[\w-]{1,8}\/[\w-]{1,8}$/), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.dictionary(key, lesson, { maxKeys: 4 }), (lessons) =>
        readsSafely(withLessons(JSON.stringify(lessons))),
      ),
      { numRuns: RUNS },
    );
  });

  it('reads back every progress file it writes', () => {
    const segment = fc.stringMatching(/^[\w.-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    const lesson = fc.record({
      done: fc.boolean(),
      files: fc.option(fc.dictionary(path, fc.uint8Array({ maxLength: 16 }), { maxKeys: 4 }), {
        nil: undefined,
      }),
    });
    // Paths that clash as file and folder are dropped: no project holds them.
    const consistent = (files: Record<string, Uint8Array>) =>
      Object.fromEntries(
        Object.entries(files).filter(
          ([name]) => !Object.keys(files).some((other) => other.startsWith(`${name}/`)),
        ),
      );
    const progress = fc
      .dictionary(fc.stringMatching(/^[\w-]{1,8}\/[\w-]{1,8}$/), lesson, { maxKeys: 4 })
      .map((all) =>
        Object.fromEntries(
          Object.entries(all).map(([key, { done, files }]) => [
            key,
            files === undefined ? { done } : { done, files: consistent(files) },
          ]),
        ),
      );
    fc.assert(
      fc.property(progress, (p) => {
        expect(progressFromFile(progressToFile(p))).toEqual({ ok: true, progress: p });
      }),
      { numRuns: 1000 },
    );
  });
});
