/** Source languages the playground compiles (Python is not compiled: it runs on the runtime:python image). */
export type CompiledLanguage = 'c' | 'cpp' | 'wat';

/** Every language a project file can be in, by extension. */
export type Language = CompiledLanguage | 'python' | 'wasm';

/** Clang optimisation levels the UI offers. */
export type OptLevel = 'O0' | 'O2';

/** How bad a compiler message is. */
export type CompilerSeverity = 'error' | 'warning' | 'note';

/** One compiler message, positioned on a project file when the compiler named one. */
export interface CompilerDiagnostic {
  /** Project path (as given in CompileRequest.files); undefined for linker or driver messages. */
  file?: string;
  /** 1-based; 0 when unknown. */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  severity: CompilerSeverity;
  /** The compiler's own words, without the `file:line:col: severity:` prefix. */
  message: string;
  /**
   * Who spoke when `file` is not a project file: the tool (`wasm-ld`, `clang`) or a position in a
   * system header (`/usr/include/stdio.h:124:22`), as the compiler printed it.
   */
  origin?: string;
}

/** What to compile: sources of one language, with every project file they may include. */
export interface CompileRequest {
  language: CompiledLanguage;
  /** Project files by project path (e.g. "src/main.c"); headers and other sources are visible to the compiler. */
  files: Record<string, Uint8Array | string>;
  /** Project paths of the translation units (C/C++) or the one module (WAT) to compile. */
  sources: string[];
  /** C/C++ only; default 'O2'. */
  optimize?: OptLevel;
  /** Extra clang flags (the CLI's `-- FLAGS`); ignored for WAT. */
  extraFlags?: string[];
}

/** What compiling a project entry means: its language, translation units and output path. */
export interface CompileUnit {
  language: CompiledLanguage;
  /** Project paths of the sources, sorted. */
  sources: string[];
  /** Project path of the module to write. */
  output: string;
}

/** What a compile produced: the module when it succeeded, and always the messages and full log. */
export interface CompileResult {
  ok: boolean;
  /** The wasm32-wasi module, when ok. */
  wasm?: Uint8Array;
  diagnostics: CompilerDiagnostic[];
  /** Everything the compiler printed, as text for the console. */
  log: string;
}

/** Download progress of a toolchain's files. */
export interface ToolchainProgress {
  toolchain: 'clang' | 'wabt' | 'python';
  doneBytes: number;
  totalBytes: number;
}
