import type { Diagnostic } from '../../engine/diagnostics.ts';
import { textOf } from './file-bytes.ts';
import { languageForPath } from './languages/index.ts';
import { monaco } from './monaco-setup.ts';
import { replaceText } from './replace-text.ts';

/** What the editor shows; EditorPane passes its props through here after every render. */
export interface EditorSessionState {
  files: Record<string, Uint8Array>;
  openFiles: readonly string[];
  activeFile: string | null;
  theme: 'light' | 'dark';
  diagnostics: Record<string, Diagnostic[]>;
  readOnly: boolean;
  canBuild: boolean;
  /** A position to show and put the cursor at, once per new `seq` (e.g. a clicked compiler message). */
  reveal: EditorReveal | null;
}

/** A request to show a place in a file. */
export interface EditorReveal {
  path: string;
  line: number;
  column: number;
  /** Changes for every request, so the same place can be revealed twice. */
  seq: number;
}

/** The callbacks the session calls; read again on every event, so they may change between renders. */
export interface EditorSessionCallbacks {
  onChangeText(path: string, text: string): void;
  onRun(): void;
  onBuild?(): void;
}

interface ModelEntry {
  model: monaco.editor.ITextModel;
  /** The bytes the model was last reconciled with. */
  bytes: Uint8Array;
  /** Texts this editor reported through onChangeText that the files prop has not echoed back yet. */
  pending: string[];
  viewState: monaco.editor.ICodeEditorViewState | null;
}

/** Marker owner for diagnostics, so other owners' markers are left alone. */
export const MARKER_OWNER = 'zerovm';
const MAX_PENDING = 64;
/** Lines tokenized synchronously when a model is shown or changed from outside (Monarch: well under 1 ms per 100). */
const EAGER_TOKENIZE_LINES = 2000;

