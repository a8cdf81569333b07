import type { Diagnostic, Severity } from '../diagnostics.ts';
import type { Token } from './line-tokens.ts';
import { MANIFEST_LIMITS } from './limits.ts';

/** A diagnostic message, or a function building it on demand. */
export type Message = string | (() => string);

/** Collects diagnostics, keeps at most `cap` of them and summarises the rest in one final diagnostic. */
// The cap spares a huge broken input both the time and a wall of identical editor markers.
export class DiagnosticList {
  private readonly _kept: Diagnostic[] = [];
  private _overflow = 0;
  private _overflowErrors = 0;
  private _overflowLine = Infinity;

  constructor(private readonly _cap: number = MANIFEST_LIMITS.diagnostics) {}

  /** Records a problem at `span` on `line`; `pinned` ones (end-of-file checks) are kept past the cap. */
  add(severity: Severity, line: number, span: Token, message: Message, pinned = false): void {
    if (pinned || this._kept.length < this._cap) {
      // Messages are built only for kept diagnostics, so counting thousands of dropped ones stays cheap.
      const text = typeof message === 'string' ? message : message();
      this._kept.push({ line, column: span.column, endColumn: span.endColumn, severity, message: text });
      return;
    }
    this._overflow++;
    if (severity === 'error') this._overflowErrors++;
    this._overflowLine = Math.min(this._overflowLine, line);
  }

  /** Shorthand for an error. */
  error(line: number, span: Token, message: Message): void {
    this.add('error', line, span, message);
  }

  /** Shorthand for a warning. */
  warn(line: number, span: Token, message: Message): void {
    this.add('warning', line, span, message);
  }

  /** The diagnostics sorted by position, capped, with a summary of what was left out. */
  finish(): Diagnostic[] {
    const sorted = this._kept
      .map((d, i) => ({ d, i }))
      .sort((a, b) => a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i)
      .map(({ d }) => d);
    if (sorted.length + this._overflow <= this._cap) return sorted;
    const shown = sorted.slice(0, this._cap - 1);
    const hidden = sorted.slice(this._cap - 1);
    const count = hidden.length + this._overflow;
    const errors = hidden.filter((d) => d.severity === 'error').length + this._overflowErrors;
    const line = Math.min(hidden[0]?.line ?? Infinity, this._overflowLine);
    const warnings = count - errors;
    shown.push({
      line,
      column: 1,
      endColumn: 2,
      // Hidden errors must still block the run, so the summary carries the worst severity.
      severity: errors > 0 ? 'error' : 'warning',
      message:
        `${count} more problems not shown (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) ` +
        'from this line on; fix the ones above and check again',
    });
    return shown;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
