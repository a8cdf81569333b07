import { guestPathParts } from '../wasi/fs-nodes.ts';
import type { NvramPair } from './scan-line.ts';
import { splitArgs } from './split-args.ts';
import type { FstabEntry, MappingEntry, Nvram } from './types.ts';
import { listWords, shorten } from './wording.ts';

/** The sections ZRT reads, in the order `printNvram` writes them. */
export const SECTION_NAMES = ['args', 'env', 'fstab', 'mapping', 'time', 'debug', 'precache'] as const;

/** The name of a section ZRT reads, without brackets. */
export type SectionName = (typeof SECTION_NAMES)[number];

/** The keys one line of a section may hold, and an example line for messages. */
export interface SectionSpec {
  keys: readonly string[];
  required: readonly string[];
  example: string;
}

/** What each section accepts on one line. */
export const SECTION_SPECS: Record<SectionName, SectionSpec> = {
  args: { keys: ['args'], required: ['args'], example: 'args=prog.wasm -v "two words"' },
  env: { keys: ['name', 'value'], required: ['name', 'value'], example: 'name=HOME, value=/home/user' },
  fstab: {
    keys: ['channel', 'mountpoint', 'access', 'removable'],
    required: ['channel', 'mountpoint', 'access'],
    example: 'channel=/dev/mount/root.tar, mountpoint=/, access=ro, removable=no',
  },
  mapping: {
    keys: ['channel', 'mode'],
    required: ['channel', 'mode'],
    example: 'channel=/dev/stdout, mode=char',
  },
  time: { keys: ['seconds'], required: ['seconds'], example: 'seconds=1370454582' },
  debug: { keys: ['verbosity'], required: ['verbosity'], example: 'verbosity=1' },
  precache: { keys: ['precache'], required: ['precache'], example: 'precache=yes' },
};

/** True when `name` is a section ZRT reads. */
export function isSectionName(name: string): name is SectionName {
  return (SECTION_NAMES as readonly string[]).includes(name);
}

/** What a section handler needs to turn one line's pairs into nvram settings. */
export interface RecordContext {
  nvram: Nvram;
  /** 1-based line of the record. */
  line: number;
  /** The line's pairs by key; every required key is present. */
  pairs: ReadonlyMap<string, NvramPair>;
  /** Reports an error on a pair's value. */
  error(pair: NvramPair, message: string): void;
  /** Reports an error at 0-based `index` inside a pair's raw value. */
  errorInValue(pair: NvramPair, index: number, length: number, message: string): void;
  /** The decoded value of a key (escape problems reported), or undefined when the key is absent. */
  value(key: string): string | undefined;
  /** Warns when a once-only setting was already given on an earlier line; the last one wins. */
  once(setting: string, pair: NvramPair): void;
  /** Number of errors reported so far, to tell whether this record added any. */
  errorCount(): number;
}

function choice<T extends string>(ctx: RecordContext, key: string, choices: readonly T[]): T | undefined {
  const pair = ctx.pairs.get(key);
  const value = ctx.value(key);
  if (pair === undefined || value === undefined) return undefined;
  const found = choices.find((c) => c === value);
  if (found === undefined)
    ctx.error(pair, `${key} must be ${listWords(choices, 'or')}, not "${shorten(value)}".`);
  return found;
}

function absolutePath(ctx: RecordContext, key: string, what: string): string {
  const pair = ctx.pairs.get(key);
  const value = ctx.value(key) ?? '';
  if (pair !== undefined && !value.startsWith('/')) {
    ctx.error(pair, `${key} must be an absolute path starting with /, like ${what}.`);
  }
  return value;
}

function readArgs(ctx: RecordContext): void {
  const pair = ctx.pairs.get('args');
  if (pair === undefined) return;
  const before = ctx.errorCount();
  ctx.once('args', pair);
  const { args, problems } = splitArgs(pair.value);
  for (const p of problems) ctx.errorInValue(pair, p.index, p.length, p.reason);
  if (args.length === 0) {
    ctx.error(pair, 'args needs at least the program name (argv[0]), e.g. args=prog.wasm input.txt');
  }
  if (ctx.errorCount() === before) ctx.nvram.args = args;
}

