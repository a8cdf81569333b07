import { parseInteger } from '../../engine/manifest/parse-integer.ts';
import type { ChannelSpec, ChannelType } from '../../engine/manifest/types.ts';

/** A channel's four quotas. */
export interface ChannelLimits {
  gets: number;
  getSize: number;
  puts: number;
  putSize: number;
}

/** A new channel, as onAddChannel receives it (ChannelSpec without its line). */
export type NewChannel = Omit<ChannelSpec, 'line'>;

/** The form's fields as typed (numbers stay text until validated). */
export interface ChannelDraft {
  uri: string;
  alias: string;
  type: string;
  etag: boolean;
  gets: string;
  getSize: string;
  puts: string;
  putSize: string;
}

export type DraftField = Exclude<keyof ChannelDraft, 'etag'>;

/** Field names as the manifest (and the form's labels) spell them. */
export const FIELD_LABELS: Readonly<Record<DraftField, string>> = {
  uri: 'uri',
  alias: 'alias',
  type: 'type',
  gets: 'gets',
  getSize: 'get_size',
  puts: 'puts',
  putSize: 'put_size',
};

/** What a form field means, shown under it. */
export const FIELD_HINTS: Readonly<Partial<Record<DraftField, string>>> = {
  uri: 'Host side: a project file, /dev/stdin, /dev/stdout, /dev/stderr or /dev/null',
  alias: 'The path the program opens, e.g. /dev/input',
  gets: 'read calls allowed',
  getSize: 'bytes readable in all',
  puts: 'write calls allowed',
  putSize: 'bytes writable in all',
};

export const LIMIT_KEYS = ['gets', 'getSize', 'puts', 'putSize'] as const;

/** The result of checking a draft: the channel when valid, else a message per bad field. */
export interface DraftCheck {
  channel?: NewChannel;
  errors: Partial<Record<DraftField | 'access', string>>;
}

/** A blank draft for "Add channel": a readable, sequential channel with modest limits. */
export function emptyDraft(): ChannelDraft {
  return {
    uri: '',
    alias: '/dev/',
    type: '0',
    etag: false,
    gets: '16',
    getSize: '65536',
    puts: '0',
    putSize: '0',
  };
}

/** The draft of an existing channel, for its Edit form. */
export function draftOf(c: ChannelSpec): ChannelDraft {
  return {
    uri: c.uri,
    alias: c.alias,
    type: String(c.type),
    etag: c.etag,
    gets: String(c.gets),
    getSize: String(c.getSize),
    puts: String(c.puts),
    putSize: String(c.putSize),
  };
}

/** Checks a draft; `takenAliases` are the other channels' aliases (an alias names one channel). */
export function checkDraft(draft: ChannelDraft, takenAliases: readonly string[] = []): DraftCheck {
  const errors: DraftCheck['errors'] = {};
  const uri = draft.uri.trim();
  const alias = draft.alias.trim();
  if (uri === '') errors.uri = 'Give the host side: a project file such as data.txt, or /dev/null';
  else if (/[,=]/.test(uri)) errors.uri = "The uri cannot contain a comma or '='";
  if (alias === '' || alias === '/' || alias === '/dev/') {
    errors.alias = 'Give the name the program opens, such as /dev/input';
  } else if (!alias.startsWith('/'))
    errors.alias = `The alias must be an absolute path, such as /dev/${alias}`;
  else if (/[,=]/.test(alias)) errors.alias = "The alias cannot contain a comma or '='";
  else if (takenAliases.includes(alias)) errors.alias = `Another channel already uses ${alias}`;
  const type = Number(draft.type);
  if (![0, 1, 2, 3].includes(type) || draft.type.trim() === '') errors.type = 'Choose a type from 0 to 3';
  const limits: Partial<ChannelLimits> = {};
  for (const key of LIMIT_KEYS) {
    const text = draft[key].trim();
    const parsed = parseInteger(text);
    if (!parsed.ok) errors[key] = `${FIELD_LABELS[key]}: ${parsed.reason}`;
    else if (parsed.value < 0) errors[key] = `${FIELD_LABELS[key]} cannot be negative (0 means none)`;
    else limits[key] = parsed.value;
  }
  const { gets, getSize, puts, putSize } = limits;
  if (gets !== undefined && getSize !== undefined && puts !== undefined && putSize !== undefined) {
    if (!(gets > 0 && getSize > 0) && !(puts > 0 && putSize > 0)) {
      errors.access =
        'The channel can be neither read nor written: give gets and get_size above 0 to read, ' +
        'or puts and put_size above 0 to write';
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    channel: {
      uri,
      alias,
      type: type as ChannelType,
      etag: draft.etag,
      gets: gets!,
      getSize: getSize!,
      puts: puts!,
      putSize: putSize!,
    },
  };
}
