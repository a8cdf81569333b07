import type { CompilerDiagnostic } from '../types.ts';

const LINE = /^(?:.*?):(\d+):(\d+): (error|warning): (.*)$/;

/** wabt's messages (`main.wat:3:5: error: ...`), all placed on `file`: a WAT compile reads one file. */
export function parseWatDiagnostics(log: string, file: string): CompilerDiagnostic[] {
  const diagnostics: CompilerDiagnostic[] = [];
  for (const text of log.split(/\r?\n/)) {
    const match = LINE.exec(text);
    if (!match) continue;
    const [, line = '0', column = '0', severity, message = ''] = match;
    diagnostics.push({
      file,
      line: Number(line),
      column: Number(column),
      severity: severity === 'warning' ? 'warning' : 'error',
      message,
    });
  }
  return diagnostics;
}
