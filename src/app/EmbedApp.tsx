import { useEffect, useMemo, useRef, useState } from 'react';
import { LazyEditorPane } from '../components/Editor/LazyEditorPane.tsx';
import { Group, Panel, Separator } from 'react-resizable-panels';
import type { MetersHandle } from '../components/ChannelMeters/ChannelMeters.tsx';
import { CompilerMessages } from '../components/Console/CompilerMessages.tsx';
import { Console } from '../components/Console/Console.tsx';
import type { ConsoleHandle } from '../components/Console/Console.tsx';
import { AppNotice } from '../components/Notice/AppNotice.tsx';
import type { LaunchOptions } from '../share/launch-options.ts';
import { useAppStore } from '../store/index.ts';
import { AUTORUN_CAPPED_TEXT, AUTORUN_CAP_S, capAutorun } from './autorun-cap.ts';
import type { AutorunCap } from './autorun-cap.ts';
import { startEmbedOnce } from './startup.ts';
import type { AppNotice as Notice } from './startup.ts';
import { useManifestView } from './use-manifest-view.ts';
import { useProjectActions } from './use-project-actions.ts';
import { useRunController } from './use-run-controller.ts';
import { useResolvedTheme } from './use-theme.ts';
import './app.css';
import './embed.css';

const ignore = () => {};

/** `?embed=1`: the editor, Run and the output only, for blogs and slides; nothing is saved. */
export function EmbedApp({ launch }: { launch: LaunchOptions }) {
  const consoleRef = useRef<ConsoleHandle>(null);
  const metersRef = useRef<MetersHandle>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const files = useAppStore((s) => s.files);
  const openFiles = useAppStore((s) => s.openFiles);
  const activeFile = useAppStore((s) => s.activeFile);
  const run = useAppStore((s) => s.run);
  const build = useAppStore((s) => s.build);
  const theme = useResolvedTheme(useAppStore((s) => s.theme));
  const view = useManifestView();
  const actions = useProjectActions(consoleRef);
  const controller = useRunController({
    consoleRef,
    metersRef,
    onMeterChannels: ignore,
    onComparison: ignore,
  });
  const autorunCap = useRef<AutorunCap | null>(null);
  const [capped, setCapped] = useState(false);
  const status = capped
    ? { tone: 'error' as const, text: `stopped: autorun runs at most ${AUTORUN_CAP_S} s; press Run` }
    : controller.status(run, build);
  // The visitor's own Run and Stop: from then on the run is theirs, with the manifest's Timeout.
  const visitor = useMemo(() => {
    const own = (action: () => void) => () => {
      autorunCap.current?.cancel();
      setCapped(false);
      action();
    };
    return { run: own(controller.run), stop: own(controller.stop) };
  }, [controller]);

  useEffect(() => {
    void startEmbedOnce(launch).then((started) => {
      setNotice(started.notice);
      // Only the snippet's author asks for autorun, and only a project from a good link runs.
      if (!(started.fromLink && launch.autorun && started.first)) return;
      autorunCap.current = capAutorun(controller.stop, () => {
        setCapped(true);
        // After the run's own last line.
        setTimeout(() => consoleRef.current?.notice(AUTORUN_CAPPED_TEXT, 'error'));
      });
      controller.run();
    });
    // Once per page: the launch options do not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      visitor.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [visitor]);

  const diagnostics = useMemo(
    () => ({ ...view.diagnostics, ...build.diagnostics }),
    [view.diagnostics, build.diagnostics],
  );
  const readOnlyPaths = useMemo(
    () => (launch.readOnly ? Object.keys(files) : undefined),
    [launch.readOnly, files],
  );
  const busy = run.status === 'running' || build.status === 'building' || build.progress !== null;
  const fullApp = `${location.pathname}${launch.hash === '' ? '' : `#${launch.hash}`}`;

  return (
    <div className="app embed">
      <header className="embed-bar" role="banner">
        <button type="button" className="embed-run" onClick={visitor.run} disabled={busy}>
          Run
        </button>
        <button type="button" onClick={visitor.stop} disabled={!busy}>
          Stop
        </button>
        <output className={`embed-status embed-status-${status.tone}`} aria-live="polite">
          {status.text}
        </output>
        <a className="embed-open" href={fullApp} target="_blank" rel="noopener noreferrer">
          Open in ZeroVM Playground ↗
        </a>
      </header>
      {notice && <AppNotice tone={notice.tone} text={notice.text} onDismiss={() => setNotice(null)} />}
      <div className="app-main">
        <Group orientation="vertical">
          <Panel defaultSize="62" minSize="20">
            <div className="app-region">
              <LazyEditorPane
                files={files}
                openFiles={openFiles}
                activeFile={activeFile}
                theme={theme}
                diagnostics={diagnostics}
                readOnlyPaths={readOnlyPaths}
                onChangeText={actions.setText}
                onSelect={actions.select}
                onClose={actions.close}
                onRun={visitor.run}
              />
            </div>
          </Panel>
          <Separator className="app-separator" />
          <Panel defaultSize="38" minSize="15">
            <div className="app-region">
              <Console ref={consoleRef} input={controller.consoleInput(run)}>
                <CompilerMessages messages={build.messages} onOpen={actions.open} />
              </Console>
            </div>
          </Panel>
        </Group>
      </div>
    </div>
  );
}
