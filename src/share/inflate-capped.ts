import CRC32 from 'crc-32';
import { Gunzip, Inflate } from 'fflate';

/** Result of inflateCapped; `produced` tells how far a refused stream got. */
export type InflateResult =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'too-large'; produced: number }
  | { kind: 'truncated' }
  | { kind: 'corrupt' };

// Input is fed to the inflater in slices this big; DEFLATE expands at most ~1032:1, so one slice can
// overshoot the cap by about 1 MB before we notice and stop.
const INFLATE_SLICE = 1024;

/**
 * Inflates raw DEFLATE (or, with `format: 'gzip'`, gzip) data slice by slice, stopping as soon as the
 * output passes `cap` bytes: a zip bomb costs at most about `cap` + 1 MB of memory.
 */
export function inflateCapped(
  data: Uint8Array,
  cap: number,
  format: 'deflate' | 'gzip' = 'deflate',
): InflateResult {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const onData = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced <= cap) chunks.push(chunk);
  };
  const inflater = format === 'gzip' ? new Gunzip(onData) : new Inflate(onData);
  try {
    for (let at = 0; at < data.length || at === 0; at += INFLATE_SLICE) {
      const end = Math.min(at + INFLATE_SLICE, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
      if (produced > cap) return { kind: 'too-large', produced };
      if (end === data.length) break;
    }
  } catch (error) {
    // fflate's error code 0 is "unexpected EOF".
    return (error as { code?: unknown }).code === 0 ? { kind: 'truncated' } : { kind: 'corrupt' };
  }
  // fflate takes a gzip stream cut inside its header for a complete, empty one; a real empty member ends in
  // an 8-byte trailer of zeros (the CRC and length of nothing).
  if (format === 'gzip' && produced === 0 && !(data.length >= 20 && data.subarray(-8).every((b) => b === 0)))
    return { kind: 'truncated' };
  const bytes = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  // fflate does not check gzip's trailer: the CRC-32 and length (mod 2^32) of what it holds.
  if (format === 'gzip' && !trailerMatches(data, bytes)) return { kind: 'corrupt' };
  return { kind: 'ok', bytes };
}

/** Whether a gzip member's trailer (CRC-32, then length mod 2^32, little-endian) describes `inflated`. */
function trailerMatches(gzip: Uint8Array, inflated: Uint8Array): boolean {
  if (gzip.length < 18) return false;
  const trailer = new DataView(gzip.buffer, gzip.byteOffset + gzip.length - 8, 8);
  return (
    trailer.getUint32(0, true) === CRC32.buf(inflated) >>> 0 &&
    trailer.getUint32(4, true) === inflated.length >>> 0
  );
}
