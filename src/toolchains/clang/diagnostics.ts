import type { CompilerDiagnostic, CompilerSeverity } from '../types.ts';
import { treePathOf } from './file-tree.ts';

const POSITIONED = /^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning|note|remark): (.*)$/;
const TOOL = /^([\w.+-]+): (fatal error|error|warning|note): (.*)$/;
/** The driver's temporary object files, e.g. `/tmp/main-62bf3f.o`. */
const TEMP_OBJECT = /\/tmp\/([^/\s]+?)-[0-9a-f]{6,}\.o\b/g;

/**
 * Clang's and wasm-ld's messages in a compile log. `projectPaths` maps the path as the compiler sees it
 * (see treePathOf) to the project path; positions in other files (system headers) keep their place in
 * `origin`, and linker or driver messages name their tool there.
 */
export function parseClangDiagnostics(
  log: string,
  projectPaths: ReadonlyMap<string, string>,
): CompilerDiagnostic[] {
  const diagnostics: CompilerDiagnostic[] = [];
  for (const text of log.split(/\r?\n/)) {
    const diagnostic = positioned(text, projectPaths) ?? fromTool(text);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function positioned(text: string, projectPaths: ReadonlyMap<string, string>): CompilerDiagnostic | undefined {
  const match = POSITIONED.exec(text);
  if (!match) return undefined;
  const [, path = '', line = '0', column, severity = '', message = ''] = match;
  const file = projectPaths.get(treePathOf(path));
  if (file !== undefined)
    return { file, line: Number(line), column: Number(column ?? 0), severity: severityOf(severity), message };
  const origin = `${path}:${line}${column === undefined ? '' : `:${column}`}`;
  return { line: 0, column: 0, severity: severityOf(severity), message, origin };
}

function fromTool(text: string): CompilerDiagnostic | undefined {
  const match = TOOL.exec(text);
  if (!match) return undefined;
  const [, origin = '', severity = '', message = ''] = match;
  return {
    line: 0,
    column: 0,
    severity: severityOf(severity),
    message: message.replace(TEMP_OBJECT, '$1.o'),
    origin,
  };
}

function severityOf(word: string): CompilerSeverity {
  if (word === 'warning') return 'warning';
  if (word === 'note' || word === 'remark') return 'note';
  return 'error';
}
