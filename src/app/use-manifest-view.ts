import { useMemo } from 'react';
import type { Diagnostic } from '../engine/diagnostics.ts';
import type { Manifest } from '../engine/manifest/types.ts';
import { useAppStore } from '../store/index.ts';
import { manifestDiagnostics, planRun } from './plan-run.ts';

/** What the Manifest panel and the editor markers show, recomputed as files change. */
export interface ManifestView {
  manifest: Manifest | null;
  source: string | null;
  problem: string | null;
  /** Run would be a quick run (args and env apply). */
  quickMode: boolean;
  diagnostics: Record<string, Diagnostic[]>;
}

/** Derives the manifest Run would use (or why there is none) and the live diagnostics of config files. */
export function useManifestView(): ManifestView {
  const files = useAppStore((s) => s.files);
  const activeFile = useAppStore((s) => s.activeFile);
  const args = useAppStore((s) => s.args);
  const env = useAppStore((s) => s.env);
  return useMemo(() => {
    const diagnostics = manifestDiagnostics(files);
    const plan = planRun({ files, activeFile }, { stdin: '', args, env });
    if (plan.kind === 'blocked') {
      return { manifest: null, source: null, problem: plan.reason, quickMode: false, diagnostics };
    }
    const quickMode = plan.mode === 'quick';
    const source = quickMode ? 'generated for a quick run (zvsh)' : plan.label;
    return { manifest: plan.request.manifest, source, problem: null, quickMode, diagnostics };
  }, [files, activeFile, args, env]);
}
