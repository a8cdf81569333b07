import { describe, expect, it } from 'vitest';
import { readTarImage, writeTarImage } from '../image/tar-image.ts';
import type { TarEntry } from '../image/tar-image.ts';
import { STDIO_CHANNELS, bytes, changedFile, runFixture, text } from '../test-support/sandbox-run.ts';

/** Channel lines reading the nvram from the project file `boot/nvram.conf`, after the stdio ones. */
const WITH_NVRAM = [...STDIO_CHANNELS, 'Channel = boot/nvram.conf, /dev/nvram, 3, 0, 100, 65536, 0, 0'];

function nvramFile(...lines: string[]): Record<string, string> {
  return { 'boot/nvram.conf': `${lines.join('\n')}\n` };
}

describe('[args] and [env]', () => {
  it('passes quoted arguments, escapes and environment variables to the program', () => {
    const report = runFixture('args-env', WITH_NVRAM, {
      files: nvramFile(
        '# comment lines are ignored',
        '[args]',
        'args=args-env first "second word" comma\\x2cin \\x22quoted\\x22 back\\x5cslash',
        '[env]',
        'name=GREETING, value=hello world',
        'name=LIST, value=a\\x2cb\\x0ac',
      ),
    });
    expect(text(report.stdout)).toBe(
      [
        'argc=6',
        'argv[0]=args-env',
        'argv[1]=first',
        'argv[2]=second word',
        'argv[3]=comma,in',
        'argv[4]="quoted"',
        'argv[5]=back\\slash',
        'env[0]=GREETING=hello world',
        'env[1]=LIST=a,b\nc',
        '',
      ].join('\n'),
    );
    expect(report.argv).toEqual(['args-env', 'first', 'second word', 'comma,in', '"quoted"', 'back\\slash']);
    expect(report.env).toEqual(['GREETING=hello world', 'LIST=a,b\nc']);
    expect(report.state).toBe('ok');
  });

  it('gives argv[0] = the program file name and an empty environment without an nvram', () => {
    const report = runFixture('args-env', STDIO_CHANNELS, { head: { program: 'bin/args-env.wasm' } });
    expect(text(report.stdout)).toBe('argc=1\nargv[0]=args-env.wasm\n');
    expect(report.argv).toEqual(['args-env.wasm']);
    expect(report.env).toEqual([]);
  });

  it('refuses to run when the nvram has an error, naming the file and line', () => {
    const report = runFixture('args-env', WITH_NVRAM, {
      files: nvramFile('[args]', 'args=args-env', '[env', 'name=A, value=1'),
    });
    expect(report.state).toBe('refused');
    expect(report.exitCode).toBeNull();
    expect(report.message).toMatch(/^refused: boot\/nvram\.conf:3: /);
    expect(report.stdout.length).toBe(0);
  });

  it('refuses to run when the nvram channel names a file the project does not have', () => {
    const report = runFixture('args-env', WITH_NVRAM);
    expect(report.state).toBe('refused');
    expect(report.message).toContain('boot/nvram.conf');
  });
});

describe('[time]', () => {
  it('starts CLOCK_REALTIME at the given second, moving 1 µs per call', () => {
    const report = runFixture('clock-random', WITH_NVRAM, {
      files: nvramFile('[time]', 'seconds=1370454582'),
    });
    const out = text(report.stdout);
    const realtime = BigInt(/^realtime (\d+)$/m.exec(out)?.[1] ?? '-1');
    const start = 1370454582n * 1_000_000_000n;
    expect(realtime).toBeGreaterThan(start);
    expect(realtime - start).toBeLessThan(100_000n);
    expect((realtime - start) % 1000n).toBe(0n);
    const monotonic = BigInt(/^monotonic (\d+)$/m.exec(out)?.[1] ?? '-1');
    expect(monotonic).toBeGreaterThan(0n);
    expect(monotonic).toBeLessThan(100_000n);
  });

  it('starts the clock at 0 without [time]', () => {
    const report = runFixture('clock-random', STDIO_CHANNELS);
    const realtime = BigInt(/^realtime (\d+)$/m.exec(text(report.stdout))?.[1] ?? '-1');
    expect(realtime).toBeGreaterThan(0n);
    expect(realtime).toBeLessThan(100_000n);
  });
});

