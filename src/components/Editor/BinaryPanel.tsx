import { binarySummary, HEX_PREVIEW_BYTES, hexPreview } from './file-bytes.ts';

/** Shown instead of the editor for a binary file: its size and a hex dump of its first bytes. */
export function BinaryPanel({ bytes }: { bytes: Uint8Array }) {
  return (
    <div className="zvm-binary">
      <p className="zvm-binary__summary">{binarySummary(bytes)}</p>
      {bytes.length > 0 && (
        <pre
          className="zvm-binary__hex"
          aria-label={`Hex preview of the first ${HEX_PREVIEW_BYTES} bytes`}
          tabIndex={0}
        >
          {hexPreview(bytes)}
        </pre>
      )}
      {bytes.length > HEX_PREVIEW_BYTES && (
        <p className="zvm-binary__note">Showing the first {HEX_PREVIEW_BYTES} bytes.</p>
      )}
    </div>
  );
}
