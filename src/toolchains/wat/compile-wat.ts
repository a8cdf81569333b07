import type { CompileRequest, CompileResult } from '../types.ts';
import { parseWatDiagnostics } from './diagnostics.ts';
import type { Wabt } from './load-wabt.ts';

/** wabt's own prefix on what it throws ("parseWat failed:", "validate failed:"). */
const STAGE = /^\w+ failed[:.]\n?/;

/** Assembles and validates the request's one WAT module with wabt. */
export function compileWithWabt(request: CompileRequest, wabt: Wabt): CompileResult {
  const [source, ...extra] = request.sources;
  if (source === undefined || extra.length > 0)
    return failure(`WAT compiles one module at a time, got ${request.sources.length} sources`);
  const text = request.files[source];
  if (text === undefined) return failure(`${source} is not in the project`);
  let module: ReturnType<Wabt['parseWat']> | undefined;
  try {
    // wabt copies the name without its NUL terminator (so it needs one of ours), reads a string as ASCII,
    // and copies a byte view's whole underlying buffer: it gets UTF-8 bytes in a buffer of their own.
    const bytes = new Uint8Array(typeof text === 'string' ? new TextEncoder().encode(text) : text);
    module = wabt.parseWat(`${source}\0`, bytes);
    module.resolveNames();
    module.validate();
    const { buffer } = module.toBinary({});
    return { ok: true, wasm: buffer.slice(), diagnostics: [], log: '' };
  } catch (error) {
    const log = (error instanceof Error ? error.message : String(error)).replace(STAGE, '');
    const diagnostics = parseWatDiagnostics(log, source);
    if (diagnostics.length === 0)
      diagnostics.push({ line: 0, column: 0, severity: 'error', message: log.trim(), origin: 'wabt' });
    return { ok: false, diagnostics, log };
  } finally {
    module?.destroy();
  }
}

function failure(message: string): CompileResult {
  return {
    ok: false,
    diagnostics: [{ line: 0, column: 0, severity: 'error', message }],
    log: `${message}\n`,
  };
}
