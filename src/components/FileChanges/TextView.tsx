import { useMemo, useState } from 'react';
import { bytesAsText } from './fs-diff.ts';
import { TEXT_PAGE_CHARS, formatSize } from './preview-model.ts';

export interface TextViewProps {
  bytes: Uint8Array;
  /** Names the text for screen readers, e.g. "Text of out.txt". */
  label: string;
}

/** The file as text (never as HTML), paged; says so when the bytes are not valid UTF-8. */
export function TextView({ bytes, label }: TextViewProps) {
  const [shown, setShown] = useState(TEXT_PAGE_CHARS);
  const { text, valid } = useMemo(() => bytesAsText(bytes), [bytes]);
  if (bytes.length === 0) return <p className="file-preview__note">Empty file (0 bytes).</p>;
  return (
    <div className="file-preview__text">
      {!valid && (
        <p className="file-preview__note" role="note">
          This file is not valid UTF-8 text: bytes that do not decode are shown as �, NUL bytes as ␀. The Hex
          tab shows the exact bytes.
        </p>
      )}
      <pre className="file-preview__code" aria-label={label} tabIndex={0}>
        {text.length > shown ? text.slice(0, shown) : text}
      </pre>
      {text.length > shown && (
        <p className="file-preview__more">
          Showing the first {shown.toLocaleString('en-US')} of {text.length.toLocaleString('en-US')}{' '}
          characters ({formatSize(bytes.length)}).{' '}
          <button type="button" onClick={() => setShown((n) => n + TEXT_PAGE_CHARS)}>
            Show more
          </button>
        </p>
      )}
    </div>
  );
}
