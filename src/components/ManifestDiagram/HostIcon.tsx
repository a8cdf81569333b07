import type { HostKind } from './channel-text.ts';

const PATHS: Record<HostKind, string> = {
  // A page with a folded corner.
  file: 'M3 1h6l4 4v10H3z M9 1v4h4',
  folder: 'M1 4h5l2 2h7v8H1z',
  // A terminal prompt.
  console: 'M1 2h14v12H1z M4 6l3 2-3 2 M8 11h4',
  // A box with an arrow going in.
  stdin: 'M1 9v5h14V9 M8 1v8 M5 6l3 3 3-3',
  null: 'M8 2a6 6 0 1 0 0.01 0z M3 13L13 3',
  network: 'M8 1v14 M1 8h14 M8 1a7 7 0 1 0 0.01 0z',
};

/** A 14 px line icon for a host kind; decorative (the text next to it names the host). */
export function HostIcon({ kind }: { kind: HostKind }) {
  return (
    <svg className="md-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}
