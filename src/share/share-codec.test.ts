import { Deflate, deflateSync, strToU8 } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  fromBase64Url,
  inflateCapped,
  sharePathProblem,
  shareLinkTooLong,
  toBase64Url,
} from './share-codec.ts';
import type { ShareProject } from './share-codec.ts';

const project: ShareProject = {
  files: {
    'main.c': strToU8('#include <stdio.h>\nint main(void) { puts("héllo"); return 0; }\n'),
    'manifest.zvm': strToU8('Program=main.wasm\nChannel=/dev/stdin,/dev/stdin,0,0,1000,1000000,0,0\n'),
    'data/ünïcode 名前 🚀.txt': strToU8('ünïcode\n'),
    'data/blob.bin': new Uint8Array([0, 1, 2, 255, 254, 0x80, 0]),
    'bom.txt': new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]),
    'empty.txt': new Uint8Array(0),
  },
  folders: ['out', 'deep/er/still-empty', 'data'],
  openFile: 'main.c',
  tabs: ['manifest.zvm', 'main.c'],
  stdin: 'line one\nline two\n',
  args: '--verbose 3',
  env: 'LANG=C.UTF-8\nNAME=zvm',
};

/** A fragment holding any JSON value, for hostile-shape tests. */
function linkOf(value: unknown, version = 1): string {
  const json = typeof value === 'string' ? value : JSON.stringify(value);
  return `p=${version}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

function payloadWith(overrides: Record<string, unknown>): Record<string, unknown> {
  return { files: [], folders: [], openFile: null, stdin: '', args: '', env: '', ...overrides };
}

function errorOf(fragment: string): string {
  const result = decodeShare(fragment);
  if (result.ok) throw new Error('expected the link to be refused');
  return result.error;
}

// Encoded once by encodeShare (v1); later versions must keep opening it.
const FROZEN_V1 =
  'p=1.TY6xCsJAEER_5dhKIUQFEYlYaGFtKajFJbfRg7gX7jZBCPdn6fJjbixCupnhDTMdlLbCANm9g1rzGzLILaVGMySQ64C7rUSn6_4MMZmQjxamEILxy-ItsRqzReusWapOeeTGk1ofVHzQvBl8sRr6lKU2tYce4jOB0lUG_XgFXMMgiauRLnJvvhjYWPpPitH-JTxolYtBakXfjhuIPw';

// Encoded by encodeShare once tabs were shared (still v1: an additive field).
const FROZEN_V1_TABS =
  'p=1.XU6xCsJQDPyVkEmhFFwrrs7u6hBtWh_05ZW8tAql_-7LYsHtLneXuwW7MHDG5rrgSPbCBql-YoXGHyskiEGkILs5hXYPCyjbpAKHI6w3wbX6xXSSOpKEjrNt-YumXinCCah-U46euVfYpaFl9dpC0shyLiu2bnq49P_SxWLP1gYpXr9oX4yOWGYH6xc';

// eslint-disable-next-line no-control-regex -- generated names must avoid separators and control characters
const NOT_IN_NAMES = /[/\\\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/;

describe('share codec', () => {
  it('round-trips a realistic project (text, binary, BOM, empty, unicode names, folders)', () => {
    const fragment = encodeShare(project);
    expect(fragment).toMatch(/^p=1\.[A-Za-z0-9_-]+$/);
    expect(decodeShare(fragment)).toEqual({ ok: true, project });
    expect(decodeShare(`#${fragment}`)).toEqual({ ok: true, project });
    expect(decodeShare(`#embed=1&${fragment}`)).toEqual({ ok: true, project });
  });

  it('stores text files as text and the rest as base64', () => {
    const json = new TextDecoder().decode(
      (inflateCapped(fromBase64Url(encodeShare(project).slice(4))!, 1e6) as { bytes: Uint8Array }).bytes,
    );
    const files = (JSON.parse(json) as { files: Array<Record<string, string>> }).files;
    expect(files.find((f) => f.path === 'main.c')).toHaveProperty('text');
    expect(files.find((f) => f.path === 'bom.txt')?.text).toBe('\ufeffhi');
    expect(files.find((f) => f.path === 'data/blob.bin')).toEqual({
      path: 'data/blob.bin',
      base64: 'AAEC__6AAA',
    });
  });

  it('keeps opening the frozen v1 link', () => {
    expect(decodeShare(FROZEN_V1)).toEqual({
      ok: true,
      project: {
        files: {
          'main.c': strToU8('int main(void) { return 0; }\n'),
          'src/ü.txt': strToU8('ü'),
          'bin.dat': new Uint8Array([0, 255, 1]),
        },
        folders: ['out'],
        openFile: 'main.c',
        tabs: ['main.c'],
        stdin: 'in',
        args: 'a b',
        env: 'X=1',
      },
    });
  });

  it('keeps opening a frozen v1 link that lists the open tabs', () => {
    expect(decodeShare(FROZEN_V1_TABS)).toEqual({
      ok: true,
      project: {
        files: {
          'a.c': strToU8('int main(void) { return 1; }\n'),
          'run.manifest': strToU8('Program = a.wasm\n'),
        },
        folders: [],
        openFile: 'a.c',
        tabs: ['run.manifest', 'a.c'],
        stdin: '',
        args: '',
        env: '',
      },
    });
  });

  it('drops an openFile and tabs that are not among the files, and keeps the open file a tab', () => {
    const result = decodeShare(encodeShare({ ...project, openFile: 'missing.c', tabs: ['gone', 'main.c'] }));
    expect(result.ok && result.project.openFile).toBeNull();
    expect(result.ok && result.project.tabs).toEqual(['main.c']);
    const noTabs = decodeShare(encodeShare({ ...project, tabs: [] }));
    expect(noTabs.ok && noTabs.project.tabs).toEqual(['main.c']);
  });

  it('decode(encode(p)) equals p for random projects', () => {
    const segment = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 8 })
      .filter((s) => s !== '.' && s !== '..' && !NOT_IN_NAMES.test(s));
    const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string().map((s) => strToU8(s)),
    );
    const arbitraryProject = fc
      .record({
        entries: fc.array(fc.tuple(path, bytes), { maxLength: 12 }),
        folders: fc.uniqueArray(path, { maxLength: 4 }),
        pickOpen: fc.nat(),
        pickTabs: fc.array(fc.nat(), { maxLength: 4 }),
        stdin: fc.string(),
        args: fc.string(),
        env: fc.string(),
      })
      .map(({ entries, folders, pickOpen, pickTabs, stdin, args, env }): ShareProject => {
        // Keep only a consistent tree: no duplicates, no path that is both a file and a folder.
        const files: Record<string, Uint8Array> = Object.create(null);
        const isUnder = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
        for (const [p, data] of entries)
          if (!Object.keys(files).some((other) => isUnder(p, other))) files[p] = data;
        const names = Object.keys(files);
        const keptFolders = folders.filter((f) => !names.some((n) => n === f || f.startsWith(`${n}/`)));
        const openFile = names.length === 0 ? null : (names[pickOpen % names.length] ?? null);
        const tabs = [...new Set(pickTabs.map((i) => names[i % names.length]!).filter(Boolean))];
        if (openFile !== null && !tabs.includes(openFile)) tabs.push(openFile);
        return { files, folders: keptFolders, openFile, tabs, stdin, args, env };
      });
    fc.assert(
      fc.property(arbitraryProject, (p) => {
        expect(decodeShare(encodeShare(p))).toEqual({ ok: true, project: p });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `p=1.${s}`),
        ),
        (s) => {
          expect(decodeShare(s).ok).toBe(false);
        },
      ),
    );
    expect(decodeShare(undefined as unknown as string).ok).toBe(false);
  });

  it('flags links over ~8 KB as too long', () => {
    expect(shareLinkTooLong(encodeShare(project))).toBe(false);
    expect(shareLinkTooLong(`p=1.${'A'.repeat(9000)}`)).toBe(true);
  });
});

