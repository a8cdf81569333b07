import { useAppStore } from '../store/index.ts';

/**
 * Longest an embed's autorun goes on by itself, in seconds. The snippet's manifest may allow a Timeout of
 * up to 2^31-1 s; a visitor who did not press Run should not have a page spinning a core for that long.
 */
export const AUTORUN_CAP_S = 5;

/** The console line saying the autorun was capped. */
export const AUTORUN_CAPPED_TEXT = `Autorun stopped after ${AUTORUN_CAP_S} s: a snippet runs by itself for at most ${AUTORUN_CAP_S} s. Press Run to run it in full.`;

/** A watch on the run an autorun starts. */
export interface AutorunCap {
  /** Stops watching (the visitor pressed Run or Stop: what happens next is theirs). */
  cancel(): void;
}

/**
 * Watches the next run to start (the autorun's, after any build): if it is still running `capMs` after it
 * started, calls `stop`, and `onCapped` once it has ended. Watches nothing more after that run, nor once it
 * waits for typed input (the visitor takes over).
 */
export function capAutorun(stop: () => void, onCapped: () => void, capMs = AUTORUN_CAP_S * 1000): AutorunCap {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  let capped = false;
  const cancel = () => {
    clearTimeout(timer);
    unsubscribe();
  };
  const unsubscribe = useAppStore.subscribe((state) => {
    const running = state.run.status === 'running';
    // A program waiting for typed input spins nothing, and what happens next is the visitor's to type.
    if (running && started && state.run.waitingForInput) {
      cancel();
      return;
    }
    if (running && !started) {
      started = true;
      timer = setTimeout(() => {
        if (useAppStore.getState().run.status !== 'running') return;
        capped = true;
        stop();
      }, capMs);
    } else if (!running && started) {
      cancel();
      if (capped) onCapped();
    }
  });
  return { cancel };
}
