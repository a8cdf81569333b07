import { z } from 'zod';
import { fromBase64Url, toBase64Url } from '../../share/base64url.ts';
import { MAX_FILES } from '../../share/share-schema.ts';
import { quote, validateProject } from '../../share/validate-project.ts';
import type { LessonProgress } from '../../store/index.ts';

/** The largest progress file read, in bytes. */
export const MAX_PROGRESS_BYTES = 16 * 1024 * 1024;
/** Most lessons a progress file may hold. */
export const MAX_PROGRESS_LESSONS = 500;
const FORMAT = 'zerovm-playground-lesson-progress';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Checked in place, not as a z.record: a record is rebuilt key by key, which drops a file named "__proto__".
const filesSchema = z.custom<Record<string, string>>(
  (value) => isObject(value) && Object.values(value).every((text) => typeof text === 'string'),
  'expected file contents by path',
);

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  lessons: z.record(
    z.string().regex(/^[\w-]{1,64}\/[\w-]{1,64}$/),
    z.object({ done: z.boolean(), files: filesSchema.optional(), startKey: z.string().max(64).optional() }),
  ),
});

/** Progress as a downloadable file: each lesson's done flag and the learner's files (base64url). */
export function progressToFile(progress: Record<string, LessonProgress>): Uint8Array {
  const lessons = Object.fromEntries(
    Object.entries(progress).map(([key, p]) => [
      key,
      {
        done: p.done,
        ...(p.startKey !== undefined ? { startKey: p.startKey } : {}),
        ...(p.files
          ? {
              files: Object.fromEntries(
                Object.entries(p.files).map(([path, data]) => [path, toBase64Url(data)]),
              ),
            }
          : {}),
      },
    ]),
  );
  return new TextEncoder().encode(JSON.stringify({ format: FORMAT, version: 1, lessons }, null, 1));
}

/** Reads a progress file defensively (size, schema, safe paths): the progress, or a sentence saying why not. */
export function progressFromFile(
  bytes: Uint8Array,
): { ok: true; progress: Record<string, LessonProgress> } | { ok: false; error: string } {
  if (bytes.length > MAX_PROGRESS_BYTES)
    return { ok: false, error: 'That file is too big to be lesson progress.' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, error: 'That file is not lesson progress (it is not JSON).' };
  }
  // Counted before the schema walks them: a 15 MB file listing half a million lessons parses for seconds.
  const lessons = isObject(json) && isObject(json.lessons) ? Object.keys(json.lessons).length : 0;
  if (lessons > MAX_PROGRESS_LESSONS)
    return { ok: false, error: `That file holds more than ${MAX_PROGRESS_LESSONS} lessons' progress.` };
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: 'That file is not lesson progress from this playground.' };
  const progress: Record<string, LessonProgress> = {};
  for (const [key, lesson] of Object.entries(parsed.data.lessons)) {
    if (!lesson.files) {
      progress[key] = { done: lesson.done };
      continue;
    }
    const entries = Object.entries(lesson.files);
    if (entries.length > MAX_FILES)
      return {
        ok: false,
        error: `The progress of ${key} has more than ${MAX_FILES} files, so it was not opened.`,
      };
    const files: Array<{ path: string; data: Uint8Array }> = [];
    for (const [path, text] of entries) {
      const data = fromBase64Url(text);
      if (data === null)
        return { ok: false, error: `The progress of ${key} has a damaged file (${quote(path)}).` };
      files.push({ path, data });
    }
    const checked = validateProject(
      { files, folders: [], openFile: null, stdin: '', args: '', env: '' },
      { source: `The progress of ${key}`, project: `The progress of ${key}` },
    );
    if (!checked.ok) return { ok: false, error: checked.error };
    progress[key] = {
      done: lesson.done,
      files: checked.project.files,
      ...(lesson.startKey !== undefined ? { startKey: lesson.startKey } : {}),
    };
  }
  return { ok: true, progress };
}
