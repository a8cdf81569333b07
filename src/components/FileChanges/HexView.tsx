import { useMemo, useState } from 'react';
import { hexDump } from './fs-diff.ts';
import { HEX_PAGE_BYTES, formatSize } from './preview-model.ts';

export interface HexViewProps {
  bytes: Uint8Array;
  /** Names the dump for screen readers, e.g. "Hex of out.bin". */
  label: string;
}

/** A paged hex dump: the first 64 KiB, and a button for each further 64 KiB. */
export function HexView({ bytes, label }: HexViewProps) {
  const [shown, setShown] = useState(HEX_PAGE_BYTES);
  const dump = useMemo(() => hexDump(bytes, { offset: 0, length: shown }).join('\n'), [bytes, shown]);
  if (bytes.length === 0) return <p className="file-preview__note">Empty file (0 bytes).</p>;
  const more = bytes.length > shown;
  return (
    <div className="file-preview__hex">
      <pre className="file-preview__code" aria-label={label} tabIndex={0}>
        {dump}
      </pre>
      {more && (
        <p className="file-preview__more">
          Showing the first {formatSize(shown)} of {formatSize(bytes.length)}.{' '}
          <button type="button" onClick={() => setShown((n) => n + HEX_PAGE_BYTES)}>
            Show more
          </button>
        </p>
      )}
    </div>
  );
}
