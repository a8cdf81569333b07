import { name, section, uleb, vec, wasm } from './wasm-builder.ts';

/** wasm value types. */
export const I32 = 0x7f;
export const I64 = 0x7e;

/** One function imported from wasi_snapshot_preview1, by its signature. */
export interface WasiImport {
  call: string;
  params: number[];
  results: number[];
}

/** Bytes placed in memory before `_start` runs. */
export interface DataSegment {
  at: number;
  bytes: number[];
}

/**
 * A command that runs `body` (instructions, without the closing `end`) as `_start`, with one page of
 * memory. Function index i is `imports[i]`; `_start` comes after them, so with no imports it is 0.
 */
export function wasiProgram(imports: WasiImport[], body: number[], data?: DataSegment): Uint8Array {
  const signature = (params: number[], results: number[]) => [
    0x60,
    ...vec(params.map((t) => [t])),
    ...vec(results.map((t) => [t])),
  ];
  const types = [...imports.map((i) => signature(i.params, i.results)), signature([], [])];
  const start = imports.length;
  const code = [0x00, ...body, 0x0b];
  return wasm(
    section(1, vec(types)),
    ...(imports.length > 0
      ? [
          section(
            2,
            vec(
              imports.map((i, at) => [...name('wasi_snapshot_preview1'), ...name(i.call), 0x00, ...uleb(at)]),
            ),
          ),
        ]
      : []),
    section(3, vec([uleb(start)])),
    section(5, vec([[0x00, 1]])),
    section(
      7,
      vec([
        [...name('_start'), 0x00, ...uleb(start)],
        [...name('memory'), 0x02, 0],
      ]),
    ),
    section(10, vec([[...uleb(code.length), ...code]])),
    ...(data
      ? [section(11, vec([[0x00, 0x41, ...sleb(data.at), 0x0b, ...uleb(data.bytes.length), ...data.bytes]]))]
      : []),
  );
}

/** `i32.const value` (signed LEB128 immediate). */
export function i32Const(value: number): number[] {
  return [0x41, ...sleb(value)];
}

/** `call index`. */
export function call(index: number): number[] {
  return [0x10, ...uleb(index)];
}

/** Signed LEB128 of a 32-bit integer. */
function sleb(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** `proc_exit`, for programs that report a result through their exit code. */
export const PROC_EXIT: WasiImport = { call: 'proc_exit', params: [I32], results: [] };
