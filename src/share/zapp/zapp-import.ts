import { Lexer, parse } from 'yaml';
import { readTarImage } from '../../engine/image/tar-image.ts';
import { inflateCapped } from '../inflate-capped.ts';
import { MAX_FILES, MAX_FOLDERS, MAX_INFLATED_BYTES } from '../share-schema.ts';
import { validateProject } from '../validate-project.ts';
import type { ShareProject, UntrustedProject } from '../validate-project.ts';
import { SYSTEM_MAP, ZAPP_YAML } from './zapp-export.ts';
import { ZAPP_PLAYGROUND_VERSION, playgroundSectionSchema, zappYamlSchema } from './zapp-yaml.ts';

/** Largest .zapp file import looks at. */
export const MAX_ZAPP_BYTES = 16 * 1024 * 1024;
/** Most bytes the gzip may expand to: the project cap plus room for tar headers. */
export const MAX_ZAPP_TAR_BYTES = MAX_INFLATED_BYTES + 4 * 1024 * 1024;
/** Longest project name kept from `meta.name`. */
export const MAX_NAME_LENGTH = 80;
/** Deepest nesting zapp.yaml may have; an export needs 3 levels. */
export const MAX_YAML_DEPTH = 64;
/** Most YAML tokens zapp.yaml may hold; an exported 2000-file project needs about 30 000. */
export const MAX_YAML_TOKENS = 100_000;

/** zappToProject's answer: the project and its name, or a plain sentence for the user. */
export type ZappImport = { ok: true; project: ShareProject; name: string } | { ok: false; error: string };

const WORDS = { source: 'The .zapp file', project: "The .zapp's project" };
const MB = 1024 * 1024;

/**
 * Reads a .zapp (gzip tar; a plain tar is taken too) with the same checks as a share link: size caps before
 * and after decompression, a strict tar reader, safe paths, bounded counts. Never throws.
 */
export function zappToProject(bytes: Uint8Array, fileName: string): ZappImport {
  try {
    return read(bytes, fileName);
  } catch {
    return { ok: false, error: 'This .zapp file could not be opened.' };
  }
}

function read(bytes: Uint8Array, fileName: string): ZappImport {
  const fail = (error: string): ZappImport => ({ ok: false, error });
  if (bytes.length > MAX_ZAPP_BYTES)
    return fail(`This .zapp file is too large to open (over ${MAX_ZAPP_BYTES / MB} MB).`);
  let tar = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const inflated = inflateCapped(bytes, MAX_ZAPP_TAR_BYTES, 'gzip');
    if (inflated.kind === 'too-large')
      return fail(
        `This .zapp file expands to more than ${MAX_ZAPP_TAR_BYTES / MB} MB, so it was not opened.`,
      );
    if (inflated.kind === 'truncated') return fail('This .zapp file is incomplete (cut off).');
    if (inflated.kind === 'corrupt') return fail('This .zapp file is damaged: it could not be decompressed.');
    tar = inflated.bytes;
  }
  const image = readTarImage(tar);
  if (!image.ok) return fail(`This is not a .zapp file (a gzip tar): ${image.reason}.`);
  if (image.warnings.length > 0)
    return fail(`This .zapp file has an unsafe entry: ${image.warnings[0]!.replace(/\.$/, '')}.`);
  const link = image.entries.find((entry) => entry.kind === 'symlink');
  if (link)
    return fail(`This .zapp file holds a link (${JSON.stringify(link.path)}), which a project cannot hold.`);
  const files = new Map<string, Uint8Array>();
  const dirs: string[] = [];
  for (const entry of image.entries) {
    if (entry.kind === 'directory') dirs.push(entry.path);
    else if (entry.kind === 'file') files.set(entry.path, entry.data ?? new Uint8Array(0));
    // zapp.yaml and boot/system.map come on top of the files; every file may bring its own folder.
    if (files.size > MAX_FILES + 2 || dirs.length > MAX_FILES + MAX_FOLDERS + 2)
      return fail(`${WORDS.project} has more than ${MAX_FILES} files or folders, so it was not opened.`);
  }
  const yamlBytes = files.get(ZAPP_YAML);
  if (yamlBytes === undefined) return fail('This is not a .zapp file: it has no zapp.yaml.');
  let yaml: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(yamlBytes);
    // The yaml library builds each node slowly (a 3 MB list of "a, a, a" takes half a minute), so the
    // tokens are counted first, which is cheap and stops early.
    const shape = yamlShape(text);
    if (shape === 'too-many-tokens')
      return fail(`The .zapp's zapp.yaml is too large to read (over ${MAX_YAML_TOKENS} YAML tokens).`);
    if (shape === 'too-deep')
      return fail(`The .zapp's zapp.yaml is nested too deeply (over ${MAX_YAML_DEPTH} levels).`);
    // Few aliases: a "billion laughs" document is refused instead of expanded.
    yaml = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    // The yaml library's first line ends in ":" before a code excerpt; the sentence ends there instead.
    // Nesting the scan above cannot see (it is cheap, not a parser) still ends in a sentence, not a crash.
    if (error instanceof Error && /call stack/i.test(error.message))
      return fail(`The .zapp's zapp.yaml is nested too deeply (over ${MAX_YAML_DEPTH} levels).`);
    const reason =
      error instanceof Error ? error.message.split('\n')[0]!.replace(/[:.]?\s*$/, '') : 'unreadable';
    return fail(`The .zapp's zapp.yaml is not valid YAML: ${reason}.`);
  }
  const descriptor = zappYamlSchema.safeParse(yaml ?? {});
  if (!descriptor.success)
    return fail("The .zapp's zapp.yaml is not a zapp description (expected a mapping).");
  const name = projectName(descriptor.data.meta?.name, fileName);
  const untrusted =
    descriptor.data.playground === undefined
      ? fileByFile(files, dirs)
      : fromSection(files, descriptor.data.playground);
  if (typeof untrusted === 'string') return fail(untrusted);
  const checked = validateProject(untrusted, WORDS);
  return checked.ok ? { ok: true, project: checked.project, name } : checked;
}

