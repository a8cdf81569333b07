import type { CompilerDiagnostic } from './types.ts';

/**
 * One line the way compilers print it: `file:line:col: severity: message`; without a project file, the
 * origin (tool or system header) takes the file's place, and positions that are 0 are left out.
 */
export function formatCompilerDiagnostic(d: CompilerDiagnostic): string {
  const where =
    d.file === undefined
      ? d.origin
      : [d.file, ...(d.line > 0 ? [d.line, ...(d.column > 0 ? [d.column] : [])] : [])].join(':');
  return `${where === undefined ? '' : `${where}: `}${d.severity}: ${d.message}`;
}
