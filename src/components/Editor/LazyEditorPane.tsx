import { Suspense, lazy, useEffect, useState } from 'react';
import type { EditorPaneProps } from './EditorPane.tsx';

const EditorPane = lazy(() => import('./EditorPane.tsx'));

/**
 * The editor (Monaco, ~850 KB gzipped), fetched only after the app shell has painted: Run, the files and the
 * console are usable first, and the editor's download and start-up do not hold them back.
 */
export function LazyEditorPane(props: EditorPaneProps) {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // A frame, then a task: the shell's first paint has happened by the time the editor is requested.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  const loading = <p className="app-loading">Loading the editor…</p>;
  if (!painted) return loading;
  return (
    <Suspense fallback={loading}>
      <EditorPane {...props} />
    </Suspense>
  );
}
