import type { ChannelSpec, ChannelType } from '../../engine/manifest/types.ts';

/** What kind of thing a channel's host side (its URI) is. */
export type HostKind = 'file' | 'folder' | 'console' | 'stdin' | 'null' | 'network';

/** A channel's host side as the diagram names it. */
export interface HostSide {
  kind: HostKind;
  /** Short visible name: the project path, "console", "stdin box", "null". */
  label: string;
  /** A qualifier shown after the label, e.g. "stdout" for the console. */
  detail?: string;
}

/** Which way data can move, from the limits: read needs gets and get_size > 0, write puts and put_size > 0. */
export type Direction = 'read' | 'write' | 'both' | 'none';

/** The three channels every manifest must have; the diagram never offers to remove them. */
export const STDIO_ALIASES: readonly string[] = ['/dev/stdin', '/dev/stdout', '/dev/stderr'];

/** What each channel type means (bit 0 = random read, bit 1 = random write), for the type select. */
export const TYPE_EXPLANATIONS: Readonly<Record<ChannelType, string>> = {
  0: 'sequential read, sequential write',
  1: 'random read, sequential (append) write',
  2: 'sequential read, random write',
  3: 'random read and write',
};

const NETWORK = /^(tcp|udp|ipc|inproc|pgm|epgm):/;

/** Names the host side of a channel URI: a project file or folder, the console, the stdin box, null. */
export function classifyHost(uri: string): HostSide {
  switch (uri) {
    case '/dev/stdin':
      return { kind: 'stdin', label: 'stdin box' };
    case '/dev/stdout':
      return { kind: 'console', label: 'console', detail: 'stdout' };
    case '/dev/stderr':
      return { kind: 'console', label: 'console', detail: 'stderr' };
    case '/dev/null':
      return { kind: 'null', label: 'null' };
  }
  if (NETWORK.test(uri)) return { kind: 'network', label: uri, detail: 'network: not in the playground' };
  if (uri === '.' || uri === './' || uri === '')
    return { kind: 'folder', label: 'project', detail: 'folder' };
  if (uri.endsWith('/')) return { kind: 'folder', label: uri, detail: 'folder' };
  return { kind: 'file', label: uri };
}

/** The directions a channel allows, from its limits. */
export function directionOf(c: Pick<ChannelSpec, 'gets' | 'getSize' | 'puts' | 'putSize'>): Direction {
  const read = c.gets > 0 && c.getSize > 0;
  const write = c.puts > 0 && c.putSize > 0;
  return read && write ? 'both' : read ? 'read' : write ? 'write' : 'none';
}

/** True when reads (`side` 'read') or writes of this type may seek. */
export function isRandom(type: ChannelType, side: 'read' | 'write'): boolean {
  return (type & (side === 'read' ? 1 : 2)) !== 0;
}

/** How the channel is accessed in the directions it allows: all sequential, all random, or a mix. */
export function accessOf(c: ChannelSpec): 'sequential' | 'random' | 'mixed' {
  const direction = directionOf(c);
  const sides: Array<'read' | 'write'> =
    direction === 'both' ? ['read', 'write'] : direction === 'write' ? ['write'] : ['read'];
  const random = sides.map((side) => isRandom(c.type, side));
  if (random.every(Boolean)) return 'random';
  return random.some(Boolean) ? 'mixed' : 'sequential';
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes in binary units, three significant digits at most: 4096 -> "4 KiB", 999999 -> "977 KiB". */
export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  // Move up a unit also when rounding would print 1024 of this one.
  while ((value >= 1024 || (unit > 0 && trimDecimal(value) === '1024')) && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? String(value) : trimDecimal(value)} ${BYTE_UNITS[unit]}`;
}

const COUNT_UNITS = ['', 'k', 'M', 'G', 'T', 'P'];

/** A call count, compact from 10,000 on: 16 -> "16", 999999 -> "1M", 4294967296 -> "4.3G". */
export function formatCount(n: number): string {
  if (n < 10_000) return String(n);
  let value = n;
  let unit = 0;
  while ((value >= 1000 || trimDecimal(value) === '1000') && unit < COUNT_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${trimDecimal(value)}${COUNT_UNITS[unit]}`;
}

/** A call count for screen readers: "16", "4.3 billion". */
export function spokenCount(n: number): string {
  if (n < 1_000_000) return String(n);
  return new Intl.NumberFormat('en', { notation: 'compact', compactDisplay: 'long' }).format(n);
}

function trimDecimal(value: number): string {
  const fixed = value >= 100 ? value.toFixed(0) : value.toFixed(1);
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}

/** The limit lines shown beside a channel: "gets 16 · 4 KiB · seq", "puts 16 · 64 KiB · rand", or "no access". */
export function limitLines(c: ChannelSpec): string[] {
  const direction = directionOf(c);
  const lines: string[] = [];
  const access = (side: 'read' | 'write') => (isRandom(c.type, side) ? 'rand' : 'seq');
  if (direction === 'read' || direction === 'both') {
    lines.push(`gets ${formatCount(c.gets)} · ${formatBytes(c.getSize)} · ${access('read')}`);
  }
  if (direction === 'write' || direction === 'both') {
    lines.push(`puts ${formatCount(c.puts)} · ${formatBytes(c.putSize)} · ${access('write')}`);
  }
  return lines.length > 0 ? lines : ['no access (limits 0)'];
}

/** The host side in words for the accessible name: "console", "file data.txt". */
export function hostWords(uri: string): string {
  const host = classifyHost(uri);
  switch (host.kind) {
    case 'file':
      return `file ${host.label}`;
    case 'folder':
      return host.label === 'project' ? 'the project folder' : `folder ${host.label}`;
    case 'network':
      return `network ${host.label} (not available in the playground)`;
    default:
      return host.label;
  }
}

/**
 * The accessible name of a channel, e.g. "Channel /dev/stdout: console, sequential write, 16 writes, 64 KiB",
 * with how often its quota stopped a call.
 */
export function describeChannel(c: ChannelSpec, quotaHits = 0): string {
  const direction = directionOf(c);
  const parts = [hostWords(c.uri)];
  const side = (which: 'read' | 'write') => {
    const kind = isRandom(c.type, which) ? 'random' : 'sequential';
    const [calls, bytes] = which === 'read' ? [c.gets, c.getSize] : [c.puts, c.putSize];
    const callWord = which === 'read' ? (calls === 1 ? 'read' : 'reads') : calls === 1 ? 'write' : 'writes';
    return `${kind} ${which}, ${spokenCount(calls)} ${callWord}, ${formatBytes(bytes)}`;
  };
  if (direction === 'read' || direction === 'both') parts.push(side('read'));
  if (direction === 'write' || direction === 'both') parts.push(side('write'));
  if (direction === 'none') parts.push('no access (all limits are 0)');
  if (c.etag) parts.push('traffic hashed (etag)');
  if (quotaHits > 0) parts.push(`quota exceeded ${quotaHits === 1 ? 'once' : `${quotaHits} times`} (EDQUOT)`);
  return `Channel ${c.alias}: ${parts.join(', ')}`;
}

/** The arrow between alias and host in a list row: ← read (host to guest), → write, ↔ both. */
export function directionArrow(direction: Direction): string {
  return { read: '←', write: '→', both: '↔', none: '·' }[direction];
}
