import { useCallback, useEffect, useState } from 'react';
import type { OfflineInfo } from '../components/Offline/OfflineStatus.tsx';
import { readOfflineInfo } from './offline.ts';

const INITIAL: OfflineInfo = { app: 'saving', toolchains: [] };
// While the app shell is still being cached, look again this often.
const POLL_MS = 3000;

/**
 * What works offline, refreshed when the service worker changes, whenever `refreshKey` changes, and on
 * `refresh()` (a toolchain is stored in the cache a moment after its download ends).
 */
export function useOfflineInfo(refreshKey: unknown): { info: OfflineInfo; refresh(): void } {
  const [info, setInfo] = useState<OfflineInfo>(INITIAL);
  const refresh = useCallback(() => void readOfflineInfo().then(setInfo), []);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      void readOfflineInfo().then((next) => {
        if (!live) return;
        setInfo(next);
        if (next.app === 'saving') timer = setTimeout(refresh, POLL_MS);
      });
    };
    refresh();
    navigator.serviceWorker?.addEventListener('controllerchange', refresh);
    return () => {
      live = false;
      clearTimeout(timer);
      navigator.serviceWorker?.removeEventListener('controllerchange', refresh);
    };
  }, [refreshKey]);
  return { info, refresh };
}
