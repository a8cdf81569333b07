import type { Manifest } from './types.ts';
import { MANIFEST_VERSION } from './types.ts';
import type { DiagnosticList } from './diagnostic-list.ts';
import type { Token } from './line-tokens.ts';
import type { ManifestKey } from './manifest-keys.ts';
import { MANIFEST_LIMITS } from './limits.ts';
import { parseInteger, quoteToken } from './parse-integer.ts';

const INT31 = `from 1 to ${MANIFEST_LIMITS.int31}`;

/** The manifest fields filled so far; every key but Channel lands here. */
export type ManifestDraft = Partial<Omit<Manifest, 'channels'>>;

/** Parses the value of a key other than Channel into `draft`, reporting problems and playground caveats. */
export function applyScalarKey(
  key: Exclude<ManifestKey, 'Channel'>,
  fields: Token[],
  value: Token,
  line: number,
  out: DiagnosticList,
  draft: ManifestDraft,
): void {
  switch (key) {
    case 'Version':
      if (value.text === MANIFEST_VERSION) draft.version = value.text;
      else {
        const expected = `Version must be ${MANIFEST_VERSION}, the only manifest version ZeroVM accepts`;
        out.error(line, value, `${expected}; got ${quoteToken(value.text)}`);
      }
      return;
    case 'Program':
      draft.program = value.text;
      return;
    case 'Memory':
      applyMemory(fields, value, line, out, draft);
      return;
    case 'Timeout': {
      const timeout = readBounded(
        value,
        1,
        MANIFEST_LIMITS.int31,
        `Timeout must be a number of seconds ${INT31}`,
        line,
        out,
      );
      if (timeout !== undefined) draft.timeout = timeout;
      return;
    }
    case 'Node': {
      const node = readBounded(
        value,
        1,
        MANIFEST_LIMITS.int31,
        `Node must be an instance id ${INT31}`,
        line,
        out,
      );
      if (node === undefined) return;
      draft.node = node;
      out.warn(
        line,
        value,
        'Node only matters together with NameServer, which connects ZeroVM instances over a network; ' +
          'the playground ignores it (jobs wire channels between programs instead)',
      );
      return;
    }
    case 'NameServer':
      if (!isNameServer(value.text)) {
        const expected = 'NameServer must look like udp:<ip>:<port>, e.g. udp:10.0.0.254:5544';
        out.error(line, value, `${expected}; got ${quoteToken(value.text)}`);
        return;
      }
      draft.nameServer = value.text;
      out.warn(
        line,
        value,
        'NameServer is accepted but has no meaning in the playground, which has no network: ' +
          'jobs wire channels between programs instead',
      );
      return;
    case 'Job':
      draft.job = value.text;
      out.warn(
        line,
        value,
        'Job (ZeroVM daemon mode, zvm_fork) is not supported in the playground; it has no effect',
      );
      return;
    case 'Etag':
      draft.etag = value.text;
      out.warn(line, value, 'Etag is reserved in ZeroVM and has no effect');
      return;
  }
}

function applyMemory(
  fields: Token[],
  value: Token,
  line: number,
  out: DiagnosticList,
  draft: ManifestDraft,
): void {
  const [bytes, etag] = fields;
  if (bytes === undefined || fields.length > 2) {
    out.error(
      line,
      value,
      `Memory takes 2 comma-separated values (bytes, etag), e.g. 'Memory = 67108864, 0'; ` +
        `this line has ${fields.length}`,
    );
    return;
  }
  const size = readBounded(
    bytes,
    1,
    MANIFEST_LIMITS.memory,
    `Memory must be a number of bytes from 1 to ${MANIFEST_LIMITS.memory} (4 GiB)`,
    line,
    out,
  );
  let tag: number | undefined = 0;
  if (etag === undefined) {
    out.warn(
      line,
      { text: '', column: value.endColumn, endColumn: value.endColumn + 1 },
      "Memory should be 'bytes, etag' but the etag (0 or 1) is missing, so 0 is assumed; " +
        `ZeroVM itself refuses this line, so write 'Memory = ${bytes.text}, 0'`,
    );
  } else {
    tag = readBounded(
      etag,
      0,
      1,
      'the Memory etag must be 0 (off) or 1 (hash memory into the report)',
      line,
      out,
    );
  }
  if (size === undefined || tag === undefined) return;
  draft.memory = size;
  draft.memoryEtag = tag === 1;
}

function readBounded(
  token: Token,
  min: number,
  max: number,
  expected: string,
  line: number,
  out: DiagnosticList,
): number | undefined {
  const parsed = parseInteger(token.text);
  if (!parsed.ok) {
    out.error(line, token, `${expected}; ${parsed.reason}`);
    return undefined;
  }
  if (parsed.value < min || parsed.value > max) {
    out.error(line, token, `${expected}; got ${parsed.value}`);
    return undefined;
  }
  return parsed.value;
}

function isNameServer(text: string): boolean {
  const match = /^udp:(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d{1,5})$/.exec(text);
  if (!match) return false;
  const octets = match.slice(1, 5).map(Number);
  const port = Number(match[5]);
  return octets.every((n) => n <= 255) && port >= 1 && port <= 65535;
}
