import type { Tree } from '@yowasp/clang';

/** The prelude header's and its precompiled form's names in the compiler's file tree. */
export const PRELUDE_HEADER = 'zvm-prelude.hpp';
export const PRELUDE_PCH = 'zvm-prelude.pch';

/** What the prelude holds: <iostream>, whose parse is most of a small C++ program's compile time. */
const PRELUDE_TEXT = '#include <iostream>\n';

const INCLUDES_IOSTREAM = /^[ \t]*#[ \t]*include[ \t]*<iostream>/m;
// A macro set before <iostream> could change what it declares; such a file is compiled without the prelude.
const MACRO_LINE = /^[ \t]*#[ \t]*(define|undef)\b/m;

/**
 * True when precompiling <iostream> cannot change what `source` means: it includes <iostream> itself, and
 * defines no macro before doing so (the precompiled header is read before the file's first line).
 */
export function preludeFits(source: string): boolean {
  const include = INCLUDES_IOSTREAM.exec(source);
  if (!include) return false;
  return !MACRO_LINE.test(source.slice(0, include.index));
}

/**
 * Precompiled <iostream> headers, one per set of compiler flags, kept for the life of the compiler (the
 * browser's warm compiler worker). A compile that could use one that is not built yet asks for it; the owner
 * builds wanted ones between compiles, so a C++ program's second compile skips parsing <iostream> (~3x faster).
 */
export class PreludeHeaders {
  private readonly built = new Map<string, Uint8Array>();
  private readonly wanted = new Map<string, string[]>();

  /** The files and flags that make a compile with `flags` use the prelude, or undefined if it is not built. */
  use(flags: readonly string[]): { files: Tree; flags: string[] } | undefined {
    const pch = this.built.get(flags.join('\0'));
    if (!pch) return undefined;
    return {
      files: { [PRELUDE_HEADER]: PRELUDE_TEXT, [PRELUDE_PCH]: pch },
      flags: ['-include-pch', PRELUDE_PCH],
    };
  }

  /** Notes that a compile with `flags` would have used the prelude. */
  want(flags: readonly string[]): void {
    const key = flags.join('\0');
    if (!this.built.has(key)) this.wanted.set(key, [...flags]);
  }

  /** Forgets the prelude for `flags` (it was refused by the compiler). */
  drop(flags: readonly string[]): void {
    this.built.delete(flags.join('\0'));
  }

  /** True when a wanted prelude is waiting to be built. */
  get pending(): boolean {
    return this.wanted.size > 0;
  }

  /** Builds every wanted prelude with `precompile` (which returns the .pch bytes, or undefined on failure). */
  async buildWanted(
    precompile: (flags: string[], files: Tree, header: string) => Promise<Uint8Array | undefined>,
  ): Promise<void> {
    for (const [key, flags] of [...this.wanted]) {
      this.wanted.delete(key);
      const pch = await precompile(flags, { [PRELUDE_HEADER]: PRELUDE_TEXT }, PRELUDE_HEADER);
      if (pch) this.built.set(key, pch);
    }
  }
}
