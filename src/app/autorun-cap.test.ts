import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../store/index.ts';
import { AUTORUN_CAP_S, capAutorun } from './autorun-cap.ts';

describe('capAutorun', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useAppStore.setState(useAppStore.getInitialState(), true);
  });
  afterEach(() => vi.useRealTimers());

  const start = () => useAppStore.getState().startRun({ label: 'loop.manifest' });
  const end = () => useAppStore.setState({ run: { ...useAppStore.getState().run, status: 'idle' } });

  it('stops a run still going AUTORUN_CAP_S after it started, however long its Timeout, and says so after', () => {
    const stop = vi.fn(end);
    const capped = vi.fn();
    capAutorun(stop, capped);
    // A build comes first: the cap counts from the run's start.
    vi.advanceTimersByTime(60_000);
    start();
    vi.advanceTimersByTime(AUTORUN_CAP_S * 1000 - 1);
    expect(stop).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(stop).toHaveBeenCalledOnce();
    expect(capped).toHaveBeenCalledOnce();
    // The next run is the visitor's: not watched.
    start();
    vi.advanceTimersByTime(AUTORUN_CAP_S * 2000);
    expect(stop).toHaveBeenCalledOnce();
  });

  it('leaves alone a run that ends in time, and any run once the visitor pressed Run or Stop', () => {
    const stop = vi.fn(end);
    const capped = vi.fn();
    capAutorun(stop, capped);
    start();
    vi.advanceTimersByTime(1000);
    end();
    start();
    vi.advanceTimersByTime(AUTORUN_CAP_S * 2000);
    capAutorun(stop, capped).cancel();
    end();
    start();
    vi.advanceTimersByTime(AUTORUN_CAP_S * 2000);
    expect(stop).not.toHaveBeenCalled();
    expect(capped).not.toHaveBeenCalled();
  });

  it('hands the run to the visitor once it waits for typed input', () => {
    const stop = vi.fn(end);
    capAutorun(stop, vi.fn());
    useAppStore.getState().startRun({ label: 'ask.c' });
    useAppStore.getState().setRunInput('live');
    vi.advanceTimersByTime(1000);
    useAppStore.getState().setInputWaiting(true);
    vi.advanceTimersByTime(AUTORUN_CAP_S * 4000);
    expect(stop).not.toHaveBeenCalled();
  });
});
