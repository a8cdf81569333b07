import {
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  makeTempDir,
  removeTempDirs,
  stdioChannels,
  writeManifest,
  zvmAsync,
} from './cli-test-support.ts';

// Issue 18, "nothing lost, nothing leaked", on the host side of zvm: a run reads nothing outside its folders
// (not through symbolic links, not by mounting a home folder or the whole host), writes nothing but the
// files it names, and shows the guest every folder it mounts, empty ones too.

afterAll(removeTempDirs);

const SECRET = 'the secret outside the work folder\n';

/** BASE/{outside.txt, work/{cat-file.wasm, boot.nvram}}: a work folder whose nvram cats /dev/input. */
function workWithSecretBeside(): { base: string; work: string } {
  const base = makeTempDir();
  const work = join(base, 'work');
  mkdirSync(work);
  writeFileSync(join(base, 'outside.txt'), SECRET);
  copyFixture(work, 'cat-file');
  writeFileSync(join(work, 'boot.nvram'), '[args]\nargs=cat-file /dev/input\n');
  return { base, work };
}

/** A manifest in `work` running cat-file on the channel `uri` as /dev/input. */
function catManifest(work: string, uri: string, program = 'cat-file.wasm'): string {
  return writeManifest(work, 'cat.manifest', {
    program,
    channels: [
      ...stdioChannels(),
      `Channel = ${uri}, /dev/input, 3, 0, 100, 100000, 0, 0`,
      'Channel = boot.nvram, /dev/nvram, 3, 0, 100, 100000, 0, 0',
    ],
  });
}

describe('zvm run reads only inside the real path of the work folder', () => {
  it.concurrent('refuses a channel that is a symbolic link out of it, naming channel and link', async () => {
    const { work } = workWithSecretBeside();
    symlinkSync('../outside.txt', join(work, 'data.txt'));
    const result = await zvmAsync(['run', catManifest(work, 'data.txt')], work);
    expect(result).toEqual({
      status: 125,
      stdout: '',
      stderr:
        'zvm: refused: channel /dev/input: data.txt is a symbolic link to ../outside.txt, outside the work folder\n',
    });
  });

  it.concurrent('refuses a channel whose path goes through a linked folder outside', async () => {
    const { base, work } = workWithSecretBeside();
    mkdirSync(join(base, 'elsewhere'));
    writeFileSync(join(base, 'elsewhere', 'x.txt'), SECRET);
    symlinkSync('../elsewhere', join(work, 'sub'));
    const result = await zvmAsync(['run', catManifest(work, 'sub/x.txt')], work);
    expect(result).toEqual({
      status: 125,
      stdout: '',
      stderr:
        'zvm: refused: channel /dev/input: sub/x.txt goes through sub, a symbolic link to ../elsewhere, outside the work folder\n',
    });
  });

  it.concurrent('follows a link that stays inside the work folder', async () => {
    const { work } = workWithSecretBeside();
    mkdirSync(join(work, 'data'));
    writeFileSync(join(work, 'data', 'v2.txt'), 'inside\n');
    symlinkSync('data/v2.txt', join(work, 'current.txt'));
    const result = await zvmAsync(['run', catManifest(work, 'current.txt')], work);
    expect(result).toEqual({ status: 0, stdout: 'inside\n', stderr: '' });
  });

  it.concurrent('refuses a Program that is a link out of the work folder', async () => {
    const { base, work } = workWithSecretBeside();
    copyFixture(base, 'hello');
    symlinkSync('../hello.wasm', join(work, 'prog.wasm'));
    writeFileSync(join(work, 'in.txt'), 'in\n');
    const result = await zvmAsync(['run', catManifest(work, 'in.txt', 'prog.wasm')], work);
    expect(result).toEqual({
      status: 125,
      stdout: '',
      stderr:
        'zvm: refused: Program prog.wasm: prog.wasm is a symbolic link to ../hello.wasm, outside the work folder\n',
    });
  });
});

describe('zvm job and zvm check read no file through a link', () => {
  it.concurrent(
    'a device naming a link out of the work folder is not in the project, with a note',
    async () => {
      const { work } = workWithSecretBeside();
      symlinkSync('../outside.txt', join(work, 'data.txt'));
      const job = [
        {
          name: 'cat',
          exec: { path: 'cat-file.wasm', args: '/dev/input' },
          devices: [{ name: 'input', path: 'data.txt' }, { name: 'stdout' }],
        },
      ];
      writeFileSync(join(work, 'leak.job.json'), JSON.stringify(job));
      const error =
        'leak.job.json:1:102: error: group 1 (cat): device input reads data.txt, which is not in the project';
      const note =
        "note: data.txt is a symbolic link (to ../outside.txt); a job's files never come through links";
      const run = await zvmAsync(['job', 'leak.job.json'], work);
      expect(run).toEqual({
        status: 125,
        stdout: '',
        stderr: `${error}\nzvm job: ${note}\nzvm job: refused: the job has errors\n`,
      });
      const check = await zvmAsync(['check', 'leak.job.json'], work);
      expect(check).toEqual({
        status: 1,
        stdout: `${error}\nleak.job.json: ${note}\nleak.job.json: 1 error(s), 0 warning(s)\n`,
        stderr: '',
      });
    },
  );
});

