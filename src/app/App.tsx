import { Suspense, lazy, useEffect, useMemo, useRef } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { Console } from '../components/Console/Console.tsx';
import type { ConsoleHandle } from '../components/Console/Console.tsx';
import { FileTree } from '../components/FileTree/FileTree.tsx';
import { ManifestPanel } from '../components/ManifestPanel/ManifestPanel.tsx';
import { ReportPanel } from '../components/ReportPanel/ReportPanel.tsx';
import { RunInputs } from '../components/RunInputs/RunInputs.tsx';
import { Toolbar } from '../components/Toolbar/Toolbar.tsx';
import { useAppStore } from '../store/index.ts';
import { useProjectActions } from './use-project-actions.ts';
import { useRunController } from './use-run-controller.ts';
import { useRegionCycling } from './use-region-cycling.ts';
import { useResolvedTheme } from './use-theme.ts';
import { useManifestView } from './use-manifest-view.ts';
import { defaultProject } from './default-project/index.ts';
import './app.css';

// Monaco is large: the first screen (and the Run button) must not wait for it.
const EditorPane = lazy(() => import('../components/Editor/EditorPane.tsx'));

/** The playground: toolbar, files, editor, manifest and report, console and run inputs. */
export function App() {
  const consoleRef = useRef<ConsoleHandle>(null);
  const files = useAppStore((s) => s.files);
  const folders = useAppStore((s) => s.folders);
  const openFiles = useAppStore((s) => s.openFiles);
  const activeFile = useAppStore((s) => s.activeFile);
  const storeBadges = useAppStore((s) => s.badges);
  const run = useAppStore((s) => s.run);
  const themeChoice = useAppStore((s) => s.theme);
  const stdin = useAppStore((s) => s.stdin);
  const args = useAppStore((s) => s.args);
  const env = useAppStore((s) => s.env);
  const ui = useAppStore.getState();
  const theme = useResolvedTheme(themeChoice);
  const controller = useRunController(consoleRef);
  const actions = useProjectActions(consoleRef);
  const view = useManifestView();
  useRegionCycling();

  useEffect(() => {
    if (Object.keys(useAppStore.getState().files).length > 0) return;
    const project = defaultProject();
    useAppStore.getState().loadProject(project.files, project.folders, project.openFiles);
    useAppStore.getState().setStdin(project.stdin);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // The editor handles its own Ctrl/Cmd+Enter (and marks the event handled).
      if (event.defaultPrevented) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        controller.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  const fileList = useMemo(() => Object.keys(files).sort(), [files]);
  const badges = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(storeBadges).map(([p, b]) => [p, b === 'added' ? 'added' : 'modified'] as const),
      ),
    [storeBadges],
  );
  const status = controller.status(run);

  return (
    <div className="app">
      <Toolbar
        running={run.status === 'running'}
        status={status}
        theme={themeChoice}
        onRun={controller.run}
        onStop={controller.stop}
        onTheme={ui.setTheme}
      />
      <div className="app-main">
        <Group orientation="vertical" className="app-grid">
          <Panel defaultSize="70" minSize="30">
            <Group orientation="horizontal">
              <Panel defaultSize="18" minSize="10" collapsible>
                <div className="app-region" data-region tabIndex={-1}>
                  <FileTree
                    files={fileList}
                    folders={folders}
                    activeFile={activeFile}
                    badges={badges}
                    onOpen={actions.open}
                    onCreateFile={actions.createFile}
                    onCreateFolder={actions.createFolder}
                    onRename={actions.rename}
                    onDelete={actions.remove}
                    onUpload={actions.upload}
                    onDownloadFile={actions.downloadFile}
                    onDownloadProject={actions.downloadProject}
                  />
                </div>
              </Panel>
              <Separator className="app-separator" />
              <Panel defaultSize="52" minSize="25">
                <div className="app-region" data-region tabIndex={-1}>
                  <Suspense fallback={<p className="app-loading">Loading the editor…</p>}>
                    <EditorPane
                      files={files}
                      openFiles={openFiles}
                      activeFile={activeFile}
                      theme={theme}
                      diagnostics={view.diagnostics}
                      onChangeText={actions.setText}
                      onSelect={actions.select}
                      onClose={actions.close}
                      onRun={controller.run}
                    />
                  </Suspense>
                </div>
              </Panel>
              <Separator className="app-separator" />
              <Panel defaultSize="30" minSize="15" collapsible>
                <Group orientation="vertical">
                  <Panel defaultSize="45" minSize="15">
                    <section className="app-region" aria-label="Manifest" data-region tabIndex={-1}>
                      <h2>Manifest</h2>
                      <ManifestPanel manifest={view.manifest} source={view.source} problem={view.problem} />
                    </section>
                  </Panel>
                  <Separator className="app-separator" />
                  <Panel defaultSize="55" minSize="15">
                    <section className="app-region" aria-label="Report" data-region tabIndex={-1}>
                      <h2>Report</h2>
                      <ReportPanel report={run.report} />
                    </section>
                  </Panel>
                </Group>
              </Panel>
            </Group>
          </Panel>
          <Separator className="app-separator" />
          <Panel defaultSize="30" minSize="12">
            <Group orientation="horizontal">
              <Panel defaultSize="68" minSize="30">
                <div className="app-region" data-region tabIndex={-1}>
                  <Console ref={consoleRef} />
                </div>
              </Panel>
              <Separator className="app-separator" />
              <Panel defaultSize="32" minSize="15">
                <div className="app-region" data-region tabIndex={-1}>
                  <RunInputs
                    stdin={stdin}
                    args={args}
                    env={env}
                    onStdin={ui.setStdin}
                    onArgs={ui.setArgs}
                    onEnv={ui.setEnv}
                    quickMode={view.quickMode}
                  />
                </div>
              </Panel>
            </Group>
          </Panel>
        </Group>
      </div>
    </div>
  );
}
