/** How bad a diagnostic is: an error stops the run, a warning does not. */
export type Severity = 'error' | 'warning';

/** One problem found in a manifest, nvram or job file, positioned for editor markers and the CLI. */
export interface Diagnostic {
  /** 1-based line number. */
  line: number;
  /** 1-based column where the problem starts (1 when it concerns the whole line). */
  column: number;
  /** 1-based column just past the problem (exclusive); equals column + 1 when unknown. */
  endColumn: number;
  severity: Severity;
  /** A sentence a beginner understands, saying what is wrong and how to fix it. */
  message: string;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Formats a diagnostic the way the CLI prints it: `file:line:column: error: message`. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
