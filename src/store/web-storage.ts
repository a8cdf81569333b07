/** The part of Web Storage the app uses (localStorage, sessionStorage, or a fake in tests). */
export type WebStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage or sessionStorage; null where there is none or it is blocked. */
export function browserStorage(which: 'localStorage' | 'sessionStorage'): WebStorage | null {
  try {
    return globalThis[which] ?? null;
  } catch {
    // Storage blocked (some privacy settings throw on access).
    return null;
  }
}

/** What `access` returns, or null when Web Storage throws (blocked or full). */
export function tryStorage<T>(access: () => T): T | null {
  try {
    return access();
  } catch {
    return null;
  }
}