function readEnv(ctx: RecordContext): void {
  const before = ctx.errorCount();
  const namePair = ctx.pairs.get('name');
  const name = ctx.value('name') ?? '';
  const value = ctx.value('value') ?? '';
  if (namePair !== undefined && name === '') {
    ctx.error(namePair, 'The variable needs a name, e.g. name=HOME.');
  } else if (namePair !== undefined && name.includes('=')) {
    ctx.error(namePair, 'A variable name cannot contain =; only the value may.');
  }
  if (ctx.errorCount() === before) ctx.nvram.env.push([name, value]);
}

function readFstab(ctx: RecordContext): void {
  const before = ctx.errorCount();
  const channel = absolutePath(ctx, 'channel', '/dev/mount/root.tar');
  const mountpoint = absolutePath(ctx, 'mountpoint', '/ or /data');
  // Checked as the guest will see it: `//dev/x`, `/./dev` and `/a/../dev` all name /dev.
  const seen = mountpoint.startsWith('/') ? `/${guestPathParts(mountpoint).join('/')}` : mountpoint;
  const mountPair = ctx.pairs.get('mountpoint');
  if (mountPair !== undefined && (seen === '/dev' || seen.startsWith('/dev/'))) {
    ctx.error(mountPair, '/dev holds only channels; mount the image somewhere else, such as /data.');
  }
  const access = choice(ctx, 'access', ['ro', 'wo', 'rw'] as const);
  const accessPair = ctx.pairs.get('access');
  if (access === 'wo' && seen === '/' && accessPair !== undefined) {
    ctx.error(
      accessPair,
      'access=wo cannot save the whole file system (mountpoint=/); ZRT only saves a directory, such as /out.',
    );
  }
  const removable = ctx.pairs.has('removable') ? choice(ctx, 'removable', ['yes', 'no'] as const) : 'no';
  if (ctx.errorCount() !== before || access === undefined) return;
  const entry: FstabEntry = { channel, mountpoint, access, removable: removable === 'yes', line: ctx.line };
  ctx.nvram.fstab.push(entry);
}

function readMapping(ctx: RecordContext): void {
  const before = ctx.errorCount();
  const channel = absolutePath(ctx, 'channel', '/dev/stdout');
  const mode = choice(ctx, 'mode', ['pipe', 'char', 'file'] as const);
  if (ctx.errorCount() !== before || mode === undefined) return;
  const entry: MappingEntry = { channel, mode, line: ctx.line };
  ctx.nvram.mapping.push(entry);
}

function readTime(ctx: RecordContext): void {
  const pair = ctx.pairs.get('seconds');
  const value = ctx.value('seconds');
  if (pair === undefined || value === undefined) return;
  ctx.once('time', pair);
  const seconds = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(seconds)) {
    ctx.error(pair, 'seconds must be a whole number of seconds since 1970 (what date +%s prints).');
    return;
  }
  ctx.nvram.time = seconds;
}

function readDebug(ctx: RecordContext): void {
  const pair = ctx.pairs.get('verbosity');
  const value = ctx.value('verbosity');
  if (pair === undefined || value === undefined) return;
  ctx.once('debug', pair);
  if (!/^[0-4]$/.test(value)) {
    ctx.error(pair, 'verbosity must be 0, 1, 2, 3 or 4 (0 logs nothing, 4 logs the most).');
    return;
  }
  ctx.nvram.debugVerbosity = Number(value);
}

function readPrecache(ctx: RecordContext): void {
  const pair = ctx.pairs.get('precache');
  if (pair === undefined) return;
  ctx.once('precache', pair);
  const precache = choice(ctx, 'precache', ['yes', 'no'] as const);
  if (precache !== undefined) ctx.nvram.precache = precache === 'yes';
}

/** Reads one line of each section into the nvram, reporting bad values. */
export const RECORD_READERS: Record<SectionName, (ctx: RecordContext) => void> = {
  args: readArgs,
  env: readEnv,
  fstab: readFstab,
  mapping: readMapping,
  time: readTime,
  debug: readDebug,
  precache: readPrecache,
};
