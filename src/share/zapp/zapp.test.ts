import { Deflate, gunzipSync, gzipSync, strToU8, strFromU8 } from 'fflate';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readTarImage, writeTarImage } from '../../engine/image/tar-image.ts';
import type { TarEntry } from '../../engine/image/tar-image.ts';
import type { ShareProject } from '../validate-project.ts';
import { projectToZapp, zappFileName, zappToProject } from './index.ts';

const project: ShareProject = {
  files: {
    'wordcount.c': strToU8('int main(void) { return 0; }\n'),
    'wordcount.wasm': new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    'wordcount.manifest': strToU8(
      [
        'Version = 20130611',
        'Program = wordcount.wasm',
        'Memory = 16777216, 0',
        'Timeout = 5',
        'Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0',
        'Channel = /dev/stdout, /dev/stdout, 0, 1, 0, 0, 16, 65536',
        'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 16, 65536',
        'Channel = wordcount.nvram, /dev/nvram, 3, 0, 16, 4096, 0, 0',
        'Channel = data/in.txt, /dev/input, 3, 1, 64, 1048576, 0, 0',
        '',
      ].join('\n'),
    ),
    'wordcount.nvram': strToU8('[args]\nargs=wordcount data.txt\n[env]\nname=LANG, value=C\n'),
    'data/in.txt': strToU8('one two\n'),
  },
  folders: ['out'],
  openFile: 'wordcount.manifest',
  tabs: ['wordcount.c', 'wordcount.manifest'],
  stdin: 'line 1\nline 2\n',
  args: '-v',
  env: 'A=1',
};

function tarEntries(zapp: Uint8Array): Map<string, TarEntry> {
  const tar = readTarImage(gunzipSync(zapp));
  if (!tar.ok) throw new Error(tar.reason);
  return new Map(tar.entries.map((e) => [e.path, e]));
}

function zappOf(entries: TarEntry[]): Uint8Array {
  return gzipSync(writeTarImage(entries));
}

const file = (path: string, text: string): TarEntry => ({ path, kind: 'file', data: strToU8(text) });

function errorOf(bytes: Uint8Array): string {
  const result = zappToProject(bytes, 'x.zapp');
  if (result.ok) throw new Error('expected the .zapp to be refused');
  return result.error;
}

describe('.zapp export', () => {
  it('is a gzip tar with zapp.yaml, boot/system.map and the project files', () => {
    const entries = tarEntries(projectToZapp(project, 'Word count'));
    expect([...entries.keys()].sort()).toEqual([
      'boot',
      'boot/system.map',
      'data',
      'data/in.txt',
      'out',
      'wordcount.c',
      'wordcount.manifest',
      'wordcount.nvram',
      'wordcount.wasm',
      'zapp.yaml',
    ]);
    const yaml = parse(strFromU8(entries.get('zapp.yaml')!.data!)) as Record<string, unknown>;
    expect(yaml.meta).toMatchObject({ name: 'Word count' });
    expect(yaml.bundling).toEqual(Object.keys(project.files).sort());
    expect(JSON.parse(strFromU8(entries.get('boot/system.map')!.data!))).toEqual([
      {
        name: 'wordcount',
        exec: { path: 'swift://~/wordcount.wasm', name: 'wordcount', args: 'data.txt', env: { LANG: 'C' } },
        devices: [
          { name: 'stdin' },
          { name: 'stdout' },
          { name: 'stderr' },
          { name: 'input', path: 'swift://~/data/in.txt' },
        ],
      },
    ]);
  });

  it("uses the project's own job file as boot/system.map", () => {
    const job = '[{"name": "map", "exec": {"path": "swift://~/m.wasm"}}]\n';
    const withJob = { ...project, files: { ...project.files, 'wc.job.json': strToU8(job) } };
    expect(strFromU8(tarEntries(projectToZapp(withJob, 'x')).get('boot/system.map')!.data!)).toBe(job);
  });

  it('is deterministic', () => {
    expect(projectToZapp(project, 'a')).toEqual(projectToZapp(project, 'a'));
  });

  it('names the file after the project', () => {
    expect(zappFileName('Word count')).toBe('Word-count.zapp');
    expect(zappFileName('../../etc/<x>')).toBe('etc-x.zapp');
    expect(zappFileName('  ')).toBe('project.zapp');
  });
});

