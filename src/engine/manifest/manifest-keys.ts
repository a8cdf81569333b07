/** The nine manifest keys, in the order a canonical manifest lists them. */
export const MANIFEST_KEYS = [
  'Version',
  'Program',
  'Memory',
  'Timeout',
  'NameServer',
  'Node',
  'Job',
  'Etag',
  'Channel',
] as const;

/** One of the nine manifest keys. */
export type ManifestKey = (typeof MANIFEST_KEYS)[number];

/** The keys ZeroVM refuses to start without. */
export const REQUIRED_KEYS: readonly ManifestKey[] = ['Version', 'Program', 'Memory', 'Timeout'];

/** A sample line for each key, quoted in messages so beginners can copy it. */
export const KEY_EXAMPLES: Readonly<Record<ManifestKey, string>> = {
  Version: 'Version = 20130611',
  Program: 'Program = hello.wasm',
  Memory: 'Memory = 67108864, 0',
  Timeout: 'Timeout = 10',
  NameServer: 'NameServer = udp:10.0.0.254:5544',
  Node: 'Node = 1',
  Job: 'Job = /tmp/zvm.sock',
  Etag: 'Etag = 0',
  Channel: 'Channel = uri, alias, type, etag, gets, get_size, puts, put_size',
};

const KEY_SET: ReadonlySet<string> = new Set(MANIFEST_KEYS);

/** True when `key` is exactly (case included) one of the nine keys. */
export function isManifestKey(key: string): key is ManifestKey {
  return KEY_SET.has(key);
}

/** The key `key` was probably meant to be (wrong case, a typo or two), if any. */
export function suggestKey(key: string): ManifestKey | undefined {
  if (key.length > 24) return undefined;
  const lower = key.toLowerCase();
  let best: ManifestKey | undefined;
  let bestDistance = 3;
  for (const candidate of MANIFEST_KEYS) {
    if (Math.abs(candidate.length - key.length) > 2) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    // Short keys like Job would match almost anything at distance 2.
    const allowed = Math.min(2, Math.floor(candidate.length / 3));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
