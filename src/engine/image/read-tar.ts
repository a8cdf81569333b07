import type { ReadTarResult, TarEntry, TarEntryKind } from './tar-image.ts';
import { BLOCK, FIELD, checksumMatches, field, paddedSize, readNumber, readString } from './tar-header.ts';
import { normalizeTarPath } from './tar-path.ts';

// nanotar's parseTar is not used for reading: it resolves `..` away silently (so escapes cannot be
// reported), ignores the ustar prefix field and link targets, checks no checksums, and throws on
// truncated input. This reader handles ustar, POSIX pax (path, linkpath, size) and GNU long names.

const KINDS: Record<string, TarEntryKind | 'hardlink'> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'directory',
};

const UNSUPPORTED: Record<string, string> = {
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a fifo',
  S: 'a GNU sparse file',
};

class Corrupt extends Error {}

type PaxNames = { path?: string; linkpath?: string; size?: number };

/** Reads a tar image (ustar, pax or GNU); never throws; `..` paths and unsupported types are skipped. */
export function readTarImage(bytes: Uint8Array): ReadTarResult {
  try {
    return readEntries(bytes);
  } catch (error) {
    const reason =
      error instanceof Corrupt ? error.message : `the tar archive could not be read: ${String(error)}`;
    return { ok: false, reason };
  }
}

function readEntries(bytes: Uint8Array): ReadTarResult {
  if (bytes.length < BLOCK) {
    throw new Corrupt(bytes.length === 0 ? 'not a tar archive: it is empty' : notTar(bytes));
  }
  const entries: TarEntry[] = [];
  // The latest file entry's data by path, for hard links (a scan of `entries` per link is quadratic).
  const files = new Map<string, Uint8Array>();
  const warnings: string[] = [];
  let pending: PaxNames = {};
  let offset = 0;
  while (offset + BLOCK <= bytes.length) {
    const at = offset;
    const header = bytes.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return { ok: true, entries, warnings };
    if (!checksumMatches(header)) {
      throw new Corrupt(
        at === 0 ? notTar(bytes) : `corrupt tar archive: the header at byte ${at} has a bad checksum`,
      );
    }
    const type = String.fromCharCode(header[FIELD.typeflag[0]] ?? 0);
    const isMeta = type === 'x' || type === 'g' || type === 'L' || type === 'K';
    const size = (isMeta ? undefined : pending.size) ?? readNumber(field(header, FIELD.size));
    if (Number.isNaN(size)) throw new Corrupt(`corrupt tar archive: the header at byte ${at} has a bad size`);
    const start = at + BLOCK;
    if (start + size > bytes.length) {
      const missing = start + size - bytes.length;
      throw new Corrupt(`truncated tar archive: the entry at byte ${at} needs ${missing} more bytes`);
    }
    const data = bytes.subarray(start, start + size);
    offset = start + paddedSize(size);
    if (type === 'x') pending = { ...pending, ...readPax(data) };
    if (type === 'L') pending = { ...pending, path: readString(data) };
    if (type === 'K') pending = { ...pending, linkpath: readString(data) };
    if (isMeta) continue;
    const names = pending;
    pending = {};
    const rawPath = names.path ?? headerPath(header);
    const kind = KINDS[type];
    if (kind === undefined) {
      warnings.push(
        `skipped ${quote(rawPath)}: ${UNSUPPORTED[type] ?? `tar entry type '${type}'`} is not supported`,
      );
      continue;
    }
    const path = normalizeTarPath(rawPath);
    if (path === undefined) {
      warnings.push(`skipped ${quote(rawPath)}: its path contains '..', which could leave the image`);
      continue;
    }
    if (path === '') {
      if (kind !== 'directory') warnings.push(`skipped an entry with an empty name at byte ${at}`);
      continue;
    }
    const modeBits = readNumber(field(header, FIELD.mode));
    const target = names.linkpath ?? readString(field(header, FIELD.linkname));
    const entry = makeEntry(path, kind, data, target, files);
    if (typeof entry === 'string') {
      warnings.push(entry);
      continue;
    }
    entries.push(Number.isNaN(modeBits) ? entry : { ...entry, mode: modeBits & 0o7777 });
    if (entry.kind === 'file') files.set(entry.path, entry.data ?? new Uint8Array());
  }
  if (offset < bytes.length) {
    throw new Corrupt(`truncated tar archive: it ends at byte ${bytes.length} inside a 512-byte header`);
  }
  return { ok: true, entries, warnings };
}

function makeEntry(
  path: string,
  kind: TarEntryKind | 'hardlink',
  data: Uint8Array,
  target: string,
  earlierFiles: ReadonlyMap<string, Uint8Array>,
): TarEntry | string {
  if (kind === 'file') return { path, kind, data };
  if (kind === 'directory') return { path, kind };
  if (kind === 'symlink') return { path, kind, target };
  // A hard link names an earlier member; the in-memory filesystem gets a copy of its contents.
  const source = normalizeTarPath(target);
  const original = source === undefined ? undefined : earlierFiles.get(source);
  if (original === undefined)
    return `skipped ${quote(path)}: a hard link to ${quote(target)}, which is not in the image before it`;
  return { path, kind: 'file', data: original };
}

function headerPath(header: Uint8Array): string {
  const name = readString(field(header, FIELD.name));
  // POSIX ustar splits long paths into prefix + name; GNU tar ("ustar  ") keeps other data there.
  const isPosix = readString(field(header, FIELD.magic)) === 'ustar' && header[FIELD.magic[0] + 5] === 0;
  const prefix = isPosix ? readString(field(header, FIELD.prefix)) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

/** Pax records are `<length> <key>=<value>\n`, the length counting the whole record. */
function readPax(data: Uint8Array): PaxNames {
  const found: PaxNames = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space === -1 ? Number.NaN : Number(readString(data.subarray(at, space)));
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > data.length) break;
    const record = new TextDecoder().decode(data.subarray(space + 1, at + length - 1));
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === 'path' || key === 'linkpath') found[key] = value;
    if (key === 'size' && /^\d+$/.test(value)) found.size = Number(value);
    at += length;
  }
  return found;
}

function notTar(bytes: Uint8Array): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return 'not a tar archive: it is gzip-compressed (a .tar.gz?); decompress it first';
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'not a tar archive: it is a zip archive';
  if (bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) {
    return 'not a tar archive: it is a WebAssembly module';
  }
  return 'not a tar archive: its first 512 bytes are not a valid tar header';
}

function quote(path: string): string {
  return JSON.stringify(path);
}
