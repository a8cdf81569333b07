import { useMemo } from 'react';
import type { Diagnostic } from '../engine/diagnostics.ts';
import type { Manifest } from '../engine/manifest/types.ts';
import { useAppStore } from '../store/index.ts';
import { isJobFile, jobDiagnostics } from './job-runner.ts';
import { manifestDiagnostics, planRun } from './plan-run.ts';

/** What the Manifest panel and the editor markers show, recomputed as files change. */
export interface ManifestView {
  manifest: Manifest | null;
  source: string | null;
  problem: string | null;
  /** The project manifest Run would use (null in quick mode or when blocked). */
  manifestPath: string | null;
  /** Quick mode: the program and the manifest and nvram zvsh would generate. */
  quick: { program: string; manifestText: string; nvramText: string } | null;
  diagnostics: Record<string, Diagnostic[]>;
}

/** Derives the manifest Run would use (or why there is none) and the live diagnostics of config files. */
export function useManifestView(): ManifestView {
  const files = useAppStore((s) => s.files);
  const activeFile = useAppStore((s) => s.activeFile);
  const args = useAppStore((s) => s.args);
  const env = useAppStore((s) => s.env);
  return useMemo(() => {
    const diagnostics = { ...manifestDiagnostics(files), ...jobDiagnostics(files) };
    if (activeFile !== null && isJobFile(activeFile, files[activeFile])) {
      const problem = `${activeFile} is a ZeroCloud job: Run starts every node in its own sandbox; see the Job tab`;
      return { manifest: null, source: null, problem, manifestPath: null, quick: null, diagnostics };
    }
    const plan = planRun({ files, activeFile }, { stdin: '', args, env });
    if (plan.kind === 'blocked') {
      return {
        manifest: null,
        source: null,
        problem: plan.reason,
        manifestPath: null,
        quick: null,
        diagnostics,
      };
    }
    if (plan.mode === 'quick' && plan.generated) {
      const program = plan.label.replace(/ \(quick run\)$/, '');
      return {
        manifest: plan.request.manifest,
        source: 'generated for a quick run (zvsh)',
        problem: null,
        manifestPath: null,
        quick: { program, ...plan.generated },
        diagnostics,
      };
    }
    return {
      manifest: plan.request.manifest,
      source: plan.label,
      problem: null,
      manifestPath: plan.label,
      quick: null,
      diagnostics,
    };
  }, [files, activeFile, args, env]);
}
