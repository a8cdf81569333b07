import { createTar } from 'nanotar';
import type { TarFileInput } from 'nanotar';
import type { TarEntry } from './tar-image.ts';
import { BLOCK, FIELD, field, paddedSize, writeChecksum } from './tar-header.ts';
import { normalizeTarPath } from './tar-path.ts';

// nanotar writes ustar headers for files and directories only, with names cut at 100 bytes. Symlinks
// and long paths are handled here by patching its output: a pax 'x' header (written by nanotar as a
// plain file) carries long paths and link targets, and the typeflag/linkname fields are set afterwards.

/** A tar member to write, and what nanotar cannot express for it. */
interface Member {
  input: TarFileInput;
  typeflag?: 'x' | '2';
  linkname?: string;
}

const RECORD = 10240;
const DEFAULT_MODE = { file: 0o644, directory: 0o755, symlink: 0o777 } as const;
const encoder = new TextEncoder();

/** A deterministic ustar/pax archive: sorted (parents first), mtime/uid/gid 0; `..`/empty paths left out. */
export function writeTarImage(entries: readonly TarEntry[]): Uint8Array {
  const members = entries
    .map((entry) => ({ ...entry, path: normalizeTarPath(entry.path) ?? '' }))
    .filter((entry) => entry.path !== '')
    .sort((a, b) => comparePaths(a.path, b.path))
    .flatMap(toMembers);
  const tar = createTar(
    members.map((m) => m.input),
    { attrs: { uid: 0, gid: 0, mtime: 0, user: '', group: '' } },
  );
  let offset = 0;
  for (const member of members) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (member.typeflag !== undefined) {
      header[FIELD.typeflag[0]] = member.typeflag.charCodeAt(0);
      if (member.linkname !== undefined) {
        const linkname = field(header, FIELD.linkname);
        linkname.fill(0);
        encoder.encodeInto(member.linkname, linkname);
      }
      writeChecksum(header);
    }
    offset += BLOCK + paddedSize(sizeOf(member.input));
  }
  // nanotar pads to whole 10 KiB records but can leave no room for the two zero blocks that end an archive.
  if (tar.length - offset >= 2 * BLOCK) return tar;
  const out = new Uint8Array(Math.ceil((offset + 2 * BLOCK) / RECORD) * RECORD);
  out.set(tar.subarray(0, offset));
  return out;
}

function toMembers(entry: TarEntry): Member[] {
  const name = entry.kind === 'directory' ? `${entry.path}/` : entry.path;
  const mode = ((entry.mode ?? DEFAULT_MODE[entry.kind]) & 0o7777).toString(8);
  const target = entry.kind === 'symlink' ? (entry.target ?? '') : undefined;
  const pax: string[] = [];
  if (encoder.encode(name).length > FIELD.name[1]) pax.push(paxRecord('path', name));
  if (target !== undefined && encoder.encode(target).length > FIELD.linkname[1]) {
    pax.push(paxRecord('linkpath', target));
  }
  const members: Member[] =
    pax.length > 0 ? [{ input: { name: 'PaxHeader', data: pax.join('') }, typeflag: 'x' }] : [];
  if (entry.kind === 'directory') members.push({ input: { name, attrs: { mode } } });
  else if (entry.kind === 'file')
    members.push({ input: { name, data: entry.data ?? new Uint8Array(), attrs: { mode } } });
  else
    members.push({
      input: { name, data: new Uint8Array(), attrs: { mode } },
      typeflag: '2',
      linkname: target ?? '',
    });
  return members;
}

/** A pax record, `<length> <key>=<value>\n`, where the length counts its own digits too. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  let length = bodyLength + String(bodyLength).length;
  if (String(length).length > String(bodyLength).length) length = bodyLength + String(length).length;
  return `${length}${body}`;
}

function sizeOf(input: TarFileInput): number {
  const { data } = input;
  if (data === undefined) return 0;
  return typeof data === 'string' ? encoder.encode(data).length : data.byteLength;
}

/** Compares segment by segment, so a directory sorts right before its contents. */
function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] ?? '';
    const q = y[i] ?? '';
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}
