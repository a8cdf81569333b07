/** ZeroVM channel access type: bit 0 = random read, bit 1 = random write (ZEROVM.md §1). */
export type ChannelType = 0 | 1 | 2 | 3;

/** One `Channel = uri, alias, type, etag, gets, get_size, puts, put_size` line. */
export interface ChannelSpec {
  /** Host side: a project path, `/dev/stdin`, `/dev/stdout`, `/dev/stderr` or `/dev/null`. */
  uri: string;
  /** Guest side: fd 0/1/2 for the stdio aliases, otherwise a file at this absolute path. */
  alias: string;
  type: ChannelType;
  /** When true, a hash of the channel's traffic goes into the report. */
  etag: boolean;
  /** Maximum number of read calls. */
  gets: number;
  /** Maximum total bytes read. */
  getSize: number;
  /** Maximum number of write calls. */
  puts: number;
  /** Maximum total bytes written. */
  putSize: number;
  /** 1-based line of the Channel key in the manifest text (0 when generated). */
  line: number;
}

/** A parsed ZeroVM manifest (Version 20130611). */
export interface Manifest {
  version: string;
  /** Program path: a project `.wasm` file, or a runtime image such as `runtime:python`. */
  program: string;
  /** Linear memory cap in bytes. */
  memory: number;
  /** When true, memory is hashed into the report (accepted; reported as not supported). */
  memoryEtag: boolean;
  /** Wall-clock limit in seconds. */
  timeout: number;
  channels: ChannelSpec[];
  node?: number;
  nameServer?: string;
  job?: string;
  etag?: string;
}

/** The manifest Version ZeroVM accepts; there is no backward compatibility. */
export const MANIFEST_VERSION = '20130611';
