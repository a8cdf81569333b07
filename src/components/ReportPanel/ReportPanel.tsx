import type { RunReport } from '../../engine/run/report.ts';
import './report-panel.css';

/** Props of the report view. */
export interface ReportPanelProps {
  report: RunReport | null;
}

const count = (n: number): string => (n >= 2 ** 32 ? '2³²' : n.toLocaleString('en-US'));
const bytes = (n: number): string =>
  n >= 2 ** 32
    ? '4 GiB'
    : n >= 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MiB`
      : n >= 1024
        ? `${(n / 1024).toFixed(1)} KiB`
        : `${n} B`;

/** The last run's report, as ZeroVM printed it: exit state, accounting per channel, time and memory. */
export function ReportPanel({ report }: ReportPanelProps) {
  if (!report) return <p className="report-empty">Run the project to see its report.</p>;
  const failed = !['ok', 'exit'].includes(report.state);
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
          {bytes(report.peakMemoryBytes)} of {bytes(report.memoryLimitBytes)}
        </dd>
        <dt>argv</dt>
        <dd>{report.argv.map((a) => JSON.stringify(a)).join(' ')}</dd>
      </dl>
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
          </tr>
        </thead>
        <tbody>
          {report.channels.map((c) => (
            <tr key={c.alias} className={c.quotaHits > 0 ? 'report-hit' : undefined}>
              <th scope="row" title={c.uri}>
                {c.alias}
              </th>
              <td>
                {count(c.reads)} / {count(c.limits.gets)}
              </td>
              <td title={`${c.bytesRead.toLocaleString('en-US')} bytes`}>
                {bytes(c.bytesRead)} / {bytes(c.limits.getSize)}
              </td>
              <td>
                {count(c.writes)} / {count(c.limits.puts)}
              </td>
              <td title={`${c.bytesWritten.toLocaleString('en-US')} bytes`}>
                {bytes(c.bytesWritten)} / {bytes(c.limits.putSize)}
              </td>
              <td>{c.quotaHits}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