function themeName(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

/**
 * Monaco colours text from requestIdleCallback without a timeout, which headless Chromium can leave
 * unrun until the next input, so a tab opened by a click could stay uncoloured. Tokenizing the first
 * lines now avoids that; `tokenization` is not in Monaco's typings, so this is feature-checked.
 */
function tokenizeEagerly(model: monaco.editor.ITextModel): void {
  const tokenization = (model as { tokenization?: { forceTokenization?(lineNumber: number): void } })
    .tokenization;
  tokenization?.forceTokenization?.(Math.min(model.getLineCount(), EAGER_TOKENIZE_LINES));
}

function toMarker(d: Diagnostic): monaco.editor.IMarkerData {
  return {
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: d.message,
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.line,
    endColumn: Math.max(d.endColumn, d.column + 1),
  };
}

/**
 * One Monaco editor and a model per open text file (URI `file:///<path>`). Models are created lazily,
 * updated in place when the files change from outside, and disposed when their file is closed or deleted.
 */
export class EditorSession {
  private readonly editor: monaco.editor.IStandaloneCodeEditor;
  private readonly entries = new Map<string, ModelEntry>();
  private readonly disposables: monaco.IDisposable[] = [];
  private buildAction: monaco.IDisposable | null = null;
  private state: EditorSessionState | null = null;
  private activePath: string | null = null;
  private applyingExternalEdit = false;
  private revealedSeq = -1;

  constructor(
    container: HTMLElement,
    private readonly callbacks: () => EditorSessionCallbacks,
    theme: 'light' | 'dark',
  ) {
    this.editor = monaco.editor.create(container, {
      model: null,
      theme: themeName(theme),
      ariaLabel: 'Editor',
      automaticLayout: true,
      fixedOverflowWidgets: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 14,
      tabSize: 4,
    });
    this.disposables.push(
      this.editor.onDidChangeModelContent(() => this.reportEdit()),
      this.editor.addAction({
        id: 'zerovm.run',
        label: 'Run',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        run: () => this.callbacks().onRun(),
      }),
    );
  }

  /** Brings the editor in line with `state`; cheap when little changed. */
  update(state: EditorSessionState): void {
    const previous = this.state;
    this.state = state;
    if (previous !== null && previous.theme !== state.theme) monaco.editor.setTheme(themeName(state.theme));
    this.setBuildEnabled(state.canBuild);
    const removed = this.syncModels(state);
    const created = this.showActive(state);
    if (previous === null || previous.diagnostics !== state.diagnostics || created || removed) {
      this.applyMarkers(state.diagnostics);
    }
    this.revealIfAsked(state.reveal);
    const ariaLabel = this.activePath === null ? 'Editor' : `Editor: ${this.activePath}`;
    const readOnly = this.activePath !== null && state.readOnly;
    if (this.editor.getOption(monaco.editor.EditorOption.ariaLabel) !== ariaLabel) {
      this.editor.updateOptions({ ariaLabel });
    }
    if (this.editor.getOption(monaco.editor.EditorOption.readOnly) !== readOnly) {
      this.editor.updateOptions({ readOnly });
    }
  }

  dispose(): void {
    this.editor.setModel(null);
    for (const entry of this.entries.values()) entry.model.dispose();
    this.entries.clear();
    this.buildAction?.dispose();
    for (const d of this.disposables) d.dispose();
    this.editor.dispose();
  }

  private revealIfAsked(reveal: EditorReveal | null): void {
    if (reveal === null || reveal.seq === this.revealedSeq || reveal.path !== this.activePath) return;
    this.revealedSeq = reveal.seq;
    const position = { lineNumber: reveal.line, column: reveal.column };
    this.editor.setPosition(position);
    this.editor.revealPositionInCenter(position);
    this.editor.focus();
  }

  private setBuildEnabled(enabled: boolean): void {
    if (enabled && this.buildAction === null) {
      this.buildAction = this.editor.addAction({
        id: 'zerovm.build',
        label: 'Build',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyB],
        run: () => this.callbacks().onBuild?.(),
      });
    } else if (!enabled && this.buildAction !== null) {
      this.buildAction.dispose();
      this.buildAction = null;
    }
  }

  private reportEdit(): void {
    if (this.applyingExternalEdit || this.activePath === null) return;
    const entry = this.entries.get(this.activePath);
    if (entry === undefined) return;
    const text = entry.model.getValue();
    entry.pending.push(text);
    if (entry.pending.length > MAX_PENDING) entry.pending.shift();
    this.callbacks().onChangeText(this.activePath, text);
  }

  /** Disposes models of closed, deleted or now-binary files and applies outside changes; true if any went. */
  private syncModels(state: EditorSessionState): boolean {
    let removed = false;
    for (const [path, entry] of this.entries) {
      const bytes = state.files[path];
      const kept = path === state.activeFile || state.openFiles.includes(path);
      const text = kept && bytes !== undefined ? textOf(path, bytes) : null;
      if (bytes === undefined || text === null) {
        this.disposeEntry(path, entry);
        removed = true;
      } else if (bytes !== entry.bytes) {
        entry.bytes = bytes;
        this.reconcile(entry, text);
      }
    }
    return removed;
  }

  private reconcile(entry: ModelEntry, text: string): void {
    const echoed = entry.pending.indexOf(text);
    if (echoed >= 0) {
      // Our own edit coming back, possibly one keystroke behind the model: leave the model alone.
      entry.pending.splice(0, echoed + 1);
      return;
    }
    entry.pending.length = 0;
    this.applyingExternalEdit = true;
    try {
      if (replaceText(entry.model, text)) tokenizeEagerly(entry.model);
    } finally {
      this.applyingExternalEdit = false;
    }
  }

  private disposeEntry(path: string, entry: ModelEntry): void {
    if (this.editor.getModel() === entry.model) {
      this.editor.setModel(null);
      this.activePath = null;
    }
    entry.model.dispose();
    this.entries.delete(path);
  }

  /** Shows the active file's model (creating it if needed); true if a model was created. */
  private showActive(state: EditorSessionState): boolean {
    const path = state.activeFile;
    const bytes = path === null ? undefined : state.files[path];
    const text = path === null || bytes === undefined ? null : textOf(path, bytes);
    if (path === null || bytes === undefined || text === null) {
      this.leaveActive();
      return false;
    }
    let entry = this.entries.get(path);
    const created = entry === undefined;
    if (entry === undefined) {
      entry = { model: this.createModel(path, text), bytes, pending: [], viewState: null };
      this.entries.set(path, entry);
    }
    if (this.activePath !== path || this.editor.getModel() !== entry.model) {
      this.leaveActive();
      this.editor.setModel(entry.model);
      if (entry.viewState !== null) this.editor.restoreViewState(entry.viewState);
      this.activePath = path;
      tokenizeEagerly(entry.model);
    }
    return created;
  }

  private leaveActive(): void {
    if (this.activePath === null) return;
    const entry = this.entries.get(this.activePath);
    if (entry !== undefined) entry.viewState = this.editor.saveViewState();
    this.editor.setModel(null);
    this.activePath = null;
  }

  private createModel(path: string, text: string): monaco.editor.ITextModel {
    const uri = monaco.Uri.from({ scheme: 'file', path: `/${path}` });
    const language = languageForPath(path);
    const existing = monaco.editor.getModel(uri);
    if (existing === null) return monaco.editor.createModel(text, language, uri);
    // Left over from another editor instance (e.g. a remount): reuse it with the current text.
    if (existing.getValue() !== text) existing.setValue(text);
    monaco.editor.setModelLanguage(existing, language);
    return existing;
  }

  private applyMarkers(diagnostics: Record<string, Diagnostic[]>): void {
    for (const [path, entry] of this.entries) {
      monaco.editor.setModelMarkers(entry.model, MARKER_OWNER, (diagnostics[path] ?? []).map(toMarker));
    }
  }
}
