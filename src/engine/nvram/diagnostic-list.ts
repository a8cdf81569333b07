import type { Diagnostic } from '../diagnostics.ts';

/** How many diagnostics a parse reports before summing up the rest in one line. */
export const MAX_DIAGNOSTICS = 200;

/** Collects diagnostics up to a limit, counting (but not keeping) the ones past it. */
export class DiagnosticList {
  /** Number of errors added, shown or not. */
  errorCount = 0;
  private readonly _shown: Diagnostic[] = [];
  private _hidden = 0;
  private _hiddenErrors = 0;
  private _firstHiddenLine = 0;
  private readonly _limit: number;

  constructor(limit = MAX_DIAGNOSTICS) {
    this._limit = limit;
  }

  /** Adds one diagnostic. */
  add(d: Diagnostic): void {
    if (d.severity === 'error') this.errorCount++;
    if (this._shown.length < this._limit) {
      this._shown.push(d);
      return;
    }
    if (this._hidden === 0) this._firstHiddenLine = d.line;
    this._hidden++;
    if (d.severity === 'error') this._hiddenErrors++;
  }

  /** The kept diagnostics, plus a summary of the hidden ones when there are any. */
  finish(): Diagnostic[] {
    if (this._hidden === 0) return this._shown;
    const errors = this._hiddenErrors > 0 ? ` (${this._hiddenErrors} of them errors)` : '';
    return [
      ...this._shown,
      {
        line: this._firstHiddenLine,
        column: 1,
        endColumn: 2,
        severity: this._hiddenErrors > 0 ? 'error' : 'warning',
        message: `${this._hidden} more problems not shown${errors}; fix the ones above first.`,
      },
    ];
  }
}
