import type { z } from 'zod';
import { writeTarImage } from '../engine/image/tar-image.ts';
import type { TarEntry } from '../engine/image/tar-image.ts';
import { sharePathProblem } from '../share/share-path.ts';
import { splitFrontMatter } from './front-matter.ts';
import { checkSchema, describeIssues, frontMatterSchema, workshopSchema } from './schema.ts';
import type { Lesson, LessonFiles, Workshop } from './types.ts';

/**
 * A workshop and every problem found (each line names the file and the field). `ok` means no problems;
 * otherwise `workshop` (absent when workshop.json is unreadable) holds the lessons that did load.
 */
export type LoadedWorkshop =
  { ok: true; workshop: Workshop; errors: [] } | { ok: false; workshop?: Workshop; errors: string[] };

const TEXT_EXTENSIONS = new Set([
  'c',
  'h',
  'cc',
  'cpp',
  'hpp',
  'py',
  'wat',
  'manifest',
  'nvram',
  'json',
  'txt',
  'md',
]);
const TAR_FOLDER = /^(.*\.tar)\.d$/;
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Reads a workshop folder given as files keyed by path inside it (`workshop.json`, `01-hello/lesson.md`, ...).
 * `where` is how messages name the folder (default `workshops/<id>`).
 */
export function loadWorkshop(id: string, files: LessonFiles, where = `workshops/${id}`): LoadedWorkshop {
  const errors: string[] = [];
  const json = parseJson(files['workshop.json'], `${where}/workshop.json`, workshopSchema, errors);
  if (!json) return { ok: false, errors };
  const lessons: Lesson[] = [];
  for (const lessonId of json.lessons) {
    const lesson = loadLesson(lessonId, filesUnder(files, lessonId), `${where}/${lessonId}`, errors);
    if (lesson) lessons.push(lesson);
  }
  const workshop = { id, title: json.title, description: json.description, lessons, json };
  return errors.length === 0 ? { ok: true, workshop, errors: [] } : { ok: false, workshop, errors };
}

/** Reads one lesson folder (files keyed by path inside it); problems go to `errors`. */
export function loadLesson(
  id: string,
  files: LessonFiles,
  where: string,
  errors: string[],
): Lesson | undefined {
  const before = errors.length;
  if (Object.keys(files).length === 0) {
    errors.push(`${where}: the lesson folder is missing or empty`);
    return undefined;
  }
  const meta = readFrontMatter(files['lesson.md'], `${where}/lesson.md`, errors);
  const check = parseJson(files['check.json'], `${where}/check.json`, checkSchema, errors);
  const start = projectFiles(filesUnder(files, 'start'), `${where}/start`, errors);
  const solutionChanges = projectFiles(filesUnder(files, 'solution'), `${where}/solution`, errors);
  if (Object.keys(start).length === 0)
    errors.push(`${where}/start: no files (the learner's project starts here)`);
  if (Object.keys(solutionChanges).length === 0)
    errors.push(`${where}/solution: no files (what must change?)`);
  if (!meta || !check || errors.length > before) return undefined;
  const solution = { ...start, ...solutionChanges };
  const setups = [
    { field: '', runFile: meta.data['run-file'], open: meta.data['files-open'] },
    ...Object.entries(meta.data.variants ?? {}).map(([name, v]) => ({
      field: `variants.${name}.`,
      runFile: v['run-file'],
      open: v['files-open'],
    })),
  ];
  for (const setup of setups) {
    // Own keys only: "toString" or "__proto__" is in every object's prototype, not in start/.
    if (!Object.hasOwn(start, setup.runFile))
      errors.push(`${where}/lesson.md: ${setup.field}run-file: ${setup.runFile} is not in start/`);
    for (const [i, path] of setup.open.entries())
      if (!Object.hasOwn(solution, path))
        errors.push(
          `${where}/lesson.md: ${setup.field}files-open[${i}]: ${path} is in neither start/ nor solution/`,
        );
  }
  if (errors.length > before) return undefined;
  return { id, meta: meta.data, body: meta.body, start, solution, solutionChanges, check };
}

function readFrontMatter(
  bytes: Uint8Array | undefined,
  file: string,
  errors: string[],
): { data: z.infer<typeof frontMatterSchema>; body: string } | undefined {
  if (!bytes) {
    errors.push(`${file}: missing`);
    return undefined;
  }
  const split = splitFrontMatter(decoder.decode(bytes));
  if ('error' in split) {
    errors.push(`${file}: ${split.error}`);
    return undefined;
  }
  const parsed = frontMatterSchema.safeParse(split.data);
  if (!parsed.success) {
    errors.push(...describeIssues(file, parsed.error, split.data));
    return undefined;
  }
  return { data: parsed.data, body: split.body };
}

function parseJson<T>(
  bytes: Uint8Array | undefined,
  file: string,
  schema: z.ZodType<T>,
  errors: string[],
): T | undefined {
  if (!bytes) {
    errors.push(`${file}: missing`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    errors.push(`${file}: not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  errors.push(...describeIssues(file, parsed.error, data));
  return undefined;
}

/** A start/ or solution/ folder as project files: text files only, `NAME.tar.d/` folders packed as `NAME.tar`. */
function projectFiles(files: LessonFiles, where: string, errors: string[]): LessonFiles {
  const out: LessonFiles = {};
  const tars = new Map<string, TarEntry[]>();
  for (const [path, data] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const problem = sharePathProblem(path);
    if (problem !== null) {
      errors.push(`${where}/${path}: the path ${problem}`);
      continue;
    }
    const parts = path.split('/');
    const tarAt = parts.findIndex((part) => TAR_FOLDER.test(part));
    if (tarAt >= 0) {
      const tarPath = [...parts.slice(0, tarAt), TAR_FOLDER.exec(parts[tarAt]!)![1]!].join('/');
      const entries = tars.get(tarPath) ?? [];
      const inside = parts.slice(tarAt + 1);
      for (let depth = 1; depth < inside.length; depth++) {
        const dir = inside.slice(0, depth).join('/');
        if (!entries.some((e) => e.path === dir)) entries.push({ path: dir, kind: 'directory' });
      }
      entries.push({ path: inside.join('/'), kind: 'file', data });
      tars.set(tarPath, entries);
      continue;
    }
    const name = parts[parts.length - 1]!;
    const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!TEXT_EXTENSIONS.has(extension) || data.includes(0)) {
      errors.push(
        `${where}/${path}: only text files (.c .h .py .wat .manifest .nvram .json .txt .md) may be here`,
      );
      continue;
    }
    out[path] = data;
  }
  for (const [path, entries] of tars) out[path] = writeTarImage(entries);
  return out;
}

/** The files beneath `dir`, keyed relative to it. */
function filesUnder(files: LessonFiles, dir: string): LessonFiles {
  const prefix = `${dir}/`;
  const out: LessonFiles = {};
  for (const [path, data] of Object.entries(files))
    if (path.startsWith(prefix)) out[path.slice(prefix.length)] = data;
  return out;
}
