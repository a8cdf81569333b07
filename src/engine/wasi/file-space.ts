/**
 * The room the guest's in-memory files may take. ZRT kept its filesystem inside the program's memory,
 * so Memory capped it; here the files live in host memory, so they get a budget of their own.
 */
export class FileSpace {
  private _used = 0;

  constructor(
    /** Bytes the files may grow by, in total, beyond what the sandbox started with. */
    readonly limit: number,
  ) {}

  /** Takes `bytes` more (false when there is no room); a negative amount gives room back. */
  take(bytes: number): boolean {
    if (bytes > 0 && this._used + bytes > this.limit) return false;
    this._used = Math.max(0, this._used + bytes);
    return true;
  }
}
