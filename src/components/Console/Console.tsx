import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { ReactNode, Ref, RefObject } from 'react';
import { DEFAULT_CAP_BYTES } from './console-buffer.ts';
import { ConsoleSink } from './console-sink.ts';
import type { ConsoleHandle } from './console-sink.ts';
import { LineEditor } from './line-editor.ts';
import './Console.css';
import { outputLinkHandler } from './output-links.ts';

export type { ConsoleHandle, ConsoleStats } from './console-sink.ts';
export type { ITerminal, NoticeTone, OutputStream } from './terminal.ts';

/** Typing into the running program (live stdin): the console echoes and edits a line, then sends it. */
export interface ConsoleInput {
  /** 'live': keys go to the program; 'ended': Ctrl-D ended its input (nothing more can be typed). */
  state: 'live' | 'ended';
  /** The program is blocked reading its input now (the cursor blinks and the console says so). */
  waiting: boolean;
  /** A typed line ("\n" included), or the partial line sent before the end of input. */
  onText(text: string): void;
  /** Ctrl-D: end of input. */
  onEnd(): void;
  /** Ctrl-C: stop the run. */
  onInterrupt(): void;
}

/** Colour of echoed input (the theme's magenta), so it stands apart from what the program wrote. */
const ECHO = '\x1b[0;35m';
const RESET = '\x1b[0m';

export interface ConsoleProps {
  /** Bytes of program output shown between clears; a change applies at the next clear. @default 1 MiB */
  capBytes?: number;
  /** Accessible name of the log region. @default 'Output' */
  label?: string;
  className?: string;
  /** Called when program output first reaches the cap after a clear. */
  onCapped?: () => void;
  /** Shown under the output, e.g. the compiler messages as links. */
  children?: ReactNode;
  /** While a program reads typed input: where typed lines go. Null or absent: the console is output only. */
  input?: ConsoleInput | null;
  ref?: Ref<ConsoleHandle>;
}