function tarOf(files: Record<string, string>): Uint8Array {
  const entries: TarEntry[] = Object.entries(files).map(([path, data]) => ({
    path,
    kind: 'file',
    data: bytes(data),
  }));
  return writeTarImage(entries);
}

describe('[fstab] read-only tar images', () => {
  const image = tarOf({ 'etc/motd': 'welcome to the image\n', 'words/list.txt': 'alpha\nbeta\n' });
  const channels = [...WITH_NVRAM, 'Channel = images/root.tar, /dev/mount/root, 3, 0, 100, 1048576, 0, 0'];

  it.each([
    ['/', '/words/list.txt'],
    ['/data', '/data/words/list.txt'],
  ])('mounts the image at %s so the program reads %s', (mountpoint, path) => {
    const report = runFixture('cat-file', channels, {
      files: {
        'images/root.tar': image,
        ...nvramFile(
          '[args]',
          `args=cat-file ${path}`,
          '[fstab]',
          `channel=/dev/mount/root, mountpoint=${mountpoint}, access=ro, removable=no`,
        ),
      },
    });
    expect(text(report.stderr)).toBe('');
    expect(text(report.stdout)).toBe('alpha\nbeta\n');
    expect(report.state).toBe('ok');
    expect(report.changes).toEqual([]);
  });

  it.each([
    ['/words/list.txt', 'overwriting a file from the image'],
    ['/words/new.txt', 'creating a file inside the image'],
  ])('refuses writes to %s (%s) with EROFS', (path) => {
    const report = runFixture('write-file', channels, {
      files: {
        'images/root.tar': image,
        ...nvramFile(
          '[args]',
          `args=write-file ${path} changed`,
          '[fstab]',
          'channel=/dev/mount/root, mountpoint=/, access=ro, removable=no',
        ),
      },
    });
    expect(report.exitCode).toBe(1);
    expect(text(report.stderr)).toMatch(/Read-only file system/);
  });

  it('lists the image beside /dev at the root', () => {
    const report = runFixture('list-dir', channels, {
      files: {
        'images/root.tar': image,
        ...nvramFile(
          '[args]',
          'args=list-dir /',
          '[fstab]',
          'channel=/dev/mount/root, mountpoint=/, access=ro, removable=no',
        ),
      },
    });
    expect(text(report.stdout)).toBe('dev\netc\nwords\n');
  });

  it('mounts an image whose channel may read exactly its size (no read past the end is needed)', () => {
    const report = runFixture(
      'cat-file',
      [...WITH_NVRAM, `Channel = images/root.tar, /dev/mount/root, 3, 0, 1, ${image.length}, 0, 0`],
      {
        files: {
          'images/root.tar': image,
          ...nvramFile(
            '[args]',
            'args=cat-file /etc/motd',
            '[fstab]',
            'channel=/dev/mount/root, mountpoint=/, access=ro, removable=no',
          ),
        },
      },
    );
    expect(text(report.stdout)).toBe('welcome to the image\n');
    expect(report.state).toBe('ok');
  });

  it('refuses an image its channel may not read in full, saying which quota to raise', () => {
    const report = runFixture(
      'cat-file',
      [...WITH_NVRAM, `Channel = images/root.tar, /dev/mount/root, 3, 0, 100, ${image.length - 1}, 0, 0`],
      {
        files: {
          'images/root.tar': image,
          ...nvramFile('[fstab]', 'channel=/dev/mount/root, mountpoint=/, access=ro, removable=no'),
        },
      },
    );
    expect(report.state).toBe('refused');
    expect(report.message).toContain('/dev/mount/root');
    expect(report.message).toContain('get_size');
  });

  it('refuses an image channel that may not be read at all', () => {
    const report = runFixture(
      'cat-file',
      [...WITH_NVRAM, 'Channel = images/root.tar, /dev/mount/root, 3, 0, 0, 0, 0, 0'],
      {
        files: {
          'images/root.tar': image,
          ...nvramFile('[fstab]', 'channel=/dev/mount/root, mountpoint=/, access=ro, removable=no'),
        },
      },
    );
    expect(report.state).toBe('refused');
    expect(report.message).toContain('/dev/mount/root cannot be read');
  });

  it('refuses an image that is not a tar archive, naming the channel', () => {
    const report = runFixture('cat-file', channels, {
      files: {
        'images/root.tar': 'this is not a tar archive',
        ...nvramFile('[fstab]', 'channel=/dev/mount/root, mountpoint=/, access=ro, removable=no'),
      },
    });
    expect(report.state).toBe('refused');
    expect(report.message).toContain('/dev/mount/root');
  });

  it('refuses a mount whose channel alias is not in the manifest', () => {
    const report = runFixture('cat-file', WITH_NVRAM, {
      files: nvramFile('[fstab]', 'channel=/dev/mount/nowhere, mountpoint=/, access=ro, removable=no'),
    });
    expect(report.state).toBe('refused');
    expect(report.message).toContain('/dev/mount/nowhere');
  });
});

