import { useState } from 'react';
import { Popover } from '../Share/Popover.tsx';

/** What works without the network: the app shell (service worker) and each toolchain (Cache Storage). */
export interface OfflineInfo {
  /** ready: the app loads offline; saving: being cached now; unavailable: no service worker here. */
  app: 'ready' | 'saving' | 'unavailable';
  toolchains: ReadonlyArray<{ name: string; cached: boolean }>;
}

const APP_TEXT: Record<OfflineInfo['app'], string> = {
  ready: 'available offline',
  saving: 'being saved for offline use…',
  unavailable: 'not available offline in this browser',
};
const MARK: Record<OfflineInfo['app'], string> = { ready: '✓', saving: '…', unavailable: '✗' };

/** The toolbar's "Offline" indicator, and a popover saying what is cached. */
export function OfflineStatus({
  info,
  onOpen,
}: {
  info: OfflineInfo;
  /** Look again at what is cached. */ onOpen?(): void;
}) {
  const [open, setOpen] = useState(false);
  const summary = info.app === 'ready' ? 'ready' : info.app === 'saving' ? 'saving' : 'unavailable';
  return (
    <>
      <button
        type="button"
        className={`offline-status offline-status-${info.app}`}
        aria-label={`Offline: ${summary}`}
        aria-expanded={open}
        title="What works without the network"
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
      >
        Offline {MARK[info.app]}
      </button>
      {open && (
        <Popover label="Available offline" onClose={() => setOpen(false)}>
          <h2>Available offline</h2>
          <ul role="list" aria-label="Offline availability">
            <li>The app and its examples: {APP_TEXT[info.app]}</li>
            {info.toolchains.map((t) => (
              <li key={t.name}>
                {t.name}: {t.cached ? 'available offline' : 'downloads on first use, then works offline'}
              </li>
            ))}
          </ul>
        </Popover>
      )}
    </>
  );
}