describe('zvm exec --dir', () => {
  it.concurrent(
    'shows empty folders, and folders holding only links, as every WASI runtime does',
    async () => {
      const base = makeTempDir();
      const host = join(base, 'host');
      mkdirSync(join(host, 'empty'), { recursive: true });
      mkdirSync(join(host, 'full'));
      mkdirSync(join(host, 'only-links'));
      writeFileSync(join(host, 'full', 'a.txt'), 'a\n');
      symlinkSync('../full/a.txt', join(host, 'only-links', 'a.txt'));
      copyFixture(base, 'list-dir');
      copyFixture(base, 'write-file');
      const listed = await zvmAsync(['exec', '--dir', 'host::/h', 'list-dir.wasm', '/h'], base);
      expect(listed).toEqual({ status: 0, stdout: 'empty\nfull\nonly-links\n', stderr: '' });
      const inEmpty = await zvmAsync(['exec', '--dir', 'host::/h', 'list-dir.wasm', '/h/empty'], base);
      expect(inEmpty).toEqual({ status: 0, stdout: '', stderr: '' });
      // A file written into the empty folder lands on the host; the folders themselves are left as they were.
      const write = await zvmAsync(
        ['exec', '--dir', 'host::/h', 'write-file.wasm', '/h/empty/new.txt', 'new'],
        base,
      );
      expect(write).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(join(host, 'empty', 'new.txt'), 'utf8')).toBe('new');
      expect(readdirSync(host).sort()).toEqual(['empty', 'full', 'only-links']);
      expect(readdirSync(join(host, 'only-links'))).toEqual(['a.txt']);
    },
  );

  it.concurrent('refuses --dir / as a usage error (exit 2), one line', async () => {
    const base = makeTempDir();
    copyFixture(base, 'list-dir');
    const result = await zvmAsync(['exec', '--dir', '/', 'list-dir.wasm', '/'], base);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'zvm exec: --dir /: refusing to mount the whole host filesystem; mount the folder the program needs\n',
    });
  });

  it.concurrent('refuses a --dir tree past 1 GiB before reading it, exit 2', async () => {
    const base = makeTempDir();
    mkdirSync(join(base, 'big'));
    // Sparse: the size says 1 GiB and a byte, the disk holds nothing.
    writeFileSync(join(base, 'big', 'huge.bin'), '');
    truncateSync(join(base, 'big', 'huge.bin'), 1024 ** 3 + 1);
    copyFixture(base, 'list-dir');
    const result = await zvmAsync(['exec', '--dir', 'big', 'list-dir.wasm', '/'], base);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'zvm exec: --dir big holds more than 1 GiB, and zvm keeps mounted files in memory; mount a smaller folder\n',
    });
  });

  it.concurrent(
    'does not write a file that has another hard link (it would change the other too)',
    async () => {
      const base = makeTempDir();
      const host = join(base, 'host');
      mkdirSync(host);
      writeFileSync(join(base, 'victim.txt'), 'victim\n');
      linkSync(join(base, 'victim.txt'), join(host, 'linked.txt'));
      copyFixture(base, 'write-file');
      const result = await zvmAsync(
        ['exec', '--dir', 'host::/', 'write-file.wasm', '/linked.txt', 'pwned'],
        base,
      );
      expect(result).toEqual({
        status: 0,
        stdout: '',
        stderr: `zvm: warning: ${join(host, 'linked.txt')} was not written: it has 2 hard links, so writing it would change the same file under its other names\n`,
      });
      expect(readFileSync(join(base, 'victim.txt'), 'utf8')).toBe('victim\n');
    },
  );
});

describe('zvm exec SCRIPT.py without --dir mounts only the visible part of its folder', () => {
  it.concurrent('leaves out hidden files and folders, and shows empty folders', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, '.git', 'config'), '[remote]\n');
    writeFileSync(join(dir, '.env'), 'TOKEN=secret\n');
    writeFileSync(join(dir, 'data', 'd.txt'), 'd\n');
    writeFileSync(
      join(dir, 'list.py'),
      'import os\nprint(sorted(os.listdir("/")))\nprint(os.path.exists("/.env"), os.path.exists("/.git/config"))\n',
    );
    const result = await zvmAsync(['exec', 'list.py'], dir, 60_000);
    expect(result).toEqual({
      status: 0,
      stdout: "['data', 'dev', 'empty', 'list.py']\nFalse False\n",
      stderr: '',
    });
  });

  it.concurrent('refuses a folder of more than 10 000 entries, naming --dir', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < 10_000; i++) writeFileSync(join(dir, 'many', `f${i}`), '');
    writeFileSync(join(dir, 'hello.py'), 'print("hello")\n');
    const result = await zvmAsync(['exec', 'hello.py'], dir);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        `zvm exec: the script's folder ${dir} holds more than 10000 files and folders, and zvm keeps mounted ` +
        'files in memory; mount only what the script needs with --dir HOST::GUEST\n',
    });
  });
});

describe('zvm compile', () => {
  it.concurrent('leaves out a header beside the sources that is a link (it already did)', async () => {
    const base = makeTempDir();
    mkdirSync(join(base, 'src'));
    writeFileSync(join(base, 'secret.h'), '#define SECRET "from outside"\n');
    symlinkSync('../secret.h', join(base, 'src', 'secret.h'));
    writeFileSync(join(base, 'src', 'main.c'), '#include "secret.h"\nint main(void) { return 0; }\n');
    const result = await zvmAsync(['compile', 'src/main.c'], base, 60_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("src/main.c:1:10: fatal error: 'secret.h' file not found");
  });
});
