import { deflateSync, strToU8 } from 'fflate';
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildTree, visibleItems } from '../components/FileTree/build-tree.ts';
import { TreeItem } from '../components/FileTree/TreeItem.tsx';
import { hasShareLink, readLaunchOptions } from './launch-options.ts';
import { decodeShare, encodeShare, sharePathProblem, toBase64Url } from './share-codec.ts';
import type { ShareProject } from './share-codec.ts';

// Issue 9, hostile inputs: share links. Every refusal is a specific sentence, and nothing throws.

const MB = 1024 * 1024;
const RUNS = 3000;

/** A v1 fragment holding any JSON text or value; stored uncompressed unless `level` says otherwise (it is faster). */
function linkOf(value: unknown, level: 0 | 9 = 0): string {
  const json = typeof value === 'string' ? value : JSON.stringify(value);
  return `p=1.${toBase64Url(deflateSync(strToU8(json), { level }))}`;
}

/** A well-formed payload with some fields replaced. */
function payloadWith(overrides: Record<string, unknown>): Record<string, unknown> {
  return { files: [], folders: [], openFile: null, stdin: '', args: '', env: '', ...overrides };
}

/** The payload of one text file at `path`. */
const oneFile = (path: string) => payloadWith({ files: [{ path, text: 'x' }] });

function errorOf(fragment: string): string {
  const result = decodeShare(fragment);
  if (result.ok) throw new Error(`expected the link to be refused, got ${JSON.stringify(result.project)}`);
  return result.error;
}

function projectOf(fragment: string): ShareProject {
  const result = decodeShare(fragment);
  if (!result.ok) throw new Error(result.error);
  return result.project;
}

const plain = (project: ShareProject) => ({ ...project, files: Object.keys(project.files) });

