import { printManifest } from '../manifest/print-manifest.ts';
import type { ChannelSpec, Manifest } from '../manifest/types.ts';
import { MANIFEST_VERSION } from '../manifest/types.ts';
import { printNvram } from '../nvram/print-nvram.ts';
import type { Nvram } from '../nvram/types.ts';

/** What `zvm exec` and the app's quick Run ask for: a program, its arguments, and folders to mount. */
export interface QuickRunOptions {
  /** Project path of the program (shown as Program). */
  program: string;
  /** argv[0]; default the program's file name. */
  argv0?: string;
  /** Arguments after argv[0]. */
  args?: string[];
  env?: Array<[string, string]>;
  /** Project folders mounted in the guest; writes to `rw` ones (the default) land back in the project. */
  dirs?: Array<{ projectDir: string; guest: string; access?: 'ro' | 'rw' }>;
  /** Seconds; zvsh's default is 50. */
  timeout?: number;
  /** Bytes of linear memory; default 4 GiB, all a wasm32 module can address. */
  memory?: number;
}

/** The generated manifest and nvram, as objects and as the text the user can see and keep. */
export interface QuickRun {
  manifest: Manifest;
  nvram: Nvram;
  manifestText: string;
  nvramText: string;
  /** Project path the nvram channel reads; the runner places nvramText there. */
  nvramPath: string;
}

/** zvsh's "generous" limit for every channel: 2^32 calls and bytes. */
export const QUICK_LIMIT = 2 ** 32;
/** Project path of the generated nvram. */
export const QUICK_NVRAM_PATH = 'zvsh.nvram';

/** Generates what zvsh would: stdio channels with generous limits, mounts, and an nvram with args. */
export function quickRun(options: QuickRunOptions): QuickRun {
  const channel = (uri: string, alias: string, type: 0 | 3, read: boolean, write: boolean): ChannelSpec => ({
    uri,
    alias,
    type,
    etag: false,
    gets: read ? QUICK_LIMIT : 0,
    getSize: read ? QUICK_LIMIT : 0,
    puts: write ? QUICK_LIMIT : 0,
    putSize: write ? QUICK_LIMIT : 0,
    line: 0,
  });
  const dirs = options.dirs ?? [];
  const manifest: Manifest = {
    version: MANIFEST_VERSION,
    program: options.program,
    memory: options.memory ?? 2 ** 32,
    memoryEtag: false,
    timeout: options.timeout ?? 50,
    channels: [
      channel('/dev/stdin', '/dev/stdin', 0, true, false),
      channel('/dev/stdout', '/dev/stdout', 0, false, true),
      channel('/dev/stderr', '/dev/stderr', 0, false, true),
      channel(QUICK_NVRAM_PATH, '/dev/nvram', 3, true, false),
      ...dirs.map((d, i) =>
        channel(d.projectDir === '' ? '.' : d.projectDir, `/dev/mount/${i}`, 3, true, d.access !== 'ro'),
      ),
    ],
  };
  const argv0 = options.argv0 ?? (options.program.split('/').pop() || options.program);
  const nvram: Nvram = {
    args: [argv0, ...(options.args ?? [])],
    env: options.env ?? [],
    fstab: dirs.map((d, i) => ({
      channel: `/dev/mount/${i}`,
      mountpoint: d.guest,
      access: d.access ?? 'rw',
      removable: false,
      line: 0,
    })),
    mapping: [],
  };
  return {
    manifest,
    nvram,
    manifestText: printManifest(manifest),
    nvramText: printNvram(nvram),
    nvramPath: QUICK_NVRAM_PATH,
  };
}