/** A .zapp this app wrote: exactly the files its playground section lists, with tabs and run inputs. */
function fromSection(files: Map<string, Uint8Array>, raw: unknown): UntrustedProject | string {
  const parsed = playgroundSectionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') ?? '';
    return `The .zapp's zapp.yaml has a malformed playground section${where ? ` at ${where}` : ''}: ${issue?.message ?? 'unexpected shape'}.`;
  }
  const section = parsed.data;
  if (section.version > ZAPP_PLAYGROUND_VERSION)
    return `This .zapp was made by a newer version of ZeroVM Playground (v${section.version}); reload the page to update.`;
  if (section.files.length > MAX_FILES)
    return `${WORDS.project} has more than ${MAX_FILES} files, so it was not opened.`;
  const listed: UntrustedProject['files'][number][] = [];
  for (const path of section.files) {
    const data = files.get(path);
    if (data === undefined)
      return `The .zapp file lists ${JSON.stringify(path.slice(0, 80))} but does not contain it.`;
    listed.push({ path, data });
  }
  return { ...section, files: listed };
}

/** A .zapp from elsewhere (zpm): every file is part of the project, zapp.yaml and boot/system.map too. */
function fileByFile(files: Map<string, Uint8Array>, dirs: string[]): UntrustedProject {
  const paths = [...files.keys()].sort();
  const openFile =
    paths.find((p) => p.endsWith('.manifest')) ??
    paths.find((p) => /\.(c|cc|cpp|py|wat)$/.test(p)) ??
    (files.has(SYSTEM_MAP) ? SYSTEM_MAP : ZAPP_YAML);
  // Only empty folders need listing (see ShareProject); the others come with their files.
  const filled = new Set<string>();
  for (const path of paths)
    for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) filled.add(path.slice(0, at));
  return {
    files: paths.map((path) => ({ path, data: files.get(path)! })),
    folders: dirs.filter((dir) => !filled.has(dir)),
    openFile,
    tabs: [openFile],
    stdin: '',
    args: '',
    env: '',
  };
}

/** meta.name when it is a usable string, else the file's name without `.zapp`. */
function projectName(meta: unknown, fileName: string): string {
  const raw = typeof meta === 'string' ? meta : fileName.replace(/\.(zapp|tar\.gz|tgz|tar)$/i, '');
  // eslint-disable-next-line no-control-regex -- a name is one line of plain text
  const name = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/g, ' ').trim();
  return (name === '' ? 'Imported project' : name).slice(0, MAX_NAME_LENGTH);
}

function yamlShape(text: string): 'too-many-tokens' | 'too-deep' | 'ok' {
  let count = 0;
  let flow = 0;
  let dashes = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(text)) {
    if (++count > MAX_YAML_TOKENS) return 'too-many-tokens';
    if (token === '[' || token === '{') flow++;
    else if (token === ']' || token === '}') flow--;
    // Block nesting shows as indentation, or as compact entries on one line ("- - - x").
    else if (token === '-' || token === '?') dashes++;
    else if (lineStart && /^ +$/.test(token) && token.length > MAX_YAML_DEPTH * 8) return 'too-deep';
    if (flow > MAX_YAML_DEPTH || dashes > MAX_YAML_DEPTH) return 'too-deep';
    lineStart = token === '\n';
    if (lineStart) dashes = 0;
  }
  return 'ok';
}
