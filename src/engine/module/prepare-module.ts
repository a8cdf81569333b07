import { encodeUleb128 } from './leb128.ts';
import { readModule, SECTION_ID } from './read-module.ts';
import type { MemoryLimits, ModuleImport, ModuleInfo } from './read-module.ts';

/** The only import module a ZeroVM sandbox provides. */
export const WASI_MODULE = 'wasi_snapshot_preview1';

/** Bytes per wasm page. */
export const PAGE_SIZE = 65536;

/** The most pages a wasm32 memory can have (4 GiB). */
export const MAX_PAGES_32 = 65536;

/** A module ready to instantiate, or the reason the sandbox refuses it. */
export type PrepareResult =
  | {
      ok: true;
      /** The module with its memory maximum lowered to the Memory limit; otherwise byte-identical. */
      bytes: Uint8Array<ArrayBuffer>;
      /** The module as submitted (before the rewrite). */
      info: ModuleInfo;
      /** The memory's maximum after the rewrite, in 64 KiB pages. */
      maxPages: number;
    }
  | { ok: false; state: 'refused'; reason: string };

/** Refuses what a sandbox cannot run; caps memory at the limit (memory.grow fails past it). Never throws. */
export function prepareModule(bytes: Uint8Array, memoryLimitBytes: number): PrepareResult {
  const read = readModule(bytes);
  if (!read.ok) return refuse(read.reason);
  const { info } = read;
  const limitPages = pagesAllowed(memoryLimitBytes);
  const problem =
    checkImports(info.imports) ?? checkExports(info) ?? checkMemory(info, limitPages, memoryLimitBytes);
  if (problem !== undefined) return refuse(problem);
  const memory = info.memories[0]?.limits;
  const section = info.sections.find((s) => s.id === SECTION_ID.memory);
  if (memory === undefined || section === undefined) return refuse('the module defines no memory');
  const maxPages = Math.min(memory.maxPages ?? MAX_PAGES_32, limitPages);
  const flags = 0x01 | (memory.shared ? 0x02 : 0);
  const content = [1, flags, ...encodeUleb128(memory.minPages), ...encodeUleb128(maxPages)];
  const replacement = [SECTION_ID.memory, ...encodeUleb128(content.length), ...content];
  const out = new Uint8Array(bytes.length - (section.end - section.start) + replacement.length);
  out.set(bytes.subarray(0, section.start), 0);
  out.set(replacement, section.start);
  out.set(bytes.subarray(section.end), section.start + replacement.length);
  return { ok: true, bytes: out, info, maxPages };
}

function refuse(reason: string): PrepareResult {
  return { ok: false, state: 'refused', reason };
}

function pagesAllowed(limitBytes: number): number {
  if (Number.isNaN(limitBytes) || limitBytes <= 0) return 0;
  return Math.min(Math.floor(limitBytes / PAGE_SIZE), MAX_PAGES_32);
}

function checkImports(imports: ModuleImport[]): string | undefined {
  const memory = imports.find((i) => i.kind === 'memory');
  if (memory !== undefined) {
    return (
      `the module imports its memory (${memory.module}.${memory.name}) instead of defining it; ` +
      'a ZeroVM sandbox gives each program its own: build without --import-memory'
    );
  }
  const foreign = imports.filter((i) => i.module !== WASI_MODULE);
  const first = foreign[0];
  if (first === undefined) return undefined;
  const more = foreign.length > 1 ? ` (and ${foreign.length - 1} more from outside WASI)` : '';
  const what = `${first.module}.${first.name} (${first.kind})${more}`;
  return `the module imports ${what}; a ZeroVM sandbox offers only ${WASI_MODULE}`;
}

function checkExports(info: ModuleInfo): string | undefined {
  if (info.exports.some((e) => e.name === '_start' && e.kind === 'function')) return undefined;
  if (info.exports.some((e) => e.name === '_initialize')) {
    return 'the module is a WASI reactor (it exports _initialize, not _start): build it as a WASI command';
  }
  return 'the module has no _start function: build it as a WASI command';
}

function checkMemory(info: ModuleInfo, limitPages: number, limitBytes: number): string | undefined {
  const [first, ...others] = info.memories;
  if (first === undefined) return 'the module defines no memory; a WASI command needs one';
  if (others.length > 0) return `the module defines ${info.memories.length} memories; a sandbox supports one`;
  const limits: MemoryLimits = first.limits;
  if (limits.memory64) return 'the module uses a 64-bit memory (memory64); only wasm32 modules are supported';
  if (limits.pageSizeLog2 !== undefined)
    return 'the module uses custom memory page sizes, which are not supported';
  if (limits.maxPages !== undefined && limits.maxPages < limits.minPages) {
    const { maxPages, minPages } = limits;
    return `the module's memory maximum (${maxPages} pages) is below its minimum (${minPages} pages)`;
  }
  if (!info.exports.some((e) => e.name === 'memory' && e.kind === 'memory')) {
    return "the module does not export its memory as 'memory', which WASI needs";
  }
  if (limits.minPages > limitPages) {
    const needs = formatBytes(limits.minPages * PAGE_SIZE);
    const allows = formatBytes(Number.isFinite(limitBytes) ? Math.max(0, limitBytes) : 0);
    return `the module needs at least ${needs} of memory at start but Memory allows ${allows}`;
  }
  return undefined;
}

/** "17 MiB", "1.5 GiB", "128 KiB", "0 bytes". */
export function formatBytes(n: number): string {
  const units: Array<[string, number]> = [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ];
  for (const [unit, size] of units) {
    if (n >= size) return `${Number((n / size).toFixed(2))} ${unit}`;
  }
  return `${n} bytes`;
}
