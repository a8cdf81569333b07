import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useImperativeHandle, useRef } from 'react';
import type { Ref } from 'react';
import { ConsoleBuffer, DEFAULT_CAP_BYTES } from './console-buffer.ts';
import type { ConsoleOutput } from './console-buffer.ts';
import type { ITerminal } from './terminal.ts';
import './Console.css';

/** Output counters since the last clear. */
export interface ConsoleStats {
  writtenBytes: number;
  droppedBytes: number;
  capped: boolean;
}

/** The console's imperative handle: an ITerminal plus counters and focus. */
export interface ConsoleHandle extends ITerminal {
  /** Program output shown and dropped since the last clear (for a "dropped N bytes" notice). */
  stats(): ConsoleStats;
  /** Moves keyboard focus to the terminal (for scrolling and selecting with the keyboard). */
  focus(): void;
}

export interface ConsoleProps {
  /** Bytes of program output shown between clears; a change applies at the next clear. @default 1 MiB */
  capBytes?: number;
  /** Accessible name of the log region. @default 'Output' */
  label?: string;
  className?: string;
  /** Called when program output first reaches the cap after a clear. */
  onCapped?: () => void;
  ref?: Ref<ConsoleHandle>;
}

/** How often the hidden text mirror (accessible text, and what tests read) catches up. */
const MIRROR_INTERVAL_MS = 100;

/** The Output console: an xterm.js terminal in a `role="log"` region, fed through an imperative ITerminal. */
export function Console({ capBytes = DEFAULT_CAP_BYTES, label = 'Output', className, onCapped, ref }: ConsoleProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const mirrorRef = useRef<HTMLPreElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const bufferRef = useRef<ConsoleBuffer | null>(null);
  const pendingRef = useRef('');
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onCappedRef = useRef(onCapped);
  const capRef = useRef(capBytes);
  useEffect(() => {
    onCappedRef.current = onCapped;
    capRef.current = capBytes;
  });

  const buffer = () => (bufferRef.current ??= new ConsoleBuffer(capRef.current));

  const flushMirror = () => {
    timerRef.current = null;
    const mirror = mirrorRef.current;
    if (mirror === null || pendingRef.current === '') return;
    mirror.append(document.createTextNode(pendingRef.current));
    pendingRef.current = '';
  };

  const show = (out: ConsoleOutput) => {
    if (out.display === '') return;
    termRef.current?.write(out.display);
    pendingRef.current += out.plain;
    timerRef.current ??= setTimeout(flushMirror, MIRROR_INTERVAL_MS);
  };

  useImperativeHandle(
    ref,
    (): ConsoleHandle => ({
      write(data, stream = 'stdout') {
        const b = buffer();
        const wasCapped = b.capped;
        show(b.write(data, stream));
        if (!wasCapped && b.capped) onCappedRef.current?.();
      },
      notice(text, tone = 'info') {
        show(buffer().notice(text, tone));
      },
      clear() {
        const b = buffer();
        b.clear();
        if (b.capBytes !== capRef.current) bufferRef.current = new ConsoleBuffer(capRef.current);
        // Through the write queue (not term.reset()), so output still queued cannot reappear afterwards.
        termRef.current?.write('\x1bc\x1b[3J');
        pendingRef.current = '';
        if (mirrorRef.current !== null) mirrorRef.current.textContent = '';
      },
      stats() {
        const b = buffer();
        return { writtenBytes: b.writtenBytes, droppedBytes: b.droppedBytes, capped: b.capped };
      },
      focus() {
        termRef.current?.focus();
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the handle only reads refs
    [],
  );

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
    term.open(host);
    termRef.current = term;
    const replay = bufferRef.current?.displayText() ?? '';
    if (replay !== '') term.write(replay);

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
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', retheme);

    return () => {
      cancelAnimationFrame(frame);
      resizes.disconnect();
      themes.disconnect();
      scheme.removeEventListener('change', retheme);
      termRef.current = null;
      term.dispose();
    };
  }, []);

  useEffect(
    () => () => {
      if (timerRef.current !== null) clearTimeout(timerRef.current);
      timerRef.current = null;
    },
    [],
  );

  return (
    <div className={['console', className].filter(Boolean).join(' ')} role="log" aria-label={label}>
      <div className="console__terminal" ref={hostRef} />
      <pre className="console__mirror" data-testid="console-text" ref={mirrorRef} />
    </div>
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