describe('hostile share links', () => {
  it.each([
    ['empty', '', 'The link has no project in it.'],
    ['just a hash', '#', 'The link has no project in it.'],
    ['not a share link', '#section-2', 'This is not a ZeroVM Playground share link (unknown link format).'],
    ['no version', 'p=abc', 'This is not a ZeroVM Playground share link (unknown link format).'],
    ['version 0', 'p=0.AAAA', 'This is not a ZeroVM Playground share link (unknown link format v0).'],
    [
      'newer version',
      'p=2.AAAA',
      'This link was made by a newer version of ZeroVM Playground (v2); reload the page to update.',
    ],
    ['no payload', 'p=1.', 'The link has no project in it; was it cut off when copied?'],
    [
      'bad base64',
      'p=1.ab+c/d==',
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    [
      'impossible base64 length',
      'p=1.abcde',
      'The link is damaged: it contains characters that cannot be part of a share link.',
    ],
    ['garbage', 'p=1.____garbage_not_deflate_', 'The link is damaged: its data could not be decompressed.'],
    ['deflated non-JSON', linkOf('int main() {}'), 'The link is damaged: its contents are not a project.'],
    [
      'deflated non-UTF-8',
      `p=1.${toBase64Url(deflateSync(new Uint8Array([0xff, 0xfe])))}`,
      'The link is damaged: its contents are not a project.',
    ],
  ])('%s', (_name, fragment, message) => {
    expect(errorOf(fragment)).toBe(message);
  });

  it('truncated', () => {
    const fragment = encodeShare(project);
    const cut = fragment.slice(0, 4 + Math.floor((fragment.length - 4) / 8) * 4);
    expect(errorOf(cut)).toBe('The link is incomplete; was it cut off when copied?');
  });

  it('refuses a link over 2 MB before decoding it', () => {
    expect(errorOf(`p=1.${'A'.repeat(2 * 1024 * 1024)}`)).toBe(
      'This share link is too long to open (over 2 MB).',
    );
  });

  it.each([
    ['an array', [], "The link's project is malformed: Invalid input: expected object, received array."],
    [
      'a missing field',
      { files: [] },
      "The link's project is malformed at folders: Invalid input: expected array, received undefined.",
    ],
    [
      'a numeric path',
      payloadWith({
        files: [
          { path: 'a', text: '' },
          { path: 7, text: '' },
        ],
      }),
      "The link's project is malformed at files[1].path: Invalid input: expected string, received number.",
    ],
    [
      'text and base64 both',
      payloadWith({ files: [{ path: 'a', text: '', base64: '' }] }),
      `The link's project is malformed at files[0]: needs exactly one of "text" or "base64".`,
    ],
  ])('JSON of the wrong shape: %s', (_name, value, message) => {
    expect(errorOf(linkOf(value))).toBe(message);
  });

  const deep = Array.from({ length: 33 }, (_, i) => `d${i}`).join('/');
  it.each([
    [
      '..',
      '../etc/passwd',
      'The link has an unsafe file path "../etc/passwd": it contains ".." (it would leave the project).',
    ],
    [
      'inner ..',
      'a/../../b',
      'The link has an unsafe file path "a/../../b": it contains ".." (it would leave the project).',
    ],
    [
      'absolute',
      '/etc/passwd',
      'The link has an unsafe file path "/etc/passwd": it is absolute (starts with "/").',
    ],
    ['empty', '', 'The link has an unsafe file path "": it is empty.'],
    [
      'empty segment',
      'a//b',
      'The link has an unsafe file path "a//b": it has an empty segment ("//" or a trailing "/").',
    ],
    [
      'control character',
      'a\u0007b',
      'The link has an unsafe file path "a\\u0007b": it contains a control character.',
    ],
    [
      'bidi override',
      'evil\u202eexe.c',
      'The link has an unsafe file path "evil\u202eexe.c": it contains a control character.',
    ],
    [
      'backslash',
      'a\\b',
      'The link has an unsafe file path "a\\\\b": it contains "\\" (paths are separated by "/").',
    ],
    [
      'very deep',
      deep,
      `The link has an unsafe file path "${deep.slice(0, 77)}...": it is nested more than 32 levels deep.`,
    ],
  ])('unsafe path: %s', (_name, path, message) => {
    expect(errorOf(linkOf(payloadWith({ files: [{ path, text: 'x' }] })))).toBe(message);
  });

  it('refuses unsafe folders, duplicates and file/folder clashes', () => {
    expect(errorOf(linkOf(payloadWith({ folders: ['/abs'] })))).toBe(
      'The link has an unsafe folder path "/abs": it is absolute (starts with "/").',
    );
    expect(
      errorOf(
        linkOf(
          payloadWith({
            files: [
              { path: 'a', text: '' },
              { path: 'a', text: '' },
            ],
          }),
        ),
      ),
    ).toBe('The link lists the file "a" twice.');
    expect(
      errorOf(
        linkOf(
          payloadWith({
            files: [
              { path: 'a', text: '' },
              { path: 'a/b', text: '' },
            ],
          }),
        ),
      ),
    ).toBe('The link uses "a" both as a file and as a folder.');
    expect(errorOf(linkOf(payloadWith({ files: [{ path: 'a', text: '' }], folders: ['a/x'] })))).toBe(
      'The link uses "a" both as a file and as a folder.',
    );
    expect(errorOf(linkOf(payloadWith({ files: [{ path: 'a', base64: 'a+b' }] })))).toBe(
      `The link's contents for "a" are damaged (bad base64).`,
    );
  });

  it('keeps a file named __proto__ as an ordinary file', () => {
    const result = decodeShare(linkOf(payloadWith({ files: [{ path: '__proto__', text: 'x' }] })));
    expect(result.ok && Object.keys(result.project.files)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('too many files', () => {
    const files = Array.from({ length: 2001 }, (_, i) => ({ path: `f${i}`, text: '' }));
    expect(errorOf(linkOf(payloadWith({ files })))).toBe(
      'The shared project has more than 2000 files, so it was not opened.',
    );
  });

  it('a zip bomb (50 MB of zeros) is refused without inflating it all', () => {
    const parts: Uint8Array[] = [];
    const deflater = new Deflate({ level: 1 }, (chunk) => parts.push(chunk));
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 50; i++) deflater.push(zeros, i === 49);
    const compressed = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (compressed.set(p, at), at + p.length), 0);

    expect(errorOf(`p=1.${toBase64Url(compressed)}`)).toBe(
      'The link expands to more than 16 MB, so it was not opened.',
    );
    const result = inflateCapped(compressed, 16 * 1024 * 1024);
    expect(result.kind).toBe('too-large');
    expect(result.kind === 'too-large' && result.produced).toBeLessThan(18 * 1024 * 1024);
  });
});

describe('helpers', () => {
  it('base64url round-trips and is strict', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        const text = toBase64Url(data);
        expect(text).toBe(Buffer.from(data).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(data);
      }),
    );
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
    expect(fromBase64Url('AF')).toBeNull(); // non-zero leftover bits
    expect(fromBase64Url('A===')).toBeNull();
  });

  it('sharePathProblem accepts ordinary paths', () => {
    for (const p of ['main.c', 'src/a/b.h', '.hidden', 'a..b/c', '名前/🚀'])
      expect(sharePathProblem(p)).toBeNull();
  });
});
