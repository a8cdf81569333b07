import { useState } from 'react';
import type { ReactNode } from 'react';
import { OfflineStatus } from '../Offline/OfflineStatus.tsx';
import type { OfflineInfo } from '../Offline/OfflineStatus.tsx';
import { DownloadProgress } from './DownloadProgress.tsx';
import type { DownloadProgressProps } from './DownloadProgress.tsx';
import './toolbar.css';

/** The colour scheme the user picked; 'system' follows the operating system. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** Props of the top bar. */
export interface ToolbarProps {
  running: boolean;
  /** A compile or toolchain download is going on (Run and Build wait). */
  building?: boolean;
  /** A toolchain download in progress, shown as a progress bar. */
  download?: DownloadProgressProps | null;
  /** Clang optimisation level, and its setter (leave out to hide the choice). */
  optimize?: 'O0' | 'O2';
  onOptimize?(level: 'O0' | 'O2'): void;
  /** Build (Ctrl/Cmd+B): compile the open source file into the project. */
  onBuild?(): void;
  /** Short text about the last or current run, e.g. "finished with code 0". */
  status: { tone: 'idle' | 'running' | 'ok' | 'error'; text: string };
  theme: ThemeChoice;
  onRun(): void;
  onStop(): void;
  onTheme(theme: ThemeChoice): void;
  /** Example projects offered in the "Open example" menu. */
  examples?: ReadonlyArray<{ id: string; title: string }>;
  onOpenExample?(id: string): void;
  /** Opens the ZeroVM 101 workshop (leave out to hide the button). */
  onLearn?(): void;
  /** The working project's name, on the button that opens the Projects dialog. */
  projectName?: string;
  onProjects?(): void;
  projectsOpen?: boolean;
  /** Share (Ctrl/Cmd+S): copy a link to the project. */
  onShare?(): void;
  shareOpen?: boolean;
  /** What works offline; leave out to hide the indicator. */
  offline?: OfflineInfo;
  /** The offline details were opened: time to look at the caches again. */
  onOfflineOpen?(): void;
  /** Popovers hanging from the bar (Share, Projects). */
  children?: ReactNode;
}

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

/** The top bar: title, Run and Stop, run status, projects, Share, examples, offline state, theme and help. */
export function Toolbar(props: ToolbarProps) {
  const {
    running,
    building = false,
    status,
    theme,
    onRun,
    onStop,
    onTheme,
    examples = [],
    onOpenExample,
  } = props;
  const { download, optimize, onOptimize, onBuild, projectName, onProjects, onShare, offline, onLearn } =
    props;
  const [helpOpen, setHelpOpen] = useState(false);
  return (
    <header className="toolbar" role="banner">
      <h1 className="toolbar-title">ZeroVM Playground</h1>
      <button
        type="button"
        className="toolbar-run"
        onClick={onRun}
        disabled={running || building}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title={`Run (${MOD}+Enter)`}
      >
        Run
      </button>
      <button
        type="button"
        onClick={onStop}
        disabled={!running && !building}
        title="Stop the running program or compile"
      >
        Stop
      </button>
      {onBuild && (
        <button
          type="button"
          onClick={onBuild}
          disabled={running || building}
          aria-keyshortcuts="Control+B Meta+B"
          title={`Build: compile the open file into a .wasm in the project (${MOD}+B)`}
        >
          Build
        </button>
      )}
      {optimize && onOptimize && (
        <select
          aria-label="Optimisation"
          title="Clang optimisation level for C and C++"
          value={optimize}
          onChange={(event) => onOptimize(event.target.value === 'O0' ? 'O0' : 'O2')}
        >
          <option value="O2">-O2</option>
          <option value="O0">-O0</option>
        </select>
      )}
      {download && <DownloadProgress {...download} />}
      <output className={`toolbar-status toolbar-status-${status.tone}`} aria-live="polite">
        {status.text}
      </output>
      <span className="toolbar-spacer" />
      {onProjects && (
        <button
          type="button"
          className="toolbar-project"
          aria-label={`Projects (current: ${projectName ?? ''})`}
          aria-expanded={props.projectsOpen ?? false}
          title="New project, recent projects, .zapp files"
          onClick={onProjects}
        >
          <span className="toolbar-project-name">{projectName}</span> <span aria-hidden="true">▾</span>
        </button>
      )}
      {onShare && (
        <button
          type="button"
          onClick={onShare}
          aria-expanded={props.shareOpen ?? false}
          aria-keyshortcuts="Control+S Meta+S"
          title={`Share: copy a link to this project (${MOD}+S)`}
        >
          Share
        </button>
      )}
      {onLearn && (
        <button type="button" onClick={onLearn} title="ZeroVM 101: the hands-on workshop, lesson by lesson">
          Learn
        </button>
      )}
      {examples.length > 0 && onOpenExample && (
        <select
          aria-label="Open example"
          value=""
          onChange={(event) => {
            if (event.target.value) onOpenExample(event.target.value);
          }}
        >
          <option value="">Open example…</option>
          {examples.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
            </option>
          ))}
        </select>
      )}
      {offline && <OfflineStatus info={offline} onOpen={props.onOfflineOpen} />}
      <button
        type="button"
        onClick={() => onTheme(NEXT_THEME[theme])}
        title="Switch between system, light and dark themes"
      >
        Theme: {theme}
      </button>
      <button type="button" aria-label="Help" aria-expanded={helpOpen} onClick={() => setHelpOpen(!helpOpen)}>
        ?
      </button>
      {helpOpen && (
        <div className="toolbar-help" role="dialog" aria-label="Keyboard shortcuts">
          <ul>
            <li>
              <kbd>{MOD}+Enter</kbd> run
            </li>
            <li>
              <kbd>{MOD}+B</kbd> build the open C, C++ or WAT file into a <code>.wasm</code>
            </li>
            <li>
              <kbd>{MOD}+S</kbd> share: copy a link to the project
            </li>
            <li>
              <kbd>F6</kbd> move between panels
            </li>
            <li>
              <kbd>F2</kbd> rename the selected file, <kbd>Delete</kbd> delete it
            </li>
          </ul>
          <p>
            Run compiles the open <code>.c</code>, <code>.cpp</code> or <code>.wat</code> file if it changed,
            then runs it; a <code>.py</code> file runs on Python. A <code>.manifest</code> runs that manifest;
            otherwise the program runs in quick mode, with the arguments, environment and stdin below.
          </p>
          <button type="button" onClick={() => setHelpOpen(false)}>
            Close
          </button>
        </div>
      )}
      {props.children}
    </header>
  );
}