/** The Output console: an xterm.js terminal in a `role="log"` region, fed through an imperative ITerminal. */
export function Console({
  capBytes = DEFAULT_CAP_BYTES,
  label = 'Output',
  className,
  onCapped,
  children,
  input = null,
  ref,
}: ConsoleProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const mirrorRef = useRef<HTMLPreElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const [sink] = useState(() => new ConsoleSink(capBytes));
  const [editor] = useState(() => new LineEditor());
  const inputRef = useRef(input);
  const live = input?.state === 'live';
  const waiting = live && input.waiting;
  const liveRef = useRef(live);
  useEffect(() => {
    sink.capBytes = capBytes;
    sink.onCapped = onCapped;
    inputRef.current = input;
  });
  useImperativeHandle(ref, () => sink, [sink]);

  useEffect(() => {
    const mirror = mirrorRef.current;
    if (mirror === null) return;
    sink.attachMirror({
      append: (text) => mirror.append(document.createTextNode(text)),
      clear: () => {
        mirror.textContent = '';
      },
    });
    return () => {
      sink.dispose();
      sink.attachMirror(null);
    };
  }, [sink]);

  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const term = new Terminal({
      convertEol: true,
      disableStdin: !liveRef.current,
      cursorBlink: false,
      cursorInactiveStyle: 'none',
      scrollback: 10_000,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      theme: readTheme(host, liveRef.current),
      linkHandler: outputLinkHandler({
        confirm: (question) => window.confirm(question),
        open: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
        showAddress: (url) => {
          if (url === null) host.removeAttribute('title');
          else host.title = url;
        },
      }),
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    // xterm would swallow every key (Tab, F6, Ctrl+Enter), trapping keyboard users in here; Ctrl+C over a
    // selection copies it rather than stopping the program.
    term.attachCustomKeyEventHandler(
      (event) => !isPageKey(event) && !(isCopyKey(event) && term.hasSelection()),
    );
    term.open(host);
    sink.attachDisplay(term);
    termRef.current = term;

    // What is typed, echoed on the terminal (and, once sent, in the text mirror), goes through the line editor.
    const echoSent = (text: string) => {
      sink.flush();
      mirrorRef.current?.append(document.createTextNode(text));
    };
    const typing = term.onData((data) => {
      const target = inputRef.current;
      if (target?.state !== 'live') return;
      for (const effect of editor.feed(data)) {
        if (effect.kind === 'echo') term.write(`${ECHO}${effect.text}${RESET}`);
        else if (effect.kind === 'line') {
          echoSent(effect.text);
          target.onText(effect.text);
        } else if (effect.kind === 'end') {
          if (effect.text !== '') {
            echoSent(effect.text);
            target.onText(effect.text);
          }
          target.onEnd();
        } else {
          echoSent(`${effect.text}^C\n`);
          target.onInterrupt();
        }
      }
    });

    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        try {
          fit.fit();
        } catch {
          // Hidden or detached (a collapsed panel): fit again on the next resize.
        }
      });
    };
    refit();
    const resizes = new ResizeObserver(refit);
    resizes.observe(host);

    // The app switches light/dark through a class or attribute on <html>, or follows the system.
    const retheme = () => {
      term.options.theme = readTheme(host, liveRef.current);
    };
    const themes = new MutationObserver(retheme);
    themes.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'data-theme', 'style'],
    });
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', retheme);

    return () => {
      cancelAnimationFrame(frame);
      resizes.disconnect();
      themes.disconnect();
      scheme.removeEventListener('change', retheme);
      typing.dispose();
      termRef.current = null;
      sink.attachDisplay(null);
      term.dispose();
    };
  }, [sink, editor]);

  // Live input shows a cursor (blinking while the program waits) and lets keys through to the line editor.
  useEffect(() => {
    liveRef.current = live;
    const term = termRef.current;
    const host = hostRef.current;
    if (!live) editor.reset();
    if (term === null || host === null) return;
    term.options.disableStdin = !live;
    term.options.cursorBlink = waiting;
    term.options.cursorInactiveStyle = live ? 'outline' : 'none';
    term.options.theme = readTheme(host, live);
  }, [live, waiting, editor]);

  useFocusOnFirstWait(live, waiting, hostRef, termRef);

  return (
    <div className={['console', className].filter(Boolean).join(' ')} role="log" aria-label={label}>
      <div className="console__terminal" ref={hostRef} />
      <pre className="console__mirror" data-testid="console-text" ref={mirrorRef} />
      <p
        className={`console__input-status${waiting ? ' console__input-status--waiting' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="console-input-status"
      >
        {inputStatus(input)}
      </p>
      {children}
    </div>
  );
}

/** What the line under the output says about typed input. */
function inputStatus(input: ConsoleInput | null): string {
  if (input === null) return '';
  if (input.state === 'ended') return 'Input ended (Ctrl-D): the program reads end of file from now on.';
  if (input.waiting) return 'Waiting for input — type and press Enter; Ctrl-D ends input, Ctrl-C stops.';
  return '';
}

/**
 * Focuses the terminal when a run's program first waits for typed input, unless the user has typed into
 * another field (the code editor, a text box) since the run started: their focus stays where they work.
 */
function useFocusOnFirstWait(
  live: boolean,
  waiting: boolean,
  hostRef: RefObject<HTMLDivElement | null>,
  termRef: RefObject<Terminal | null>,
): void {
  const liveSince = useRef(0);
  const lastEdit = useRef(0);
  const focused = useRef(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target && isEditable(target) && !hostRef.current?.contains(target))
        lastEdit.current = performance.now();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [hostRef]);
  useEffect(() => {
    if (!live) return;
    liveSince.current = performance.now();
    focused.current = false;
  }, [live]);
  useEffect(() => {
    if (!waiting || focused.current) return;
    focused.current = true;
    const active = document.activeElement;
    if (active && hostRef.current?.contains(active)) return;
    if (active && isEditable(active) && lastEdit.current > liveSince.current) return;
    termRef.current?.focus();
  }, [waiting, hostRef, termRef]);
}

/** A field the user types into (inputs, text areas, Monaco's hidden text area, contenteditable). */
function isEditable(element: Element): boolean {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly;
  if (element instanceof HTMLInputElement)
    return (
      !element.readOnly &&
      !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(element.type)
    );
  return element instanceof HTMLElement && element.isContentEditable;
}

/** Ctrl+C (Cmd+C on a Mac): copy, when there is a selection. */
function isCopyKey(event: KeyboardEvent): boolean {
  return (
    event.type === 'keydown' &&
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    event.key.toLowerCase() === 'c'
  );
}

/** Keys the page handles (leave the console, move between regions, run), which the terminal lets pass. */
function isPageKey(event: KeyboardEvent): boolean {
  return (
    event.key === 'Tab' || event.key === 'F6' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))
  );
}

/** The terminal colours, from the app's CSS variables (with fallbacks for a dark panel); a cursor for typing. */
function readTheme(element: HTMLElement, showCursor = false): ITheme {
  const style = getComputedStyle(element);
  const cssVar = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const background = cssVar('--panel-bg', '#1e1e1e');
  const foreground = cssVar('--panel-fg', '#d4d4d4');
  const danger = cssVar('--danger', '#f14c4c');
  const ok = cssVar('--ok', '#23d18b');
  const accent = cssVar('--accent', '#3b8eea');
  const typed = cssVar('--typed-input', '#c586c0');
  return {
    background,
    foreground,
    cursor: showCursor ? foreground : background,
    cursorAccent: background,
    magenta: typed,
    brightMagenta: typed,
    selectionBackground: cssVar('--selection-bg', 'rgba(128, 128, 128, 0.4)'),
    red: danger,
    brightRed: danger,
    green: ok,
    brightGreen: ok,
    cyan: accent,
    brightCyan: accent,
    yellow: cssVar('--warning', '#d7a100'),
    brightBlack: cssVar('--muted', '#808080'),
  };
}