describe('[fstab] wo exports', () => {
  const channels = [...WITH_NVRAM, 'Channel = results/out.tar, /dev/mount/export, 0, 0, 0, 0, 100, 1048576'];
  const exportOut = 'channel=/dev/mount/export, mountpoint=/out, access=wo, removable=no';

  it('writes the exported subtree as a tar into the export channel file', () => {
    const report = runFixture('write-file', channels, {
      files: nvramFile('[args]', 'args=write-file /out/x.txt "exported text"', '[fstab]', exportOut),
    });
    expect(text(report.stderr)).toBe('');
    expect(report.state).toBe('ok');
    expect(report.changes.map((c) => c.path)).toEqual(['results/out.tar']);
    const tar = readTarImage(changedFile(report, 'results/out.tar') ?? new Uint8Array(0));
    if (!tar.ok) throw new Error(tar.reason);
    const files = tar.entries.filter((e) => e.kind === 'file');
    expect(files.map((e) => [e.path, text(e.data)])).toEqual([['x.txt', 'exported text']]);
  });

  it('drops files written outside the exported tree', () => {
    const report = runFixture('write-file', channels, {
      files: nvramFile('[args]', 'args=write-file /scratch.txt "gone at exit"', '[fstab]', exportOut),
    });
    expect(text(report.stderr)).toBe('');
    expect(report.state).toBe('ok');
    expect(report.changes.map((c) => c.path)).toEqual(['results/out.tar']);
    const tar = readTarImage(changedFile(report, 'results/out.tar') ?? new Uint8Array(0));
    if (!tar.ok) throw new Error(tar.reason);
    expect(tar.entries.filter((e) => e.kind === 'file')).toEqual([]);
    const all = report.changes.map((c) => text(c.data)).join('');
    expect(all).not.toContain('gone at exit');
  });

  it('combines an ro image at / with a wo export, as the ZRT sample does', () => {
    const report = runFixture(
      'write-file',
      [...channels, 'Channel = root.tar, /dev/mount/import, 3, 0, 100, 1048576, 0, 0'],
      {
        files: {
          'root.tar': tarOf({ README: 'from the image' }),
          ...nvramFile(
            '[args]',
            'args=write-file /out/answer.txt 42',
            '[fstab]',
            'channel=/dev/mount/import, mountpoint=/, access=ro, removable=no',
            exportOut,
          ),
        },
      },
    );
    expect(report.state).toBe('ok');
    const tar = readTarImage(changedFile(report, 'results/out.tar') ?? new Uint8Array(0));
    if (!tar.ok) throw new Error(tar.reason);
    const files = tar.entries.filter((e) => e.kind === 'file');
    expect(files.map((e) => [e.path, text(e.data)])).toEqual([['answer.txt', '42']]);
  });
});
