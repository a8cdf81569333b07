import type * as ClangPackage from '@yowasp/clang';
import type { ToolchainProgress } from '../types.ts';

/** The loaded clang package: its commands (`clang`, `clang++`, ...) and the error a failed command throws. */
export type Clang = Pick<typeof ClangPackage, 'commands' | 'Exit'>;

type ProgressListener = (progress: ToolchainProgress) => void;

const listeners = new Set<ProgressListener>();
let loading: Promise<Clang> | undefined;

/**
 * Loads Clang/LLD once (about 100 MB of wasm and headers) and reports download progress to every caller
 * that waits for it; a failed load is forgotten so the next call tries again.
 */
export async function loadClang(onProgress?: ProgressListener): Promise<Clang> {
  if (onProgress) listeners.add(onProgress);
  loading ??= preload().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  try {
    return await loading;
  } finally {
    if (onProgress) listeners.delete(onProgress);
  }
}

async function preload(): Promise<Clang> {
  const clang = await import('@yowasp/clang');
  // A cold compile does not pass fetchProgress on, so the resources are fetched by a run without arguments.
  await clang.commands.clang(
    undefined,
    {},
    {
      fetchProgress: ({ totalLength, doneLength }) => {
        const progress: ToolchainProgress = {
          toolchain: 'clang',
          doneBytes: doneLength,
          totalBytes: totalLength,
        };
        for (const listener of listeners) listener(progress);
      },
    },
  );
  return clang;
}
