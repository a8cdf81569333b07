import { gzipSync, strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharePathProblem } from '../share-path.ts';
import type { ShareProject } from '../validate-project.ts';
import { projectToZapp, zappToProject } from './index.ts';

// Issue 9, hostile inputs: .zapp files. Every refusal is a specific sentence, and nothing throws.

const MB = 1024 * 1024;
const RUNS = 3000;
// Runs that reach zapp.yaml cost about a millisecond each (the yaml library), so fewer of them.
const YAML_RUNS = 1500;
const BLOCK = 512;

interface RawEntry {
  name: string;
  /** Tar typeflag: '0' file, '1' hard link, '2' symlink, '3'/'4' devices, '5' directory, '6' fifo, 'x' pax. */
  type?: string;
  data?: Uint8Array | string;
  linkname?: string;
  /** Overrides the size field (octal text, or bytes for base-256). */
  size?: string | Uint8Array;
}

/** One ustar header with a valid checksum, written by hand so any name, type or size can be tried. */
function header(entry: RawEntry, dataLength: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (at: number, text: string) => h.set(strToU8(text), at);
  h.set(strToU8(entry.name).subarray(0, 100), 0);
  put(100, '0000644\0');
  put(108, '0000000\0');
  put(116, '0000000\0');
  if (entry.size instanceof Uint8Array) h.set(entry.size, 124);
  else put(124, entry.size ?? `${dataLength.toString(8).padStart(11, '0')}\0`);
  put(136, '00000000000\0');
  put(156, entry.type ?? '0');
  put(157, entry.linkname ?? '');
  put(257, 'ustar\0');
  put(263, '00');
  h.fill(0x20, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** A tar of hand-made entries, with the two zero blocks that end it. */
function tarOf(...entries: RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? strToU8(entry.data) : (entry.data ?? new Uint8Array(0));
    parts.push(header(entry, data.length));
    const padded = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
    padded.set(data);
    parts.push(padded);
  }
  parts.push(new Uint8Array(2 * BLOCK));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

const yamlEntry = (text = 'meta:\n  name: app\n'): RawEntry => ({ name: 'zapp.yaml', data: text });
const zappOf = (...entries: RawEntry[]) => gzipSync(tarOf(...entries));
const withYaml = (text: string) => zappOf(yamlEntry(text));

function errorOf(bytes: Uint8Array, fileName = 'x.zapp'): string {
  const result = zappToProject(bytes, fileName);
  if (!result.ok) return result.error;
  throw new Error(`expected the .zapp to be refused, got ${Object.keys(result.project.files).join(', ')}`);
}

function projectOf(bytes: Uint8Array, fileName = 'x.zapp'): { project: ShareProject; name: string } {
  const result = zappToProject(bytes, fileName);
  if (!result.ok) throw new Error(result.error);
  return result;
}

const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

// The yaml library warns on stderr about every unknown tag ("!x") it meets; the tests meet thousands.
beforeAll(() => {
  vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe('hostile .zapp: not a .zapp at all', () => {
  it.each([
    ['nothing', new Uint8Array(0), 'This is not a .zapp file (a gzip tar): not a tar archive: it is empty.'],
    [
      'a few bytes',
      strToU8('zapp'),
      'This is not a .zapp file (a gzip tar): not a tar archive: its first 512 bytes are not a valid tar header.',
    ],
    [
      'a text file',
      strToU8('hello, not an archive\n'.repeat(40)),
      'This is not a .zapp file (a gzip tar): not a tar archive: its first 512 bytes are not a valid tar header.',
    ],
    [
      'a .zip renamed .zapp',
      zipSync({ 'zapp.yaml': strToU8('meta: {name: x}\n'), 'a.c': strToU8('int x;\n'.repeat(100)) }),
      'This is not a .zapp file (a gzip tar): not a tar archive: it is a zip archive.',
    ],
    [
      'a gzipped .zip',
      gzipSync(zipSync({ 'a.c': strToU8('int x;\n'.repeat(100)) })),
      'This is not a .zapp file (a gzip tar): not a tar archive: it is a zip archive.',
    ],
    [
      'a WebAssembly module',
      new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...new Uint8Array(600)]),
      'This is not a .zapp file (a gzip tar): not a tar archive: it is a WebAssembly module.',
    ],
    [
      'gzip of nothing',
      gzipSync(new Uint8Array(0)),
      'This is not a .zapp file (a gzip tar): not a tar archive: it is empty.',
    ],
    [
      'gzip of text',
      gzipSync(strToU8('plain words '.repeat(100))),
      'This is not a .zapp file (a gzip tar): not a tar archive: its first 512 bytes are not a valid tar header.',
    ],
    [
      'a tar without zapp.yaml',
      zappOf({ name: 'a.c', data: 'x' }),
      'This is not a .zapp file: it has no zapp.yaml.',
    ],
    [
      'a tar holding only a zapp.yaml folder',
      zappOf({ name: 'zapp.yaml/', type: '5' }),
      'This is not a .zapp file: it has no zapp.yaml.',
    ],
  ])('refuses %s', (_name, bytes, message) => {
    expect(errorOf(bytes)).toBe(message);
  });

  it('refuses a file over 16 MB unread', () => {
    expect(errorOf(new Uint8Array(16 * MB + 1))).toBe('This .zapp file is too large to open (over 16 MB).');
  });
});

describe('hostile .zapp: damaged gzip and tar', () => {
  const good = zappOf(yamlEntry(), { name: 'main.c', data: 'int main(void) { return 0; }\n'.repeat(50) });
  const tar = tarOf(yamlEntry(), { name: 'main.c', data: 'x'.repeat(2000) });

  it.each([
    ['gzip cut in its header', good.subarray(0, 6), 'This .zapp file is incomplete (cut off).'],
    ['gzip magic alone', new Uint8Array([0x1f, 0x8b]), 'This .zapp file is incomplete (cut off).'],
    [
      'gzip with a file name, cut in it',
      gzipSync(tarOf(yamlEntry()), { filename: 'project-with-a-long-name.tar' }).subarray(0, 30),
      'This .zapp file is incomplete (cut off).',
    ],
    ['gzip cut in its data', good.subarray(0, 40), 'This .zapp file is incomplete (cut off).'],
    [
      'gzip with a corrupt deflate stream',
      new Uint8Array([...good.subarray(0, 10), 0xff, 0xff, 0xff, 0xff, ...good.subarray(14)]),
      'This .zapp file is damaged: it could not be decompressed.',
    ],
    [
      'tar cut inside an entry',
      gzipSync(tar.subarray(0, BLOCK * 3 + 100)),
      'This is not a .zapp file (a gzip tar): truncated tar archive: the entry at byte 1024 needs 1900 more bytes.',
    ],
    [
      'tar cut inside a header',
      gzipSync(tar.subarray(0, BLOCK * 2 + 100)),
      'This is not a .zapp file (a gzip tar): truncated tar archive: it ends at byte 1124 inside a 512-byte header.',
    ],
    [
      'a second header with a bad checksum',
      gzipSync(tar.map((b, i) => (i === BLOCK * 2 ? b ^ 1 : b))),
      'This is not a .zapp file (a gzip tar): corrupt tar archive: the header at byte 1024 has a bad checksum.',
    ],
    [
      'a size that is not a number',
      zappOf(yamlEntry(), { name: 'a', data: 'x', size: '0000000zzz1\0' }),
      'This is not a .zapp file (a gzip tar): corrupt tar archive: the header at byte 1024 has a bad size.',
    ],
    [
      'a base-256 size of 2^56 bytes',
      zappOf(yamlEntry(), { name: 'a', size: new Uint8Array([0x80, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]) }),
      'This is not a .zapp file (a gzip tar): truncated tar archive: the entry at byte 1024 needs 72057594037926910 more bytes.',
    ],
  ])('refuses %s', (_name, bytes, message) => {
    expect(errorOf(bytes)).toBe(message);
  });

  it('refuses a .zapp whose gzip checksum or length does not match what it holds', () => {
    const good = projectToZapp(
      {
        files: { 'a.txt': strToU8('hello') },
        folders: [],
        openFile: 'a.txt',
        tabs: ['a.txt'],
        stdin: '',
        args: '',
        env: '',
      },
      'p',
    );
    expect(zappToProject(good, 'p.zapp').ok).toBe(true);
    for (const at of [8, 4]) {
      const bad = good.slice();
      bad[bad.length - at]! ^= 0x01;
      expect(errorOf(bad)).toBe('This .zapp file is damaged: it could not be decompressed.');
    }
  });

  it('refuses a gzip bomb (21 KB expanding past 20 MB) with the cap in the message', () => {
    const bomb = gzipSync(new Uint8Array(21 * MB), { level: 1 });
    expect(bomb.length).toBeLessThan(32 * 1024);
    expect(errorOf(bomb)).toBe('This .zapp file expands to more than 20 MB, so it was not opened.');
  });

  it('refuses a tar whose files add up to more than 16 MB (hard links copy a 6 MB file)', () => {
    const link = (name: string): RawEntry => ({ name, type: '1', linkname: 'a' });
    const bytes = tarOf(yamlEntry(), { name: 'a', data: new Uint8Array(6 * MB) }, link('b'), link('c'));
    expect(errorOf(bytes)).toBe("The .zapp's project's files add up to more than 16 MB.");
  });
});

describe('hostile .zapp: entries that leave the project or are not files', () => {
  const unsafeEntry = (what: string) => `This .zapp file has an unsafe entry: ${what}.`;

  it.each([
    ['../x', unsafeEntry(`skipped "../x": its path contains '..', which could leave the image`)],
    ['a/../../x', unsafeEntry(`skipped "a/../../x": its path contains '..', which could leave the image`)],
    [
      '../../../../etc/cron.d/x',
      unsafeEntry(`skipped "../../../../etc/cron.d/x": its path contains '..', which could leave the image`),
    ],
    [
      '..\\x',
      'The .zapp file has an unsafe file path "..\\\\x": it contains "\\" (paths are separated by "/").',
    ],
    ['a\u0007.c', 'The .zapp file has an unsafe file path "a\\u0007.c": it contains a control character.'],
    [
      'a\u202etxt.c',
      'The .zapp file has an unsafe file path "a\u202etxt.c": it contains a control character.',
    ],
  ])('refuses the entry %j', (name, message) => {
    expect(errorOf(zappOf(yamlEntry(), { name, data: 'x' }))).toBe(message);
  });

  it('keeps absolute and dotted names inside the project, as tar does', () => {
    const { project } = projectOf(
      zappOf(yamlEntry(), { name: '/etc/passwd', data: 'root' }, { name: './a/./b.c', data: 'b' }),
    );
    expect(Object.keys(project.files).sort()).toEqual(['a/b.c', 'etc/passwd', 'zapp.yaml']);
    expect(text(project.files['etc/passwd'])).toBe('root');
  });

  it.each([
    [
      'an absolute symlink',
      { name: 'l', type: '2', linkname: '/etc/passwd' },
      'This .zapp file holds a link ("l"), which a project cannot hold.',
    ],
    [
      'a relative symlink out',
      { name: 'up', type: '2', linkname: '../../x' },
      'This .zapp file holds a link ("up"), which a project cannot hold.',
    ],
    [
      'a hard link to /etc/passwd',
      { name: 'h', type: '1', linkname: '/etc/passwd' },
      unsafeEntry('skipped "h": a hard link to "/etc/passwd", which is not in the image before it'),
    ],
    [
      'a hard link out of the image',
      { name: 'h', type: '1', linkname: '../../secret' },
      unsafeEntry('skipped "h": a hard link to "../../secret", which is not in the image before it'),
    ],
    [
      'a character device',
      { name: 'dev/null', type: '3' },
      unsafeEntry('skipped "dev/null": a character device is not supported'),
    ],
    [
      'a block device',
      { name: 'sda', type: '4' },
      unsafeEntry('skipped "sda": a block device is not supported'),
    ],
    ['a fifo', { name: 'pipe', type: '6' }, unsafeEntry('skipped "pipe": a fifo is not supported')],
    [
      'a GNU sparse file',
      { name: 'sparse', type: 'S' },
      unsafeEntry('skipped "sparse": a GNU sparse file is not supported'),
    ],
    [
      'an unknown type',
      { name: 'odd', type: 'Z' },
      unsafeEntry(`skipped "odd": tar entry type 'Z' is not supported`),
    ],
  ])('refuses %s', (_name, entry, message) => {
    expect(errorOf(zappOf(yamlEntry(), entry))).toBe(message);
  });

  it('refuses a pax or GNU long name that leaves the project', () => {
    const pax = (key: string, value: string) => {
      const body = ` ${key}=${value}\n`;
      let length = body.length + 2;
      if (`${length}${body}`.length !== length) length++;
      return `${length}${body}`;
    };
    expect(
      errorOf(
        zappOf(
          yamlEntry(),
          { name: 'PaxHeader', type: 'x', data: pax('path', '../../evil.c') },
          { name: 'safe.c', data: 'x' },
        ),
      ),
    ).toBe(unsafeEntry(`skipped "../../evil.c": its path contains '..', which could leave the image`));
    expect(
      errorOf(
        zappOf(
          yamlEntry(),
          { name: '././@LongLink', type: 'L', data: '../evil.c\0' },
          { name: 'safe.c', data: 'x' },
        ),
      ),
    ).toBe(unsafeEntry(`skipped "../evil.c": its path contains '..', which could leave the image`));
    expect(
      errorOf(
        zappOf(
          yamlEntry(),
          { name: 'PaxHeader', type: 'x', data: pax('linkpath', '/etc/shadow') },
          { name: 'l', type: '2' },
        ),
      ),
    ).toBe('This .zapp file holds a link ("l"), which a project cannot hold.');
  });

  it('copies a hard link to an earlier file, and keeps the last of duplicate entries', () => {
    const { project } = projectOf(
      zappOf(
        yamlEntry(),
        { name: 'a.c', data: 'first' },
        { name: 'b.c', type: '1', linkname: 'a.c' },
        { name: 'a.c', data: 'second' },
      ),
    );
    expect([text(project.files['a.c']), text(project.files['b.c'])]).toEqual(['second', 'first']);
  });

  it('refuses a name used as both file and folder', () => {
    expect(errorOf(zappOf(yamlEntry(), { name: 'src', data: 'x' }, { name: 'src/a.c', data: 'y' }))).toBe(
      'The .zapp file uses "src" both as a file and as a folder.',
    );
    expect(errorOf(zappOf(yamlEntry(), { name: 'src/', type: '5' }, { name: 'src', data: 'y' }))).toBe(
      'The .zapp file uses "src" both as a file and as a folder.',
    );
  });
});

describe('hostile .zapp: entry counts', () => {
  const many = (n: number, make: (i: number) => RawEntry) => Array.from({ length: n }, (_, i) => make(i));

  // Plain tars (import takes them too) keep these quick; the counts are the same gzipped.
  it('refuses 2001 files besides zapp.yaml and boot/system.map, or 4003 folders', () => {
    const system = { name: 'boot/system.map', data: '[]' };
    const files = (n: number) => many(n, (i) => ({ name: `f${i}` }));
    expect(errorOf(tarOf(yamlEntry(), system, ...files(2001)))).toBe(
      "The .zapp's project has more than 2000 files or folders, so it was not opened.",
    );
    expect(errorOf(tarOf(yamlEntry(), ...many(4003, (i) => ({ name: `d${i}/`, type: '5' }))))).toBe(
      "The .zapp's project has more than 2000 files or folders, so it was not opened.",
    );
    expect(errorOf(tarOf(yamlEntry(), ...many(2001, (i) => ({ name: `d${i}/`, type: '5' }))))).toBe(
      "The .zapp's project has more than 2000 folders, so it was not opened.",
    );
  });

  it('refuses 3000 hard links by the file count (links resolve in one pass, not a scan each)', () => {
    const bytes = zappOf(
      yamlEntry(),
      { name: 'f' },
      ...many(3000, (i) => ({ name: `h${i}`, type: '1', linkname: 'f' })),
    );
    expect(bytes.length).toBeLessThan(64 * 1024);
    expect(errorOf(bytes)).toBe(
      "The .zapp's project has more than 2000 files or folders, so it was not opened.",
    );
  });

  it('takes a few hard links', () => {
    const { project } = projectOf(
      zappOf(
        yamlEntry(),
        { name: 'f', data: 'x' },
        ...many(20, (i) => ({ name: `h${i}`, type: '1', linkname: 'f' })),
      ),
    );
    expect(Object.keys(project.files)).toHaveLength(22);
    expect(text(project.files.h19)).toBe('x');
  });

  it('refuses a playground section listing 2001 files', () => {
    const files = Array.from({ length: 2001 }, (_, i) => `f${i}`);
    expect(errorOf(withYaml(`playground:\n  version: 1\n  files: [${files.join(', ')}]\n`))).toBe(
      "The .zapp's project has more than 2000 files, so it was not opened.",
    );
  });
});

describe('hostile .zapp: zapp.yaml', () => {
  const malformed = (where: string, what: string) =>
    `The .zapp's zapp.yaml has a malformed playground section${where === '' ? '' : ` at ${where}`}: Invalid input: ${what}.`;
  const section = (more: string) => `playground:\n  version: 1\n  files: []\n${more}`;

  it.each([
    ['a list', '- a\n- b\n', "The .zapp's zapp.yaml is not a zapp description (expected a mapping)."],
    ['a number', '42\n', "The .zapp's zapp.yaml is not a zapp description (expected a mapping)."],
    ['a string', 'hello\n', "The .zapp's zapp.yaml is not a zapp description (expected a mapping)."],
    [
      'meta as a string',
      'meta: app\n',
      "The .zapp's zapp.yaml is not a zapp description (expected a mapping).",
    ],
    [
      'meta as a list',
      'meta: [a]\n',
      "The .zapp's zapp.yaml is not a zapp description (expected a mapping).",
    ],
    [
      'an unknown tag',
      'meta: !!js/function "function () {}"\n',
      "The .zapp's zapp.yaml is not a zapp description (expected a mapping).",
    ],
    ['playground: null', 'playground: null\n', malformed('', 'expected object, received null')],
    ['playground: a string', 'playground: all\n', malformed('', 'expected object, received string')],
    [
      'version missing',
      'playground:\n  files: []\n',
      malformed('version', 'expected number, received undefined'),
    ],
    [
      'version a string',
      'playground:\n  version: "1"\n  files: []\n',
      malformed('version', 'expected number, received string'),
    ],
    [
      'version a fraction',
      'playground:\n  version: 1.5\n  files: []\n',
      "The .zapp's zapp.yaml has a malformed playground section at version: Invalid input: expected int, received number.",
    ],
    [
      'files a map',
      'playground:\n  version: 1\n  files: {a: 1}\n',
      malformed('files', 'expected array, received object'),
    ],
    [
      'files of numbers',
      'playground:\n  version: 1\n  files: [1]\n',
      malformed('files.0', 'expected string, received number'),
    ],
    [
      'folders a string',
      section('  folders: out\n'),
      malformed('folders', 'expected array, received string'),
    ],
    [
      'openFile a number',
      section('  openFile: 3\n'),
      malformed('openFile', 'expected string, received number'),
    ],
    ['tabs a map', section('  tabs: {a: b}\n'), malformed('tabs', 'expected array, received object')],
    ['stdin a list', section('  stdin: [1]\n'), malformed('stdin', 'expected string, received array')],
    ['args a map', section('  args: {x: 1}\n'), malformed('args', 'expected string, received object')],
    ['env a boolean', section('  env: true\n'), malformed('env', 'expected string, received boolean')],
    [
      'a newer playground',
      'playground:\n  version: 2\n  files: []\n',
      'This .zapp was made by a newer version of ZeroVM Playground (v2); reload the page to update.',
    ],
    [
      'a listed file that leaves',
      section('').replace('[]', '["../zapp.yaml"]'),
      'The .zapp file lists "../zapp.yaml" but does not contain it.',
    ],
    [
      'a listed absolute file',
      section('').replace('[]', '["/zapp.yaml"]'),
      'The .zapp file lists "/zapp.yaml" but does not contain it.',
    ],
    [
      'a listed unsafe folder',
      section('  folders: ["a/../../b"]\n'),
      'The .zapp file has an unsafe folder path "a/../../b": it contains ".." (it would leave the project).',
    ],
    [
      'duplicate keys',
      'meta: {name: a}\nmeta: {name: b}\n',
      "The .zapp's zapp.yaml is not valid YAML: Map keys must be unique at line 2, column 1.",
    ],
    [
      'an unclosed list',
      'meta: [a, b\n',
      "The .zapp's zapp.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1.",
    ],
  ])('refuses %s', (_name, yaml, message) => {
    expect(errorOf(withYaml(yaml))).toBe(message);
  });

  it('refuses zapp.yaml that is not UTF-8', () => {
    expect(errorOf(zappOf({ name: 'zapp.yaml', data: new Uint8Array([0x6d, 0x3a, 0x20, 0xff, 0xfe]) }))).toBe(
      "The .zapp's zapp.yaml is not valid YAML: The encoded data was not valid for encoding utf-8.",
    );
  });

  it('refuses a billion laughs: 40 levels of doubling aliases', () => {
    const lines = ['l0: &l0 [lol, lol]'];
    for (let i = 1; i < 40; i++) lines.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    expect(errorOf(withYaml(lines.join('\n')))).toBe(
      "The .zapp's zapp.yaml is not valid YAML: Excessive alias count indicates a resource exhaustion attack.",
    );
  });

  it('refuses a list of a million items in a 20 KB .zapp before building it', () => {
    const bytes = withYaml(`playground: {version: 1, files: [${'a, '.repeat(1_000_000)}a]}\n`);
    expect(bytes.length).toBeLessThan(32 * 1024);
    expect(errorOf(bytes)).toBe("The .zapp's zapp.yaml is too large to read (over 100000 YAML tokens).");
  });

  it.each([
    ['flow collections', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['mixed flow collections', `a: ${'[{b: '.repeat(100)}1${'}]'.repeat(100)}\n`],
    ['compact block sequences', `a:\n  ${'- '.repeat(3000)}x\n`],
    [
      'indented block mappings',
      Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n',
    ],
  ])('refuses YAML nested too deeply (%s) with a sentence, not a stack overflow', (_name, yaml) => {
    expect(errorOf(withYaml(yaml))).toBe("The .zapp's zapp.yaml is nested too deeply (over 64 levels).");
  });

  it('reads back an ordinary export with 2100 folders and a long stdin', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 700; i++) files[`m${i}/src/lib/f.c`] = strToU8('x');
    const stdin = '- a: b, [c] {d}\n'.repeat(5000);
    const project: ShareProject = {
      files,
      folders: ['out'],
      openFile: null,
      tabs: [],
      stdin,
      args: '',
      env: '',
    };
    const back = projectOf(projectToZapp(project, 'big'));
    expect(Object.keys(back.project.files)).toHaveLength(700);
    expect(back.project.stdin).toBe(stdin);
  });

  it('keeps script in names as plain text and pollutes nothing with __proto__ keys', () => {
    const evil = '<img src=x onerror=alert(1)>.c';
    const yaml = [
      '__proto__: {polluted: 1}',
      'meta: {name: "<script>alert(1)</script>\\u0007", __proto__: {polluted: 1}}',
      'playground:',
      '  version: 1',
      `  files: ["${evil}", __proto__]`,
      `  openFile: "${evil}"`,
      '  __proto__: {files: [evil]}',
      'constructor: {prototype: {polluted: 1}}',
    ].join('\n');
    const { project, name } = projectOf(
      zappOf(yamlEntry(yaml), { name: evil, data: 'x' }, { name: '__proto__', data: 'p' }),
    );
    expect(name).toBe('<script>alert(1)</script>');
    expect(Object.keys(project.files).sort()).toEqual([evil, '__proto__'].sort());
    expect(project.openFile).toBe(evil);
    expect(text(project.files['__proto__'])).toBe('p');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names a nameless project after the file, without control characters', () => {
    expect(projectOf(withYaml('meta: {name: 7}\n'), 'My\u0000app\u202e.zapp').name).toBe('My app');
    expect(projectOf(withYaml('x: 1\n'), '\u0007.zapp').name).toBe('Imported project');
    expect(projectOf(withYaml(`meta: {name: ${'n'.repeat(500)}}\n`)).name).toBe('n'.repeat(80));
  });
});

describe('.zapp import properties', () => {
  /** zappToProject's answer is a safe project or a sentence; it never throws. */
  function importsSafely(bytes: Uint8Array): void {
    const result = zappToProject(bytes, 'fuzz.zapp');
    if (result.ok) {
      for (const path of [...Object.keys(result.project.files), ...result.project.folders])
        expect(sharePathProblem(path)).toBeNull();
    } else {
      expect(result.error).toMatch(/^(This|The) .+[.]$/s);
      expect(result.error).not.toMatch(/\[object |NaN/);
    }
  }

  const valid = projectToZapp(
    {
      files: { 'a.c': strToU8('int main(void) { return 0; }\n'), 'd/in.txt': strToU8('data\n') },
      folders: ['out'],
      openFile: 'a.c',
      tabs: ['a.c'],
      stdin: 'in',
      args: '-v',
      env: 'A=1',
    },
    'fuzz',
  );
  const validTar = tarOf(yamlEntry(), { name: 'a.c', data: 'int x;\n' }, { name: 'd/', type: '5' });

  it('never throws on arbitrary bytes, gzipped or not', () => {
    const bytes = fc.uint8Array({ maxLength: 1200 });
    fc.assert(
      fc.property(
        fc.oneof(
          bytes,
          bytes.map((b) => gzipSync(b, { level: 0 })),
        ),
        importsSafely,
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on a real .zapp or tar with bytes changed or cut', () => {
    const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        (gzipped, edits, cut) => {
          const bytes = (gzipped ? valid : validTar).slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          importsSafely(cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length));
        },
      ),
      { numRuns: YAML_RUNS },
    );
  });

  it('never throws on tar headers of arbitrary names, types, sizes and link targets', () => {
    const entry = fc.record({
      name: fc.string({ unit: 'binary', maxLength: 40 }),
      type: fc.constantFrom('0', '1', '2', '3', '5', '6', '7', 'x', 'L', 'K', 'g', 'S', '\0', 'Z'),
      data: fc.string({ maxLength: 60 }),
      linkname: fc.string({ maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), (entries) =>
        importsSafely(tarOf(yamlEntry(), ...entries)),
      ),
      { numRuns: YAML_RUNS },
    );
  });

  it('never throws on arbitrary zapp.yaml text', () => {
    const yamlish = fc.stringMatching(/^[-a-z0-9 :[\]{},&*!|>"'#\n]{0,80}$/);
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 80 })), (yaml) =>
        importsSafely(tarOf(yamlEntry(yaml))),
      ),
      { numRuns: YAML_RUNS },
    );
  });
});