describe('.zapp import', () => {
  it('round-trips a project exactly, name included', () => {
    expect(zappToProject(projectToZapp(project, 'Word count'), 'ignored.zapp')).toEqual({
      ok: true,
      project,
      name: 'Word count',
    });
  });

  it('round-trips a project holding its own boot/system.map', () => {
    const own = { ...project, files: { ...project.files, 'boot/system.map': strToU8('[]\n') } };
    expect(zappToProject(projectToZapp(own, 'p'), 'p.zapp')).toEqual({ ok: true, project: own, name: 'p' });
  });

  it('round-trips random projects', () => {
    const segment = fc.stringMatching(/^[a-z0-9_][a-z0-9_.-]{0,7}$/).filter((s) => s !== '..');
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    const arbitrary = fc
      .record({
        entries: fc.uniqueArray(fc.tuple(path, fc.uint8Array({ maxLength: 40 })), {
          selector: ([p]) => p,
          maxLength: 8,
        }),
        stdin: fc.string(),
        args: fc.string(),
        env: fc.string(),
      })
      .map(({ entries, stdin, args, env }): ShareProject => {
        const files: Record<string, Uint8Array> = {};
        const clash = (a: string, b: string) => a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
        for (const [p, data] of entries)
          if (p !== 'zapp.yaml' && !Object.keys(files).some((other) => clash(p, other))) files[p] = data;
        const first = Object.keys(files)[0] ?? null;
        return { files, folders: [], openFile: first, tabs: first === null ? [] : [first], stdin, args, env };
      });
    fc.assert(
      fc.property(arbitrary, (p) => {
        expect(zappToProject(projectToZapp(p, 'n'), 'n.zapp')).toEqual({ ok: true, project: p, name: 'n' });
      }),
      { numRuns: 100 },
    );
  });

  it('takes every file of a zapp made elsewhere (zpm), and names it from meta or the file name', () => {
    const zpm = zappOf([
      file('zapp.yaml', 'meta:\n  name: wc\nexecution:\n  groups: []\n'),
      file('boot/system.map', '[]'),
      file('mapper.py', 'print(1)\n'),
    ]);
    const result = zappToProject(zpm, 'whatever.zapp');
    expect(result.ok && Object.keys(result.project.files).sort()).toEqual([
      'boot/system.map',
      'mapper.py',
      'zapp.yaml',
    ]);
    expect(result.ok && result.name).toBe('wc');
    expect(result.ok && result.project.openFile).toBe('mapper.py');
    const unnamed = zappToProject(zappOf([file('zapp.yaml', 'x: 1\n')]), 'My app.zapp');
    expect(unnamed.ok && unnamed.name).toBe('My app');
  });

  it.each([
    [
      'not gzip nor tar',
      strToU8('hello there, not an archive at all'.repeat(20)),
      /^This is not a .zapp file \(a gzip tar\)/,
    ],
    [
      'truncated gzip',
      projectToZapp(project, 'x').subarray(0, 60),
      /^This .zapp file is (incomplete|damaged)/,
    ],
    ['no zapp.yaml', zappOf([file('a.c', '')]), /^This is not a .zapp file: it has no zapp.yaml.$/],
    ['bad YAML', zappOf([file('zapp.yaml', 'a: [1, 2\n')]), /^The .zapp's zapp.yaml is not valid YAML/],
    ['YAML that is a list', zappOf([file('zapp.yaml', '- 1\n')]), /is not a zapp description/],
    [
      'a billion laughs',
      zappOf([
        file(
          'zapp.yaml',
          [
            'a: &a [x, x, x, x, x, x, x, x, x, x]',
            ...'bcdefghij'
              .split('')
              .map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
          ].join('\n'),
        ),
      ]),
      /^The .zapp's zapp.yaml is not valid YAML/,
    ],
    [
      'a bad playground section',
      zappOf([file('zapp.yaml', 'playground:\n  version: 1\n  files: 7\n')]),
      /^The .zapp's zapp.yaml has a malformed playground section at files/,
    ],
    [
      'a newer playground section',
      zappOf([file('zapp.yaml', 'playground:\n  version: 9\n  files: []\n')]),
      /made by a newer version of ZeroVM Playground \(v9\)/,
    ],
    [
      'a listed file that is missing',
      zappOf([file('zapp.yaml', 'playground:\n  version: 1\n  files: [gone.c]\n')]),
      /lists "gone.c" but does not contain it/,
    ],
    [
      'a listed unsafe path',
      zappOf([file('zapp.yaml', 'playground:\n  version: 1\n  files: []\n  folders: ["/etc"]\n')]),
      /^The .zapp file has an unsafe folder path "\/etc": it is absolute/,
    ],
    [
      'a control character in a name',
      zappOf([file('zapp.yaml', ''), file('a\u0007.c', '')]),
      /^The .zapp file has an unsafe file path "a\\u0007.c": it contains a control character.$/,
    ],
  ])('refuses %s', (_name, bytes, message) => {
    expect(errorOf(bytes)).toMatch(message);
  });

  it('refuses entries that leave the project, and links', () => {
    // writeTarImage refuses "../y"; write "xx/y" and rename it in place.
    const patched = patchName(writeTarImage([file('zapp.yaml', ''), file('xx/y', 'z')]), 'xx/y', '..');
    expect(errorOf(gzipSync(patched))).toBe(
      `This .zapp file has an unsafe entry: skipped "../y": its path contains '..', which could leave the image.`,
    );
    const withLink = zappOf([file('zapp.yaml', ''), { path: 'l', kind: 'symlink', target: '/etc/passwd' }]);
    expect(errorOf(withLink)).toBe('This .zapp file holds a link ("l"), which a project cannot hold.');
  });

  it('refuses a gzip bomb without inflating it all, and files over the size cap', () => {
    const parts: Uint8Array[] = [];
    const deflater = new Deflate({ level: 1 }, (chunk) => parts.push(chunk));
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 40; i++) deflater.push(zeros, i === 39);
    const raw = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((o, p) => (raw.set(p, o), o + p.length), 0);
    const gzip = new Uint8Array(10 + raw.length + 8);
    gzip.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    gzip.set(raw, 10);
    expect(errorOf(gzip)).toBe('This .zapp file expands to more than 20 MB, so it was not opened.');
    expect(errorOf(new Uint8Array(16 * 1024 * 1024 + 1))).toBe(
      'This .zapp file is too large to open (over 16 MB).',
    );
  });
});

/** Renames a tar entry in place (same length) and recomputes its header checksum. */
function patchName(tar: Uint8Array, from: string, prefix: string): Uint8Array {
  const out = tar.slice();
  for (let at = 0; at + 512 <= out.length; at += 512) {
    const name = strFromU8(out.subarray(at, at + from.length));
    if (name !== from) continue;
    out.set(strToU8(prefix + from.slice(prefix.length)), at);
    out.fill(0x20, at + 148, at + 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += out[at + i]!;
    out.set(strToU8(`${sum.toString(8).padStart(6, '0')}\0 `), at + 148);
    return out;
  }
  throw new Error(`no entry ${from}`);
}
