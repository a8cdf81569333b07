/** Unsigned LEB128 bytes (tests may pass non-minimal `padTo` lengths to exercise re-encoding). */
export function uleb(value: number, padTo = 0): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const byte = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(byte | 0x80);
  } while (rest > 0 || out.length < padTo);
  out[out.length - 1] = (out[out.length - 1] ?? 0) & 0x7f;
  return out;
}

/** A length-prefixed UTF-8 name. */
export function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

/** A vector: count, then the items. */
export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A section: id, size, content. */
export function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

/** The 8-byte core module header. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Header plus the given sections. */
export function wasm(...sections: number[][]): Uint8Array {
  return new Uint8Array([...HEADER, ...sections.flat()]);
}

/** Memory limits bytes: `flags` defaults to 0 or 1 by whether `max` is given. */
export function limits(min: number, max?: number, flags = max === undefined ? 0 : 1): number[] {
  return [flags, ...uleb(min), ...(max === undefined ? [] : uleb(max))];
}

/** One import: `desc` is the kind byte followed by its type (see {@link importDesc}). */
export interface ImportSpec {
  module: string;
  name: string;
  desc: number[];
}

/** Import descriptions by kind. */
export const importDesc = {
  function: (typeIndex = 0) => [0x00, ...uleb(typeIndex)],
  table: () => [0x01, 0x70, ...limits(1)],
  memory: (min: number, max?: number) => [0x02, ...limits(min, max)],
  global: () => [0x03, 0x7f, 0x00],
  tag: () => [0x04, 0x00, 0x00],
};

/** How {@link wasiCommand} shapes its module. */
export interface CommandShape {
  /** Memory section entries as limits bytes; default one memory of 1 page, no max. */
  memories?: number[][];
  imports?: ImportSpec[];
  /** Export names to leave out, e.g. `_start` or `memory`. */
  omitExports?: string[];
  extraExports?: number[][];
  /** Bytes appended after the code section (e.g. a custom section). */
  trailer?: number[];
}

/** A small command exporting `_start`, `memory`, `grow(pages) -> old size or -1` and `size() -> pages`. */
export function wasiCommand(shape: CommandShape = {}): Uint8Array {
  const imports = shape.imports ?? [];
  const functionImports = imports.filter((i) => i.desc[0] === 0x00).length;
  const types = vec([
    [0x60, 0x00, 0x00],
    [0x60, 0x01, 0x7f, 0x01, 0x7f],
    [0x60, 0x00, 0x01, 0x7f],
  ]);
  const exports = [
    ['_start', [0x00, ...uleb(functionImports)]],
    ['grow', [0x00, ...uleb(functionImports + 1)]],
    ['size', [0x00, ...uleb(functionImports + 2)]],
    ['memory', [0x02, 0x00]],
  ] as const;
  const exportEntries = exports
    .filter(([exportName]) => !shape.omitExports?.includes(exportName))
    .map(([exportName, desc]) => [...name(exportName), ...desc]);
  const bodies = [
    [0x00, 0x0b],
    [0x00, 0x20, 0x00, 0x40, 0x00, 0x0b],
    [0x00, 0x3f, 0x00, 0x0b],
  ];
  return wasm(
    section(1, types),
    ...(imports.length > 0
      ? [section(2, vec(imports.map((i) => [...name(i.module), ...name(i.name), ...i.desc])))]
      : []),
    section(3, vec([[0x00], [0x01], [0x02]])),
    ...(shape.memories?.length === 0 ? [] : [section(5, vec(shape.memories ?? [limits(1)]))]),
    section(7, vec([...exportEntries, ...(shape.extraExports ?? [])])),
    section(10, vec(bodies.map((body) => [...uleb(body.length), ...body]))),
    shape.trailer ?? [],
  );
}
