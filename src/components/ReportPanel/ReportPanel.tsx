import type { ChannelReport, RunReport } from '../../engine/run/report.ts';
import { formatBytes, formatCount } from '../ChannelMeters/meter-model.ts';
import { downloadBytes } from '../download-bytes.ts';
import { TypedInput } from './TypedInput.tsx';
import './report-panel.css';

/** What "Run twice and compare" found (the app's compareRuns result fits). */
export interface ComparisonView {
  identical: boolean;
  items: ReadonlyArray<{ what: string; same: boolean; detail?: string }>;
  /** Both runs had the deterministic clock and randomness on. */
  deterministic?: boolean;
}

/** Props of the report view. */
export interface ReportPanelProps {
  report: RunReport | null;
  /** A run is in progress (disables "Run twice and compare"). @default false */
  running?: boolean;
  /** Runs the project twice and compares; the button is hidden without it. */
  onCompare?: () => void;
  /** The last comparison, or null before one (or while it runs). */
  comparison?: ComparisonView | null;
  /** Puts the run's typed input into the Stdin box ("Use as Stdin"). */
  onUseAsStdin?: (text: string) => void;
}

/** Hex characters of an etag shown; the full value is in its title and accessible text. */
const ETAG_SHOWN = 10;

function Etag({ etag }: { etag: string | undefined }) {
  if (etag === undefined) return <span className="report-none">—</span>;
  return (
    <code className="report-etag" title={etag}>
      <span aria-hidden="true">{etag.length > ETAG_SHOWN ? `${etag.slice(0, ETAG_SHOWN)}…` : etag}</span>
      <span className="visually-hidden">{etag}</span>
    </code>
  );
}

function ChannelRow({ c, etags }: { c: ChannelReport; etags: boolean }) {
  return (
    <tr className={c.quotaHits > 0 ? 'report-hit' : undefined}>
      <th scope="row" title={c.uri}>
        {c.alias}
      </th>
      <td>
        {formatCount(c.reads)} / {formatCount(c.limits.gets)}
      </td>
      <td title={`${c.bytesRead.toLocaleString('en-US')} bytes`}>
        {formatBytes(c.bytesRead)} / {formatBytes(c.limits.getSize)}
      </td>
      <td>
        {formatCount(c.writes)} / {formatCount(c.limits.puts)}
      </td>
      <td title={`${c.bytesWritten.toLocaleString('en-US')} bytes`}>
        {formatBytes(c.bytesWritten)} / {formatBytes(c.limits.putSize)}
      </td>
      <td className="report-edquot">{formatCount(c.quotaHits)}</td>
      {etags && (
        <td className="report-etag-cell">
          <Etag etag={c.etag} />
        </td>
      )}
    </tr>
  );
}

function Comparison({ comparison }: { comparison: ComparisonView }) {
  if (comparison.identical) {
    return (
      <p className="report-good">
        Identical: both runs gave the same outputs and etags ({comparison.items.length} things compared).
      </p>
    );
  }
  const differ = comparison.items.filter((i) => !i.same);
  return (
    <>
      <p className="report-bad">
        Different: {differ.length} of {comparison.items.length} things differed between the two runs.
        {comparison.deterministic === false &&
          ' Determinism was off (real clock and randomness), so runs may differ.'}
      </p>
      <ul className="report-differences">
        {differ.map((i) => (
          <li key={i.what}>
            <strong>{i.what}</strong>
            {i.detail !== undefined && (
              <>
                : <span className="report-detail">{i.detail}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The run's whole stdout and stderr as files: the Output console shows only the head and tail of a long
 * output (its "left out" line points here).
 */
function ConsoleDownloads({ report }: { report: RunReport }) {
  const streams = (['stdout', 'stderr'] as const).filter((s) => report[s].length > 0);
  if (streams.length === 0) return null;
  return (
    <section className="report-console" aria-label="Console output">
      <p className="report-note">
        The whole console output of this run (the Output keeps only the start and end of a long output):
      </p>
      <ul>
        {streams.map((stream) => (
          <li key={stream}>
            <button
              type="button"
              onClick={() => downloadBytes(`${stream}.txt`, report[stream], 'text/plain;charset=utf-8')}
            >
              Download {stream}
            </button>{' '}
            <span className="report-size" title={`${report[stream].length.toLocaleString('en-US')} bytes`}>
              {formatBytes(report[stream].length)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CompareRuns({ running, onCompare, comparison }: Omit<ReportPanelProps, 'report'>) {
  if (!onCompare) return null;
  return (
    <section className="report-compare" aria-label="Determinism check">
      <button type="button" onClick={onCompare} disabled={running}>
        Run twice and compare
      </button>
      <div role="status" className="report-comparison">
        {comparison && <Comparison comparison={comparison} />}
      </div>
    </section>
  );
}

/** The last run's report, as ZeroVM printed it: exit state, accounting per channel, etags, time and memory. */
export function ReportPanel({
  report,
  running = false,
  onCompare,
  comparison = null,
  onUseAsStdin,
}: ReportPanelProps) {
  const compare = <CompareRuns running={running} onCompare={onCompare} comparison={comparison} />;
  if (!report) {
    return (
      <div className="report">
        <p className="report-empty">Run the project to see its report.</p>
        {compare}
      </div>
    );
  }
  const failed = !['ok', 'exit'].includes(report.state);
  const etags = report.channels.some((c) => c.etag !== undefined);
  return (
    <div className="report">
      <p className={`report-message ${failed ? 'report-bad' : 'report-good'}`}>{report.message}</p>
      <dl className="report-facts">
        <dt>state</dt>
        <dd>{report.state}</dd>
        <dt>exit code</dt>
        <dd>{report.exitCode ?? '—'}</dd>
        <dt>wall time</dt>
        <dd>{report.wallMs.toFixed(1)} ms</dd>
        <dt>memory</dt>
        <dd>
          {formatBytes(report.peakMemoryBytes)} peak of {formatBytes(report.memoryLimitBytes)}
        </dd>
        <dt>clock</dt>
        <dd>{report.deterministic ? 'deterministic clock and randomness' : 'real clock and randomness'}</dd>
        <dt>argv</dt>
        <dd>{report.argv.map((a) => JSON.stringify(a)).join(' ')}</dd>
      </dl>
      <TypedInput report={report} onUseAsStdin={onUseAsStdin} />
      <table className="report-channels">
        <caption>Channels: use against quota</caption>
        <thead>
          <tr>
            <th scope="col">alias</th>
            <th scope="col">reads</th>
            <th scope="col">bytes read</th>
            <th scope="col">writes</th>
            <th scope="col">bytes written</th>
            <th scope="col">EDQUOT</th>
            {etags && <th scope="col">etag</th>}
          </tr>
        </thead>
        <tbody>
          {report.channels.map((c, i) => (
            <ChannelRow key={`${i}:${c.alias}`} c={c} etags={etags} />
          ))}
        </tbody>
      </table>
      {!etags && (
        <p className="report-note">No etags: set a channel&apos;s etag field to 1 to hash its traffic.</p>
      )}
      <ConsoleDownloads report={report} />
      {compare}
    </div>
  );
}
