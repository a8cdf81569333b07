import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../engine/run/report.ts';
import { ReportPanel } from './ReportPanel.tsx';

function report(stdout: string, stderr: string): RunReport {
  const enc = (s: string) => new TextEncoder().encode(s);
  return {
    state: 'exit',
    exitCode: 0,
    message: 'finished with code 0',
    argv: ['hello.wasm'],
    env: [],
    channels: [],
    stdout: enc(stdout),
    stderr: enc(stderr),
    changes: [],
    wallMs: 1,
    peakMemoryBytes: 65536,
    memoryLimitBytes: 16 * 1024 * 1024,
    deterministic: true,
  };
}

const buttons = (html: string) =>
  [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map(([, name]) => name);

describe('ReportPanel', () => {
  it('offers the whole stdout and stderr of the run as downloads, with their sizes', () => {
    const html = renderToStaticMarkup(<ReportPanel report={report('x'.repeat(2048), 'done\n')} />);
    expect(buttons(html)).toEqual(['Download stdout', 'Download stderr']);
    expect(html).toContain('aria-label="Console output"');
    expect(html).toContain('title="2,048 bytes">2 KiB</span>');
    expect(html).toContain('title="5 bytes">5 B</span>');
  });

  it('offers only the streams that have output', () => {
    expect(buttons(renderToStaticMarkup(<ReportPanel report={report('', 'oops\n')} />))).toEqual([
      'Download stderr',
    ]);
    expect(renderToStaticMarkup(<ReportPanel report={report('', '')} />)).not.toContain('Console output');
  });
});
