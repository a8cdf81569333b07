/** A toolchain download in progress: what, and how far. */
export interface DownloadProgressProps {
  /** What is downloading, e.g. "the C/C++ compiler". */
  what: string;
  doneBytes: number;
  totalBytes: number;
}

/** "Downloading the C/C++ compiler: 52.3 of 105.2 MB (50%)" with a progress bar. */
export function DownloadProgress({ what, doneBytes, totalBytes }: DownloadProgressProps) {
  const percent = totalBytes > 0 ? Math.min(100, Math.floor((doneBytes / totalBytes) * 100)) : 0;
  const text = `${megabytes(doneBytes)} of ${megabytes(totalBytes)} MB (${percent}%)`;
  return (
    <div className="toolbar-download">
      <progress aria-label={`Downloading ${what}`} aria-valuetext={text} max={100} value={percent} />
      <span>
        {`Downloading ${what}: `}
        {text}
      </span>
    </div>
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
