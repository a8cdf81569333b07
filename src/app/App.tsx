import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LazyEditorPane } from '../components/Editor/LazyEditorPane.tsx';
import { Group, Panel, Separator } from 'react-resizable-panels';
import {
  ChannelMeters,
  meterChannels as meterChannelsOf,
} from '../components/ChannelMeters/ChannelMeters.tsx';
import type { MeterChannel, MetersHandle } from '../components/ChannelMeters/ChannelMeters.tsx';
import { CompilerMessages } from '../components/Console/CompilerMessages.tsx';
import { Console } from '../components/Console/Console.tsx';
import type { ConsoleHandle } from '../components/Console/Console.tsx';
import type { EditorReveal } from '../components/Editor/editor-session.ts';
import { FilePreview } from '../components/FileChanges/FilePreview.tsx';
import { RunChangesList } from '../components/FileChanges/RunChangesList.tsx';
import { FileTree } from '../components/FileTree/FileTree.tsx';
import { SolutionDialog } from '../components/Lesson/SolutionDialog.tsx';
import { JobGraph } from '../components/JobGraph/JobGraph.tsx';
import { AppNotice } from '../components/Notice/AppNotice.tsx';
import { ProjectsDialog } from '../components/Projects/ProjectsDialog.tsx';
import { ShareDialog } from '../components/Share/ShareDialog.tsx';
import { ManifestDiagram } from '../components/ManifestDiagram/ManifestDiagram.tsx';
import { ReportPanel } from '../components/ReportPanel/ReportPanel.tsx';
import { RunInputs } from '../components/RunInputs/RunInputs.tsx';
import { Toolbar } from '../components/Toolbar/Toolbar.tsx';
import { TraceView } from '../components/TraceView/TraceView.tsx';
import { QUICK_NVRAM_PATH } from '../engine/run/quick-mode.ts';
import type { LaunchOptions } from '../share/launch-options.ts';
import { useAppStore } from '../store/index.ts';
import type { RunComparison } from './compare-runs.ts';
import { EXAMPLES } from './examples/index.ts';
import { TOOLCHAIN_NAMES } from './build-runner.ts';
import { InspectorTabs } from './InspectorTabs.tsx';
import { makeGeneratedEditable, useManifestEditing } from './use-manifest-editing.ts';
import { lessonFromHash, openLesson } from './lessons/lesson-actions.ts';
import { useLessonView } from './lessons/use-lesson-view.ts';
import { useJobView } from './use-job-view.ts';
import { useManifestView } from './use-manifest-view.ts';
import { startFullAppOnce } from './startup.ts';
import { watchTabProject } from './tab-projects.ts';
import { useOfflineInfo } from './use-offline-info.ts';
import { useProjectMenu } from './use-project-menu.ts';
import { useProjectActions } from './use-project-actions.ts';
import { useRegionCycling } from './use-region-cycling.ts';
import { useRunController } from './use-run-controller.ts';
import { useResolvedTheme } from './use-theme.ts';
import './app.css';

// The lesson text's Markdown renderer loads with the first lesson opened, not with the app.
const LessonPanel = lazy(() =>
  import('../components/Lesson/LessonPanel.tsx').then((m) => ({ default: m.LessonPanel })),
);

