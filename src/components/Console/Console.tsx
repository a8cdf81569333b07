import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { ReactNode, Ref } from 'react';
import { DEFAULT_CAP_BYTES } from './console-buffer.ts';
import { ConsoleSink } from './console-sink.ts';
import type { ConsoleHandle } from './console-sink.ts';
import './Console.css';

export type { ConsoleHandle, ConsoleStats } from './console-sink.ts';
export type { ITerminal, NoticeTone, OutputStream } from './terminal.ts';

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
  ref?: Ref<ConsoleHandle>;
}

/** The Output console: an xterm.js terminal in a `role="log"` region, fed through an imperative ITerminal. */
export function Console({
  capBytes = DEFAULT_CAP_BYTES,
  label = 'Output',
  className,
  onCapped,
  children,
  ref,
}: ConsoleProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const mirrorRef = useRef<HTMLPreElement>(null);
  const [sink] = useState(() => new ConsoleSink(capBytes));
  useEffect(() => {
    sink.capBytes = capBytes;
    sink.onCapped = onCapped;
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
      disableStdin: true,
      cursorBlink: false,
      cursorInactiveStyle: 'none',
      scrollback: 10_000,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      theme: readTheme(host),
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    // Output only: xterm would swallow every key (Tab, F6, Ctrl+Enter), trapping keyboard users in here.
    term.attachCustomKeyEventHandler((event) => !isPageKey(event));
    term.open(host);
    sink.attachDisplay(term);

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
      term.options.theme = readTheme(host);
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
      sink.attachDisplay(null);
      term.dispose();
    };
  }, [sink]);

  return (
    <div className={['console', className].filter(Boolean).join(' ')} role="log" aria-label={label}>
      <div className="console__terminal" ref={hostRef} />
      <pre className="console__mirror" data-testid="console-text" ref={mirrorRef} />
      {children}
    </div>
  );
}

/** Keys the page handles (leave the console, move between regions, run), which the terminal lets pass. */
function isPageKey(event: KeyboardEvent): boolean {
  return (
    event.key === 'Tab' || event.key === 'F6' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))
  );
}

/** The terminal colours, from the app's CSS variables (with fallbacks for a dark panel). */
function readTheme(element: HTMLElement): ITheme {
  const style = getComputedStyle(element);
  const cssVar = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const background = cssVar('--panel-bg', '#1e1e1e');
  const foreground = cssVar('--panel-fg', '#d4d4d4');
  const danger = cssVar('--danger', '#f14c4c');
  const ok = cssVar('--ok', '#23d18b');
  const accent = cssVar('--accent', '#3b8eea');
  return {
    background,
    foreground,
    cursor: background,
    cursorAccent: background,
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
