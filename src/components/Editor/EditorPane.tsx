import { useId, useLayoutEffect, useRef } from 'react';
import type { Diagnostic } from '../../engine/diagnostics.ts';
import { BinaryPanel } from './BinaryPanel.tsx';
import { EditorSession } from './editor-session.ts';
import type { EditorReveal } from './editor-session.ts';
import { textOf } from './file-bytes.ts';
import { TabStrip } from './TabStrip.tsx';
import './editor.css';

/** Props of the editor panel: project files in, edits and tab actions out. */
export interface EditorPaneProps {
  /** Every project file by path; text files open in Monaco, binary ones in a hex preview. */
  files: Record<string, Uint8Array>;
  /** Paths shown as tabs, in tab order. */
  openFiles: string[];
  /** The path shown in the editor, or null for none. */
  activeFile: string | null;
  theme: 'light' | 'dark';
  /** Diagnostics by path, shown as editor markers. */
  diagnostics: Record<string, Diagnostic[]>;
  /** Shows this place once it is the active file (a new `seq` asks again). */
  reveal?: EditorReveal | null;
  /** Paths the user may look at but not edit. */
  readOnlyPaths?: string[];
  /** The full new text of `path` after an edit in the editor (encode it as UTF-8 to store it). */
  onChangeText(path: string, text: string): void;
  onSelect(path: string): void;
  onClose(path: string): void;
  /** Ctrl/Cmd+Enter inside the editor. */
  onRun(): void;
  /** Ctrl/Cmd+B inside the editor; leave it out and the shortcut is not taken. */
  onBuild?(): void;
}

const NO_PATHS: readonly string[] = [];

type View = 'empty' | 'missing' | 'binary' | 'text';

/** The editor region: a tab per open file and one Monaco editor with a model per file. */
export function EditorPane(props: EditorPaneProps) {
  const { files, openFiles, activeFile, theme, diagnostics, onSelect, onClose } = props;
  const readOnlyPaths = props.readOnlyPaths ?? NO_PATHS;
  const hostRef = useRef<HTMLDivElement>(null);
  const sessionRef = useRef<EditorSession | null>(null);
  const latest = useRef(props);
  const baseId = useId();

  useLayoutEffect(() => {
    latest.current = props;
  });

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const session = new EditorSession(host, () => latest.current, latest.current.theme);
    sessionRef.current = session;
    return () => {
      sessionRef.current = null;
      session.dispose();
    };
  }, []);

  const readOnly = activeFile !== null && readOnlyPaths.includes(activeFile);
  const canBuild = props.onBuild !== undefined;
  const reveal = props.reveal ?? null;
  useLayoutEffect(() => {
    sessionRef.current?.update({
      files,
      openFiles,
      activeFile,
      theme,
      diagnostics,
      readOnly,
      canBuild,
      reveal,
    });
  }, [files, openFiles, activeFile, theme, diagnostics, readOnly, canBuild, reveal]);

  const activeBytes = activeFile === null ? undefined : files[activeFile];
  let view: View = 'text';
  if (activeFile === null) view = 'empty';
  else if (activeBytes === undefined) view = 'missing';
  else if (textOf(activeFile, activeBytes) === null) view = 'binary';

  const tabId = (index: number) => `${baseId}-tab-${index}`;
  const panelId = `${baseId}-panel`;
  const activeIndex = activeFile === null ? -1 : openFiles.indexOf(activeFile);

  return (
    <section role="region" aria-label="Editor" className="zvm-editor">
      {openFiles.length > 0 && (
        <TabStrip
          openFiles={openFiles}
          activeFile={activeFile}
          readOnlyPaths={readOnlyPaths}
          tabId={tabId}
          panelId={panelId}
          onSelect={onSelect}
          onClose={onClose}
        />
      )}
      <div
        className="zvm-editor__body"
        id={panelId}
        role={activeIndex >= 0 ? 'tabpanel' : undefined}
        aria-labelledby={activeIndex >= 0 ? tabId(activeIndex) : undefined}
      >
        <div ref={hostRef} className="zvm-editor__monaco" hidden={view !== 'text'} />
        {view === 'empty' && <p className="zvm-editor__hint">Open a file from the Files tree</p>}
        {view === 'missing' && <p className="zvm-editor__hint">{activeFile} no longer exists.</p>}
        {view === 'binary' && activeBytes !== undefined && <BinaryPanel bytes={activeBytes} />}
      </div>
    </section>
  );
}

export default EditorPane;
