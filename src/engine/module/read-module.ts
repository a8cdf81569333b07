import { ByteReader, MalformedModule } from './byte-reader.ts';
import { describeNonWasm } from './sniff-format.ts';

/** What an import or export is. */
export type ExternKind = 'function' | 'table' | 'memory' | 'global' | 'tag';

/** One entry of the import section. */
export interface ModuleImport {
  module: string;
  name: string;
  kind: ExternKind;
}

/** One entry of the export section. */
export interface ModuleExport {
  name: string;
  kind: ExternKind;
  index: number;
}

/** Memory limits in pages (64 KiB unless `pageSizeLog2` says otherwise). */
export interface MemoryLimits {
  minPages: number;
  /** Absent when the module declares no maximum. */
  maxPages?: number;
  memory64: boolean;
  shared: boolean;
  /** Only with the custom-page-sizes proposal. */
  pageSizeLog2?: number;
}

/** A memory, either imported (`import` set) or defined in the memory section. */
export interface ModuleMemory {
  limits: MemoryLimits;
  import?: { module: string; name: string };
}

/** Where a section lies: `start` is its id byte, `contentStart` follows its size, `end` is exclusive. */
export interface SectionRange {
  id: number;
  start: number;
  contentStart: number;
  end: number;
}

/** What the module reader learned; memories are in index order (imported first, as in the index space). */
export interface ModuleInfo {
  imports: ModuleImport[];
  exports: ModuleExport[];
  memories: ModuleMemory[];
  sections: SectionRange[];
}

/** The outcome of {@link readModule}. */
export type ReadModuleResult = { ok: true; info: ModuleInfo } | { ok: false; reason: string };

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const KINDS: ExternKind[] = ['function', 'table', 'memory', 'global', 'tag'];
const SECTION_NAMES = [
  'custom', 'type', 'import', 'function', 'table', 'memory', 'global',
  'export', 'start', 'element', 'code', 'data', 'data count', 'tag',
]; // prettier-ignore

/** Section ids, by name, for readers of {@link SectionRange}. */
export const SECTION_ID = { import: 2, memory: 5, export: 7 } as const;

/** Reads the structure of a core wasm module (not validating code); never throws, whatever the bytes. */
export function readModule(bytes: Uint8Array): ReadModuleResult {
  try {
    const headerProblem = checkHeader(bytes);
    if (headerProblem !== undefined) return { ok: false, reason: headerProblem };
    return { ok: true, info: readSections(bytes) };
  } catch (error) {
    if (error instanceof MalformedModule) return { ok: false, reason: error.message };
    return { ok: false, reason: `the module could not be read: ${String(error)}` };
  }
}

function checkHeader(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty, not a WebAssembly module';
  const magicSeen = Math.min(bytes.length, 4);
  if (!MAGIC.slice(0, magicSeen).every((b, i) => bytes[i] === b)) {
    return `this file is not a WebAssembly module (${describeNonWasm(bytes)})`;
  }
  if (bytes.length < 8) return `the module is truncated at byte ${bytes.length} (inside the 8-byte header)`;
  const version = (bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8);
  const layer = (bytes[6] ?? 0) | ((bytes[7] ?? 0) << 8);
  if (layer === 1) {
    return (
      'this is a WebAssembly component, not a core module; ' +
      'WASI preview 2 is not supported (build for wasm32-wasip1)'
    );
  }
  if (version !== 1 || layer !== 0) {
    const found = (version + layer * 0x10000).toString(16);
    return `unsupported WebAssembly binary version 0x${found}; only version 1 core modules are supported`;
  }
  return undefined;
}

function readSections(bytes: Uint8Array): ModuleInfo {
  const info: ModuleInfo = { imports: [], exports: [], memories: [], sections: [] };
  const top = new ByteReader(bytes, 8, bytes.length, 'a section header', true);
  const seen = new Set<number>();
  while (!top.done) {
    const start = top.pos;
    const id = top.u8();
    const name = SECTION_NAMES[id];
    if (name === undefined) throw new MalformedModule(`unknown section id ${id} at byte ${start}`);
    const size = top.u32();
    const contentStart = top.pos;
    const end = contentStart + size;
    if (end > bytes.length) {
      throw new MalformedModule(
        `the module is truncated at byte ${bytes.length}: ` +
          `its ${name} section needs ${end - bytes.length} more bytes`,
      );
    }
    if (id !== 0 && seen.has(id)) throw new MalformedModule(`the module has two ${name} sections`);
    seen.add(id);
    info.sections.push({ id, start, contentStart, end });
    const section = new ByteReader(bytes, contentStart, end, `the ${name} section`);
    if (id === SECTION_ID.import) readImports(section, info);
    if (id === SECTION_ID.memory) readMemories(section, info);
    if (id === SECTION_ID.export) readExports(section, info);
    if ((id === SECTION_ID.import || id === SECTION_ID.memory || id === SECTION_ID.export) && !section.done) {
      throw new MalformedModule(`the ${name} section has ${end - section.pos} unexpected bytes at its end`);
    }
    top.pos = end;
  }
  return info;
}

function readImports(r: ByteReader, info: ModuleInfo): void {
  for (let count = r.u32(), i = 0; i < count; i++) {
    const module = r.name();
    const name = r.name();
    const at = r.pos;
    const kind = KINDS[r.u8()];
    if (kind === undefined)
      throw new MalformedModule(`unknown import kind 0x${hex(r.bytes[at])} at byte ${at}`);
    info.imports.push({ module, name, kind });
    if (kind === 'function') r.u32();
    if (kind === 'table') {
      readValueType(r);
      readLimits(r);
    }
    if (kind === 'memory') info.memories.push({ limits: readLimits(r), import: { module, name } });
    if (kind === 'global') {
      readValueType(r);
      r.u8();
    }
    if (kind === 'tag') {
      r.u8();
      r.u32();
    }
  }
}

function readMemories(r: ByteReader, info: ModuleInfo): void {
  for (let count = r.u32(), i = 0; i < count; i++) info.memories.push({ limits: readLimits(r) });
}

function readExports(r: ByteReader, info: ModuleInfo): void {
  for (let count = r.u32(), i = 0; i < count; i++) {
    const name = r.name();
    const at = r.pos;
    const kind = KINDS[r.u8()];
    if (kind === undefined)
      throw new MalformedModule(`unknown export kind 0x${hex(r.bytes[at])} at byte ${at}`);
    info.exports.push({ name, kind, index: r.u32() });
  }
}

/** Limits flags: bit 0 has a maximum, bit 1 shared, bit 2 64-bit, bit 3 custom page size. */
function readLimits(r: ByteReader): MemoryLimits {
  const at = r.pos;
  const flags = r.u8();
  if (flags > 0x0f) throw new MalformedModule(`unknown limits flags 0x${hex(flags)} at byte ${at}`);
  const memory64 = (flags & 0x04) !== 0;
  const read = () => (memory64 ? r.u64() : r.u32());
  const limits: MemoryLimits = { minPages: read(), memory64, shared: (flags & 0x02) !== 0 };
  if (flags & 0x01) limits.maxPages = read();
  if (flags & 0x08) limits.pageSizeLog2 = r.u32();
  return limits;
}

function readValueType(r: ByteReader): void {
  const code = r.u8();
  // (ref null? ht) carries a heap type index; every other value type is the single byte.
  if (code === 0x63 || code === 0x64) r.s33();
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}