/** The playground: toolbar, files, editor, manifest diagram and meters, trace/report/preview, console, inputs. */
export function App({ launch }: { launch: LaunchOptions }) {
  const consoleRef = useRef<ConsoleHandle>(null);
  const metersRef = useRef<MetersHandle>(null);
  const [comparison, setComparison] = useState<RunComparison | null>(null);
  const [meterChannels, setMeterChannels] = useState<MeterChannel[]>([]);
  const [channelFilter, setChannelFilter] = useState<string | null>(null);
  const [tab, setTab] = useState('report');
  const [reveal, setReveal] = useState<EditorReveal | null>(null);
  const files = useAppStore((s) => s.files);
  const folders = useAppStore((s) => s.folders);
  const openFiles = useAppStore((s) => s.openFiles);
  const activeFile = useAppStore((s) => s.activeFile);
  const badges = useAppStore((s) => s.badges);
  const runChanges = useAppStore((s) => s.runChanges);
  const previewPath = useAppStore((s) => s.previewPath);
  const run = useAppStore((s) => s.run);
  const themeChoice = useAppStore((s) => s.theme);
  const stdin = useAppStore((s) => s.stdin);
  const args = useAppStore((s) => s.args);
  const env = useAppStore((s) => s.env);
  const traceEnabled = useAppStore((s) => s.trace);
  const build = useAppStore((s) => s.build);
  const optimize = useAppStore((s) => s.optimize);
  const projectMeta = useAppStore((s) => s.projectMeta);
  const recentProjects = useAppStore((s) => s.recentProjects);
  const ui = useAppStore.getState();
  const theme = useResolvedTheme(themeChoice);
  const controller = useRunController({
    consoleRef,
    metersRef,
    onMeterChannels: setMeterChannels,
    onComparison: setComparison,
  });
  const actions = useProjectActions(consoleRef);
  const view = useManifestView();
  const jobView = useJobView();
  // A job that starts brings its graph to the front.
  useEffect(() => {
    if (jobView.running) setTab('job');
  }, [jobView.running]);
  const editing = useManifestEditing(view.manifestPath, consoleRef);
  useRegionCycling();
  const menu = useProjectMenu(() => {
    setMeterChannels([]);
    setComparison(null);
    consoleRef.current?.clear();
  });
  const offline = useOfflineInfo(build.progress === null);
  const lessonView = useLessonView(consoleRef);
  const lessonMode = lessonView.panel !== null;
  const [showFiles, setShowFiles] = useState(false);

  // The autosaved project comes back from IndexedDB, then a share link in the address opens (nothing runs).
  useEffect(() => {
    const dropFragment = () =>
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    let stopWatching: (() => void) | null = null;
    let mounted = true;
    void startFullAppOnce(launch, dropFragment).then((notice) => {
      if (notice) menu.setNotice(notice);
      // Another project opened later may be open in another tab too: this tab then gets a copy, and says so.
      if (mounted) stopWatching = watchTabProject(menu.setNotice);
    });
    return () => {
      mounted = false;
      stopWatching?.();
    };
    // Once per page: the launch options do not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A lesson address (#/workshop/zerovm-101/03-quotas) opens that lesson, at start and when it changes.
  useEffect(() => {
    const onHash = () => {
      const target = lessonFromHash(location.hash);
      if (target) void openLesson(target.workshop, target.lesson).then(() => setShowFiles(false));
    };
    // The first look waits for the autosaved project to come back, or it would replace the lesson.
    void startFullAppOnce(launch, () => {}).then(onHash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
    // Once per page: the launch options do not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // The editor handles its own Ctrl/Cmd+Enter (and marks the event handled).
      if (event.defaultPrevented) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        controller.run();
      } else if (event.key.toLowerCase() === 'b' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        controller.build();
      } else if (
        event.altKey &&
        (event.key === 'ArrowLeft' || event.key === 'ArrowRight') &&
        lessonView.panel
      ) {
        // Alt+Left/Right move between lessons (the browser's back/forward is kept off here).
        event.preventDefault();
        const { lessons, current, onOpen } = lessonView.panel;
        const at = lessons.findIndex((l) => l.id === current.id) + (event.key === 'ArrowLeft' ? -1 : 1);
        if (lessons[at]) onOpen(lessons[at].id);
      } else if (event.key.toLowerCase() === 's' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        // The browser's "Save page" is no use here: Ctrl/Cmd+S shares instead.
        event.preventDefault();
        menu.shareNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, menu, lessonView]);

  const fileList = useMemo(() => Object.keys(files).sort(), [files]);
  const diagnostics = useMemo(
    () => ({ ...view.diagnostics, ...build.diagnostics }),
    [view.diagnostics, build.diagnostics],
  );
  const download = build.progress && {
    what: TOOLCHAIN_NAMES[build.progress.toolchain],
    doneBytes: build.progress.doneBytes,
    totalBytes: build.progress.totalBytes,
  };
  const quotaHits = useMemo(
    () => Object.fromEntries((run.report?.channels ?? []).map((c) => [c.alias, c.quotaHits])),
    [run.report],
  );
  // Before the first run, the meters show the channels of the manifest Run would use.
  const shownMeters = useMemo(
    () => (meterChannels.length > 0 ? meterChannels : meterChannelsOf(view.manifest?.channels ?? [])),
    [meterChannels, view.manifest],
  );

  // Stable, so the Files tree (memoised: a project may hold 2,000 files) does not redraw on every keystroke.
  const openFile = useCallback(
    (path: string) => {
      actions.open(path);
      const state = useAppStore.getState();
      state.previewFile(path);
      if (state.runChanges[path]) setTab('preview');
    },
    [actions],
  );
  const { exportZapp } = menu;
  const downloadProject = useCallback(
    (format: 'zip' | 'tar' | 'zapp') => (format === 'zapp' ? exportZapp() : actions.downloadProject(format)),
    [exportZapp, actions],
  );
  const openLocation = (path: string, line: number, column: number) => {
    actions.open(path);
    setReveal((last) => ({ path, line, column, seq: (last?.seq ?? 0) + 1 }));
  };
  const preview = (path: string) => {
    ui.previewFile(path);
    setTab('preview');
  };
  const selectChannel = (alias: string | null) => {
    setChannelFilter(alias);
    if (alias !== null) setTab('trace');
  };
  const makeEditable = () => {
    if (!view.quick) return;
    const error = makeGeneratedEditable(view.quick.program, view.quick, QUICK_NVRAM_PATH);
    if (error) consoleRef.current?.notice(error, 'error');
  };

  return (
    <div className="app">
      <Toolbar
        running={run.status === 'running' || jobView.running}
        building={build.status === 'building' || build.progress !== null}
        download={download}
        optimize={optimize}
        onOptimize={ui.setOptimize}
        onBuild={controller.build}
        status={controller.status(run, build)}
        theme={themeChoice}
        onRun={controller.run}
        onStop={controller.stop}
        onTheme={ui.setTheme}
        examples={EXAMPLES}
        onOpenExample={menu.openExample}
        onLearn={() => void lessonView.start().then(() => setShowFiles(false))}
        projectName={projectMeta.name}
        onProjects={menu.toggleProjects}
        projectsOpen={menu.open === 'projects'}
        onShare={menu.toggleShare}
        shareOpen={menu.open === 'share'}
        offline={offline.info}
        onOfflineOpen={offline.refresh}
      >
        {menu.open === 'share' && menu.share && (
          <ShareDialog
            view={menu.share}
            includeBuilt={menu.includeBuilt}
            onIncludeBuilt={menu.setIncludeBuilt}
            embedReadOnly={menu.embed.readOnly}
            embedAutorun={menu.embed.autorun}
            onEmbedOptions={menu.setEmbedOptions}
            onCopy={menu.copy}
            onDownloadZapp={menu.exportZapp}
            onClose={menu.close}
          />
        )}
        {menu.open === 'projects' && (
          <ProjectsDialog
            key={projectMeta.id}
            name={projectMeta.name}
            onRename={menu.rename}
            recent={recentProjects.filter((entry) => entry.id !== projectMeta.id)}
            onNew={menu.newProject}
            onOpenRecent={menu.openRecent}
            onRenameRecent={menu.renameRecent}
            onDeleteRecent={menu.deleteRecent}
            onImportZapp={menu.importZapp}
            onExportZapp={menu.exportZapp}
            onClose={menu.close}
          />
        )}
      </Toolbar>
      {menu.notice && (
        <AppNotice tone={menu.notice.tone} text={menu.notice.text} onDismiss={() => menu.setNotice(null)} />
      )}
      <div className="app-main">
        <Group orientation="vertical" className="app-grid">
          <Panel defaultSize="70" minSize="30">
            {/* Remounted when a lesson opens or closes, so the lesson text gets a wider column. */}
            <Group orientation="horizontal" key={lessonMode ? 'lesson' : 'files'}>
              <Panel defaultSize={lessonMode ? '30' : '16'} minSize="10" collapsible>
                <div className="app-region" data-region tabIndex={-1}>
                  {lessonView.panel && !showFiles ? (
                    <>
                      <Suspense fallback={<p className="app-loading">Loading the lesson…</p>}>
                        <LessonPanel {...lessonView.panel} onClose={() => setShowFiles(true)} />
                      </Suspense>
                      {lessonView.solution && <SolutionDialog {...lessonView.solution} />}
                    </>
                  ) : (
                    <>
                      {lessonView.panel && (
                        <div className="app-lesson-switch">
                          <button type="button" onClick={() => setShowFiles(false)}>
                            ← Back to the lesson
                          </button>
                          <button type="button" onClick={lessonView.panel.onClose}>
                            Leave the workshop
                          </button>
                        </div>
                      )}
                      <FileTree
                        files={fileList}
                        folders={folders}
                        activeFile={activeFile}
                        badges={badges}
                        onOpen={openFile}
                        onCreateFile={actions.createFile}
                        onCreateFolder={actions.createFolder}
                        onRename={actions.rename}
                        onDelete={actions.remove}
                        onUpload={actions.upload}
                        onDownloadFile={actions.downloadFile}
                        onDownloadProject={downloadProject}
                      />
                      {Object.keys(runChanges).length > 0 && (
                        <RunChangesList changes={runChanges} selected={previewPath} onSelect={preview} />
                      )}
                    </>
                  )}
                </div>
              </Panel>
              <Separator className="app-separator" />
              <Panel defaultSize={lessonMode ? '34' : '42'} minSize="25">
                <div className="app-region" data-region tabIndex={-1}>
                  <LazyEditorPane
                    files={files}
                    openFiles={openFiles}
                    activeFile={activeFile}
                    theme={theme}
                    diagnostics={diagnostics}
                    reveal={reveal}
                    onBuild={controller.build}
                    onChangeText={actions.setText}
                    onSelect={actions.select}
                    onClose={actions.close}
                    onRun={controller.run}
                  />
                </div>
              </Panel>
              <Separator className="app-separator" />
              <Panel defaultSize="42" minSize="20" collapsible>
                <Group orientation="vertical">
                  <Panel defaultSize="56" minSize="15">
                    <section className="app-region" aria-label="Manifest" data-region tabIndex={-1}>
                      <h2>Manifest</h2>
                      <div className="manifest-column">
                        <ManifestDiagram
                          manifest={view.manifest}
                          source={view.source}
                          problem={view.problem}
                          generated={view.quick}
                          quotaHits={quotaHits}
                          selectedChannel={channelFilter}
                          onSelectChannel={selectChannel}
                          onMakeEditable={makeEditable}
                          uriSuggestions={fileList}
                          theme={theme}
                          {...(view.manifestPath ? editing : {})}
                        />
                        <ChannelMeters ref={metersRef} channels={shownMeters} finalReport={run.report} />
                      </div>
                    </section>
                  </Panel>
                  <Separator className="app-separator" />
                  <Panel defaultSize="44" minSize="15">
                    <div className="app-region">
                      <InspectorTabs
                        selected={tab}
                        onSelect={setTab}
                        tabs={[
                          {
                            id: 'report',
                            label: 'Report',
                            content: (
                              <ReportPanel
                                report={run.report}
                                running={run.status === 'running'}
                                onCompare={controller.compare}
                                comparison={comparison}
                                onUseAsStdin={ui.setStdin}
                              />
                            ),
                          },
                          {
                            id: 'trace',
                            label: 'Trace',
                            content: (
                              <TraceView
                                trace={run.report?.trace}
                                dropped={run.report?.traceDropped}
                                traceEnabled={traceEnabled}
                                onToggleTrace={ui.setTrace}
                                channelFilter={channelFilter}
                                onChannelFilter={setChannelFilter}
                                hasRun={run.report !== null}
                              />
                            ),
                          },
                          {
                            id: 'job',
                            label: 'Job',
                            content: <JobGraph {...jobView} />,
                          },
                          {
                            id: 'preview',
                            label: 'Preview',
                            content:
                              previewPath === null ? (
                                <p className="app-loading">Select a file to preview it as text or hex.</p>
                              ) : (
                                <FilePreview
                                  path={previewPath}
                                  data={Object.hasOwn(files, previewPath) ? files[previewPath]! : null}
                                  change={runChanges[previewPath]}
                                  onClose={() => ui.previewFile(null)}
                                />
                              ),
                          },
                        ]}
                      />
                    </div>
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
                  <Console ref={consoleRef} input={controller.consoleInput(run)}>
                    <CompilerMessages messages={build.messages} onOpen={openLocation} />
                  </Console>
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
                    quickMode={view.quick !== null}
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
