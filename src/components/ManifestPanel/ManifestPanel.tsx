import type { ChannelSpec, Manifest } from '../../engine/manifest/types.ts';
import './manifest-panel.css';

/** Props of the manifest view. */
export interface ManifestPanelProps {
  /** The manifest Run would use, when it parses; null otherwise. */
  manifest: Manifest | null;
  /** Where it comes from: a project file, or "generated (quick mode)". */
  source: string | null;
  /** Why there is nothing to show (errors, nothing to run). */
  problem: string | null;
}

const access = (c: ChannelSpec): string => {
  const read = c.gets > 0 && c.getSize > 0;
  const write = c.puts > 0 && c.putSize > 0;
  const how = `${c.type & 1 ? 'random' : 'sequential'} ${read && write ? 'read/write' : read ? 'read' : write ? 'write' : 'no access'}`;
  return how;
};

/** The sandbox the manifest describes: program, limits, and each channel from host side to guest alias. */
export function ManifestPanel({ manifest, source, problem }: ManifestPanelProps) {
  if (!manifest) return <p className="manifest-empty">{problem ?? 'No manifest.'}</p>;
  return (
    <div className="manifest-view">
      <p className="manifest-source">{source}</p>
      <p className="manifest-box">
        <strong>{manifest.program}</strong> · memory {Math.round(manifest.memory / 1024 / 1024)} MiB · timeout{' '}
        {manifest.timeout} s
      </p>
      <ul className="manifest-channels">
        {manifest.channels.map((c) => (
          <li key={c.alias}>
            <code>{c.uri}</code> <span aria-hidden="true">→</span>
            <span className="visually-hidden">to</span> <code>{c.alias}</code>{' '}
            <span className="manifest-access">({access(c)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
