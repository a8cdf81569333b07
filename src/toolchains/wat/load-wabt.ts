import type wabtInit from 'wabt';

/** The initialised wabt module (parseWat, readWasm). */
export type Wabt = Awaited<ReturnType<typeof wabtInit>>;

let loading: Promise<Wabt> | undefined;

/** Initialises wabt once (its wasm is inside the package's JavaScript, so there is nothing to download). */
export function loadWabt(): Promise<Wabt> {
  loading ??= import('wabt')
    .then((wabt) => wabt.default())
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