/** A test name for a path: quoted, escapes for anything outside printable ASCII, long ones cut. */
function label(path: string): string {
  const shown = JSON.stringify(path.length > 40 ? `${path.slice(0, 20)}...(${path.length})` : path);
  return shown.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The tags of React's static markup and their attribute names; React escapes `"` and `<` in text and values. */
function tagsOf(html: string): Array<{ name: string; attributes: string[] }> {
  return [...html.matchAll(/<([a-z][\w-]*)([^>]*)>/gi)].map(([, name, rest]) => ({
    name: name!.toLowerCase(),
    attributes: [...rest!.matchAll(/\s([^\s=/>]+)(?:="[^"]*")?/g)].map(([, attribute]) => attribute!),
  }));
}

describe('hostile share links: the link itself', () => {
  const valid = encodeShare({
    files: { 'main.c': strToU8('int main(void) { return 0; }\n'.repeat(40)) },
    folders: [],
    openFile: 'main.c',
    tabs: ['main.c'],
    stdin: '',
    args: '',
    env: '',
  });
  const body = valid.slice(4);
  const standardBase64 = Buffer.from(deflateSync(strToU8(JSON.stringify(payloadWith({}))))).toString(
    'base64',
  );

  it('builds its standard-base64 case with characters base64url lacks', () => {
    expect(standardBase64).toMatch(/[+/=]/);
  });

  it.each([
    ['version 0', 'p=0.AAAA', 'This is not a ZeroVM Playground share link (unknown link format v0).'],
    [
      'a newer version',
      `p=2.${body}`,
      'This link was made by a newer version of ZeroVM Playground (v2); reload the page to update.',
    ],
    [
      'a version past 32 bits',
      'p=9999999999.AAAA',
      'This is not a ZeroVM Playground share link (unknown link format).',
    ],
    ['a negative version', 'p=-1.AAAA', 'This is not a ZeroVM Playground share link (unknown link format).'],
    ['no version dot', `p=1${body}`, 'This is not a ZeroVM Playground share link (unknown link format).'],
    [
      'another parameter only',
      '#x=1&q=1.abc',
      'This is not a ZeroVM Playground share link (unknown link format).',
    ],
    [
      'an empty first p=',
      `#p=1.&p=${valid.slice(2)}`,
      'The link has no project in it; was it cut off when copied?',
    ],
    [
      'padding',
      `${valid}==`,
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    [
      'standard base64 (with "=" padding)',
      `p=1.${standardBase64}`,
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    [
      'a space',
      `p=1.${body.slice(0, 8)} ${body.slice(8)}`,
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    [
      'percent-encoding',
      `p=1.%41%41${body}`,
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    [
      'non-ASCII',
      `p=1.ÅÅÅÅ`,
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    [
      'NUL',
      `p=1.AA\u0000A`,
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    [
      'an impossible length',
      `p=1.${body.slice(0, 4 * 10 + 1)}`,
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    ['truncated deflate', `p=1.${body.slice(0, 40)}`, 'The link is incomplete; was it cut off when copied?'],
    [
      'a zlib header (not raw deflate)',
      `p=1.${toBase64Url(new Uint8Array([0x78, 0x9c, ...deflateSync(strToU8('{}'))]))}`,
      'The link is incomplete; was it cut off when copied?',
    ],
    [
      'random bytes',
      `p=1.${toBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x13, 0x37]))}`,
      'The link is damaged: its data could not be decompressed.',
    ],
    [
      'deflate of nothing',
      `p=1.${toBase64Url(deflateSync(new Uint8Array(0)))}`,
      'The link is damaged: its contents are not a project.',
    ],
    [
      'deflate of C source',
      linkOf('int main() { return 0; }'),
      'The link is damaged: its contents are not a project.',
    ],
    [
      'deflate of half a JSON',
      linkOf('{"files": [{"path": "a"'),
      'The link is damaged: its contents are not a project.',
    ],
    [
      'deflate of UTF-16',
      `p=1.${toBase64Url(deflateSync(new Uint8Array([0xff, 0xfe, 0x7b, 0, 0x7d, 0])))}`,
      'The link is damaged: its contents are not a project.',
    ],
  ])('refuses %s', (_name, fragment, message) => {
    expect(errorOf(fragment)).toBe(message);
  });

  it('refuses a link over 2 MB unread, and reads one of exactly 2 MB', () => {
    const limit = 2 * MB;
    expect(errorOf(`p=1.${'A'.repeat(limit - 3)}`)).toBe('This share link is too long to open (over 2 MB).');
    // 'A' * n decodes to zero bytes, an empty stored block with no end: it got past the length check.
    expect(errorOf(`p=1.${'A'.repeat(limit - 4)}`)).toBe(
      'The link is incomplete; was it cut off when copied?',
    );
  });

  it('refuses a deflate bomb (17 KB expanding past 16 MB) with the cap in the message', () => {
    const bomb = deflateSync(new Uint8Array(17 * MB), { level: 1 });
    expect(bomb.length).toBeLessThan(32 * 1024);
    expect(errorOf(`p=1.${toBase64Url(bomb)}`)).toBe(
      'The link expands to more than 16 MB, so it was not opened.',
    );
  });

  it('opens a link with a byte-order mark or junk after the deflate stream as the project it holds', () => {
    expect(projectOf(linkOf(`\ufeff${JSON.stringify(oneFile('a.c'))}`)).files).toEqual({
      'a.c': strToU8('x'),
    });
    const withTail = new Uint8Array([...deflateSync(strToU8(JSON.stringify(oneFile('a.c')))), 1, 2, 3]);
    expect(Object.keys(projectOf(`p=1.${toBase64Url(withTail)}`).files)).toEqual(['a.c']);
  });
});

describe('hostile share links: JSON of the wrong shape', () => {
  const malformed = (where: string, what: string) =>
    `The link's project is malformed${where === '' ? '' : ` at ${where}`}: Invalid input: ${what}.`;
  it.each([
    ['null', null, '', 'expected object, received null'],
    ['a number', 42, '', 'expected object, received number'],
    ['a string', '"project"', '', 'expected object, received string'],
    ['true', true, '', 'expected object, received boolean'],
    ['an array', [payloadWith({})], '', 'expected object, received array'],
    ['files: an object', payloadWith({ files: { 'a.c': 'x' } }), 'files', 'expected array, received object'],
    ['files: null', payloadWith({ files: null }), 'files', 'expected array, received null'],
    ['files: a string', payloadWith({ files: 'a.c' }), 'files', 'expected array, received string'],
    ['a file: a string', payloadWith({ files: ['a.c'] }), 'files[0]', 'expected object, received string'],
    ['a file: null', payloadWith({ files: [null] }), 'files[0]', 'expected object, received null'],
    [
      'a file: an array',
      payloadWith({ files: [['a.c', 'x']] }),
      'files[0]',
      'expected object, received array',
    ],
    [
      'a path: a number',
      payloadWith({ files: [{ path: 1, text: '' }] }),
      'files[0].path',
      'expected string, received number',
    ],
    [
      'a path: null',
      payloadWith({ files: [{ path: null, text: '' }] }),
      'files[0].path',
      'expected string, received null',
    ],
    [
      'a path: missing',
      payloadWith({ files: [{ text: '' }] }),
      'files[0].path',
      'expected string, received undefined',
    ],
    [
      'a path: an array',
      payloadWith({ files: [{ path: ['..', 'x'], text: '' }] }),
      'files[0].path',
      'expected string, received array',
    ],
    [
      'text: a number',
      payloadWith({ files: [{ path: 'a', text: 1 }] }),
      'files[0].text',
      'expected string, received number',
    ],
    [
      'text: an object',
      payloadWith({ files: [{ path: 'a', text: {} }] }),
      'files[0].text',
      'expected string, received object',
    ],
    [
      'base64: a boolean',
      payloadWith({ files: [{ path: 'a', base64: true }] }),
      'files[0].base64',
      'expected string, received boolean',
    ],
    ['folders: a string', payloadWith({ folders: 'out' }), 'folders', 'expected array, received string'],
    [
      'folders: missing',
      { ...payloadWith({}), folders: undefined },
      'folders',
      'expected array, received undefined',
    ],
    ['a folder: a number', payloadWith({ folders: [7] }), 'folders[0]', 'expected string, received number'],
    ['openFile: a number', payloadWith({ openFile: 0 }), 'openFile', 'expected string, received number'],
    ['openFile: an array', payloadWith({ openFile: ['a'] }), 'openFile', 'expected string, received array'],
    [
      'openFile: missing',
      { ...payloadWith({}), openFile: undefined },
      'openFile',
      'expected string, received undefined',
    ],
    ['tabs: a string', payloadWith({ tabs: 'a' }), 'tabs', 'expected array, received string'],
    ['a tab: a number', payloadWith({ tabs: [1] }), 'tabs[0]', 'expected string, received number'],
    ['stdin: a number', payloadWith({ stdin: 1 }), 'stdin', 'expected string, received number'],
    ['stdin: null', payloadWith({ stdin: null }), 'stdin', 'expected string, received null'],
    ['args: an array', payloadWith({ args: ['-v'] }), 'args', 'expected string, received array'],
    ['env: an object', payloadWith({ env: { A: '1' } }), 'env', 'expected string, received object'],
  ])('refuses %s', (_name, value, where, what) => {
    expect(errorOf(linkOf(value))).toBe(malformed(where, what));
  });

  it.each([
    ['neither text nor base64', { path: 'a' }],
    ['both text and base64', { path: 'a', text: '', base64: '' }],
  ])('refuses a file with %s', (_name, file) => {
    expect(errorOf(linkOf(payloadWith({ files: [file] })))).toBe(
      `The link's project is malformed at files[0]: needs exactly one of "text" or "base64".`,
    );
  });

  it('refuses damaged base64 contents, naming the file', () => {
    expect(errorOf(linkOf(payloadWith({ files: [{ path: 'a.bin', base64: 'AA==' }] })))).toBe(
      `The link's contents for "a.bin" are damaged (bad base64).`,
    );
  });
});

describe('hostile share links: paths', () => {
  const deep33 = Array.from({ length: 33 }, (_, i) => `d${i}`).join('/');
  const deep32 = Array.from({ length: 32 }, (_, i) => `d${i}`).join('/');
  const unsafe = (path: string, why: string) =>
    `The link has an unsafe file path ${JSON.stringify(path.length > 80 ? `${path.slice(0, 77)}...` : path)}: it ${why}.`;
  const LEAVES = 'contains ".." (it would leave the project)';
  const DOT = 'contains a "." segment';
  const EMPTY = 'has an empty segment ("//" or a trailing "/")';
  const ABSOLUTE = 'is absolute (starts with "/")';
  const BACKSLASH = 'contains "\\" (paths are separated by "/")';
  const CONTROL = 'contains a control character';

  it.each(
    [
      ['../x', LEAVES],
      ['..', LEAVES],
      ['a/../../b', LEAVES],
      ['a/b/..', LEAVES],
      ['/etc/passwd', ABSOLUTE],
      ['//server/share', ABSOLUTE],
      ['..\\..\\windows\\win.ini', BACKSLASH],
      ['C:\\x', BACKSLASH],
      ['a\\b', BACKSLASH],
      ['a\u0000b', CONTROL],
      ['a\nb', CONTROL],
      ['a\u007fb', CONTROL],
      ['a\u0085b', CONTROL],
      ['a\u2028b', CONTROL],
      ['txt.\u202eexe', CONTROL],
      ['a\u2066b', CONTROL],
      ['', 'is empty'],
      ['a//b', EMPTY],
      ['a/', EMPTY],
      ['.', DOT],
      ['./a', DOT],
      ['a/./b', DOT],
      ['a/.', DOT],
      ['a\ud800b', 'is not valid Unicode'],
      [deep33, 'is nested more than 32 levels deep'],
      ['a'.repeat(4097), 'is longer than 4096 characters'],
    ].map(([path, why]) => [label(path!), path!, why!]),
  )('refuses the file path %s', (_label, path, why) => {
    expect(errorOf(linkOf(oneFile(path)))).toBe(unsafe(path, why));
  });

  it.each(
    [
      ['../x', LEAVES],
      ['/tmp', ABSOLUTE],
      ['a\\..', BACKSLASH],
      ['a/./b', DOT],
      ['x\u0000', CONTROL],
    ].map(([path, why]) => [label(path!), path!, why!]),
  )('refuses the folder path %s', (_label, path, why) => {
    expect(errorOf(linkOf(payloadWith({ folders: [path] })))).toBe(
      `The link has an unsafe folder path ${JSON.stringify(path)}: it ${why}.`,
    );
  });

  it('takes 32 levels, names with dots and colons, and the longest path', () => {
    for (const path of [deep32, '..a', 'a..', '...', '.hidden/x', 'C:/x', 'a:b', 'a'.repeat(4096)])
      expect(Object.keys(projectOf(linkOf(oneFile(path))).files)).toEqual([path]);
  });

  it('drops an open file or tabs that escape or are missing, instead of opening them', () => {
    const project = projectOf(
      linkOf(
        payloadWith({ files: [{ path: 'a.c', text: '' }], openFile: '../a.c', tabs: ['/a.c', 'a.c', 'b'] }),
      ),
    );
    expect(project.openFile).toBeNull();
    expect(project.tabs).toEqual(['a.c']);
  });

  it('refuses duplicate paths and a path used as both file and folder', () => {
    const files = (...paths: string[]) => paths.map((path) => ({ path, text: '' }));
    expect(errorOf(linkOf(payloadWith({ files: files('a.c', 'b.c', 'a.c') })))).toBe(
      'The link lists the file "a.c" twice.',
    );
    expect(errorOf(linkOf(payloadWith({ files: files('src', 'src/main.c') })))).toBe(
      'The link uses "src" both as a file and as a folder.',
    );
    expect(errorOf(linkOf(payloadWith({ files: files('src/main.c', 'src') })))).toBe(
      'The link uses "src" both as a file and as a folder.',
    );
    expect(errorOf(linkOf(payloadWith({ files: files('out'), folders: ['out'] })))).toBe(
      'The link uses "out" both as a file and as a folder.',
    );
    expect(errorOf(linkOf(payloadWith({ files: files('out'), folders: ['out/logs/x'] })))).toBe(
      'The link uses "out" both as a file and as a folder.',
    );
    const project = projectOf(
      linkOf(payloadWith({ files: files('a.c'), folders: ['d', 'd'], tabs: ['a.c', 'a.c'] })),
    );
    expect([project.folders, project.tabs]).toEqual([['d'], ['a.c']]);
  });
});

describe('hostile share links: counts', () => {
  const files = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `f${i}`, text: '' }));

  it('takes 2000 files and refuses 2001', () => {
    expect(Object.keys(projectOf(linkOf(payloadWith({ files: files(2000) }))).files)).toHaveLength(2000);
    expect(errorOf(linkOf(payloadWith({ files: files(2001) })))).toBe(
      'The shared project has more than 2000 files, so it was not opened.',
    );
  });

  it('refuses a small link listing 200 000 files, 2001 folders or 201 tabs', () => {
    const many = linkOf(payloadWith({ files: Array(200_000).fill({ path: 'a', text: '' }) }), 9);
    expect(many.length).toBeLessThan(64 * 1024);
    expect(errorOf(many)).toBe('The shared project has more than 2000 files, so it was not opened.');
    const names = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);
    expect(errorOf(linkOf(payloadWith({ folders: names(2001) })))).toBe(
      'The shared project has more than 2000 folders, so it was not opened.',
    );
    expect(errorOf(linkOf(payloadWith({ tabs: names(201) })))).toBe(
      'The shared project has more than 200 open tabs, so it was not opened.',
    );
  });

  it('counts before checking shapes: 2001 junk files are refused as too many', () => {
    expect(errorOf(linkOf(payloadWith({ files: Array(2001).fill(7) })))).toBe(
      'The shared project has more than 2000 files, so it was not opened.',
    );
  });
});

describe('hostile share links: script and prototype keys', () => {
  const evil = '<img src=x onerror=alert(1)>.c';

  it('keeps a file named like markup as a plain name, and the file tree shows it as text', () => {
    const project = projectOf(
      linkOf(
        payloadWith({
          files: [{ path: `src/${evil}`, text: '<script>alert(1)</script>' }],
          openFile: `src/${evil}`,
        }),
      ),
    );
    expect(Object.keys(project.files)).toEqual([`src/${evil}`]);
    expect(project.openFile).toBe(`src/${evil}`);
    const items = visibleItems(buildTree(Object.keys(project.files), project.folders), new Set());
    const file = items.find((item) => item.node.kind === 'file')!;
    const noop = () => {};
    const html = renderToStaticMarkup(
      createElement(TreeItem, {
        item: file,
        expanded: false,
        active: true,
        tabStop: true,
        ghost: false,
        dropTarget: false,
        menuItems: [],
        menuOpen: false,
        onMenuOpenChange: noop,
        onActivate: noop,
        onFocusItem: noop,
        itemRef: noop,
      }),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.c');
    expect(tagsOf(html).map((tag) => tag.name)).toEqual(['li', 'span', 'span', 'span', 'button', 'span']);
    expect(tagsOf(html).flatMap((tag) => tag.attributes)).not.toContainEqual(expect.stringMatching(/^on/i));
  });

  it('ignores __proto__ and constructor keys in the JSON and pollutes nothing', () => {
    const json =
      '{"files":[{"path":"a.c","text":"x","__proto__":{"base64":"AA","polluted":1}}],"folders":[],' +
      '"openFile":"a.c","stdin":"","args":"","env":"","__proto__":{"polluted":1,"tabs":["evil"]},' +
      '"constructor":{"prototype":{"polluted":1}}}';
    expect(plain(projectOf(linkOf(json)))).toEqual({
      files: ['a.c'],
      folders: [],
      openFile: 'a.c',
      tabs: ['a.c'],
      stdin: '',
      args: '',
      env: '',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).tabs).toBeUndefined();
  });

  it('keeps files named after Object.prototype members as ordinary files', () => {
    const names = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'prototype/x',
      'valueOf/__proto__',
    ];
    const project = projectOf(
      linkOf(payloadWith({ files: names.map((path) => ({ path, text: path })), openFile: 'toString' })),
    );
    expect(Object.keys(project.files).sort()).toEqual([...names].sort());
    expect(new TextDecoder().decode(project.files['__proto__']!)).toBe('__proto__');
    expect(project.openFile).toBe('toString');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    // A folder named like a prototype member is refused only when it clashes with a file.
    expect(projectOf(linkOf(payloadWith({ folders: ['constructor'] }))).folders).toEqual(['constructor']);
  });
});

describe('hostile launch options', () => {
  const flags = (search: string) => {
    const { embed, readOnly, autorun } = readLaunchOptions({ search, hash: '' });
    return [embed, readOnly, autorun];
  };

  it.each([
    ['?embed=1&readonly=1&autorun=1', [true, true, true]],
    ['?embed', [true, false, false]],
    ['?embed=&readonly=&autorun=', [true, true, true]],
    ['?embed=yes&readonly=banana&autorun=%3Cscript%3E', [true, true, true]],
    ['?embed=1&readonly=no&autorun=off', [true, false, false]],
    ['?embed=1&readonly=FALSE&autorun=%20Off%20', [true, false, false]],
    ['?embed=0&readonly=1&autorun=1', [false, false, false]],
    ['?embed=false&autorun=1', [false, false, false]],
    ['?autorun=1&readonly=1', [false, false, false]],
    ['?embed=1&embed=0', [true, false, false]],
    ['?embed=0&embed=1', [false, false, false]],
    ['?EMBED=1&AUTORUN=1', [false, false, false]],
    ['?embed%3D1', [false, false, false]],
    ['?__proto__=1&constructor=1&toString=1', [false, false, false]],
    ['embed=1&autorun=1', [true, false, true]],
  ])('reads %j', (search, expected) => {
    expect(flags(search)).toEqual(expected);
  });

  it('reads a query of 10 000 junk parameters', () => {
    expect(flags(`?${'x=1&'.repeat(10_000)}embed=1&autorun=%00`)).toEqual([true, false, true]);
  });

  it('hands any fragment to decodeShare as text, which refuses junk in words', () => {
    const { hash } = readLaunchOptions({ search: '?embed=1', hash: '#p=1.<script>alert(1)</script>' });
    expect(hash).toBe('p=1.<script>alert(1)</script>');
    expect(hasShareLink(hash)).toBe(true);
    expect(errorOf(hash)).toBe(
      'The link is damaged: it contains characters that cannot be part of a share link.',
    );
    expect(hasShareLink('#xp=1.abc&top=1')).toBe(false);
    expect(hasShareLink('#p=')).toBe(true);
    expect(errorOf('#p=')).toBe('This is not a ZeroVM Playground share link (unknown link format).');
  });
});

describe('share decoding properties', () => {
  const alphabet = fc.constantFrom(
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
  );
  const base64url = fc.array(alphabet, { maxLength: 200 }).map((chars) => chars.join(''));

  /** decodeShare's answer is a safe project or a non-empty sentence; it never throws. */
  function decodesSafely(fragment: string): void {
    const result = decodeShare(fragment);
    if (result.ok) {
      for (const path of [...Object.keys(result.project.files), ...result.project.folders])
        expect(sharePathProblem(path)).toBeNull();
    } else {
      expect(result.error).toMatch(/^[A-Z].*[.?]$/s);
      expect(result.error).not.toMatch(/\[object |NaN/);
    }
  }

  it('never throws on arbitrary strings, with or without a p=1. prefix', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          base64url.map((s) => `p=1.${s}`),
        ),
        decodesSafely,
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on deflated arbitrary bytes or JSON', () => {
    const deflated = (bytes: Uint8Array) => `p=1.${toBase64Url(deflateSync(bytes, { level: 0 }))}`;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map(deflated),
          fc.json({ maxDepth: 3 }).map((json) => linkOf(json)),
          fc.jsonValue({ maxDepth: 3 }).map((value) => linkOf(payloadWith({ files: value }))),
        ),
        decodesSafely,
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on payloads with arbitrary values in every field', () => {
    const value = fc.oneof(
      fc.string(),
      fc.jsonValue({ maxDepth: 2 }),
      fc.array(fc.string(), { maxLength: 4 }),
    );
    const file = fc.record(
      {
        path: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
        text: value,
        base64: fc.oneof(base64url, value),
      },
      { requiredKeys: [] },
    );
    const payload = fc.record(
      {
        files: fc.oneof(fc.array(file, { maxLength: 5 }), value),
        folders: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), value),
        openFile: fc.oneof(fc.string(), fc.constant(null), value),
        tabs: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), value),
        stdin: value,
        args: value,
        env: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(payload, (p) => decodesSafely(linkOf(p))),
      { numRuns: RUNS },
    );
  });

  it('never throws on a real link with characters changed, dropped or added', () => {
    const link = encodeShare({
      files: { 'a.c': strToU8('int main(void) { return 0; }\n'), 'd/b.bin': new Uint8Array([0, 1, 2]) },
      folders: ['out'],
      openFile: 'a.c',
      tabs: ['a.c'],
      stdin: 'in',
      args: '',
      env: '',
    });
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let s = link;
        for (const [at, drop, add] of edits) {
          const i = 4 + (at % (s.length - 3));
          s = s.slice(0, i) + add + s.slice(i + drop);
        }
        decodesSafely(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips arbitrary valid projects', () => {
    const segment = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 6 })
      .filter((s) => sharePathProblem(s) === null && !s.includes('/'));
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 24 }), fc.string({ maxLength: 24 }).map(strToU8));
    const project = fc
      .record({
        entries: fc.array(fc.tuple(path, bytes), { maxLength: 5 }),
        folders: fc.uniqueArray(path, { maxLength: 3 }),
        open: fc.nat(),
        stdin: fc.string({ maxLength: 20 }),
        args: fc.string({ maxLength: 20 }),
        env: fc.string({ maxLength: 20 }),
      })
      .map(({ entries, folders, open, stdin, args, env }): ShareProject => {
        const files: Record<string, Uint8Array> = Object.create(null);
        const clash = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
        for (const [p, data] of entries)
          if (!Object.keys(files).some((other) => clash(p, other))) files[p] = data;
        const names = Object.keys(files);
        const openFile = names.length === 0 ? null : names[open % names.length]!;
        const kept = folders.filter((f) => !names.some((n) => n === f || f.startsWith(`${n}/`)));
        return {
          files,
          folders: kept,
          openFile,
          tabs: openFile === null ? [] : [openFile],
          stdin,
          args,
          env,
        };
      });
    fc.assert(
      fc.property(project, (p) => {
        expect(decodeShare(encodeShare(p))).toEqual({ ok: true, project: p });
      }),
      { numRuns: 1500 },
    );
  });
});
