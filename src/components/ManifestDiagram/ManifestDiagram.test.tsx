import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseManifest } from '../../engine/manifest/parse-manifest.ts';
import { ManifestDiagram } from './ManifestDiagram.tsx';
import type { ManifestDiagramProps } from './ManifestDiagram.tsx';

const TEXT = `Version = 20130611
Program = greet.wasm
Memory = 16777216, 0
Timeout = 5
Channel = /dev/stdin, /dev/stdin, 0, 0, 16, 4096, 0, 0
Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 16, 65536
Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 16, 65536
Channel = data.txt, /dev/input, 1, 0, 100, 65536, 0, 0
`;
const manifest = parseManifest(TEXT).manifest!;
const noop = () => {};

function render(props: Partial<ManifestDiagramProps>): string {
  return renderToStaticMarkup(
    <ManifestDiagram
      manifest={manifest}
      source="hello.manifest"
      problem={null}
      selectedChannel={null}
      onSelectChannel={noop}
      {...props}
    />,
  );
}

describe('ManifestDiagram (server-rendered markup)', () => {
  it('shows the problem when there is no manifest', () => {
    expect(render({ manifest: null, problem: 'hello.manifest has errors' })).toContain(
      'hello.manifest has errors',
    );
  });

  it('lists each channel as a toggle button with a descriptive name', () => {
    const html = render({ selectedChannel: '/dev/stdout', quotaHits: { '/dev/stdout': 2 } });
    expect(html).toContain('role="list" aria-label="Channels"');
    expect(html).toContain(
      'aria-pressed="true" aria-label="Channel /dev/stdout: console, sequential write, 16 writes, 64 KiB, ' +
        'quota exceeded 2 times (EDQUOT)"',
    );
    expect(html).toContain('aria-pressed="false" aria-label="Channel /dev/input: file data.txt, random read');
    expect(html).toContain('EDQUOT ×2');
    expect(html).toContain('Show all channels');
  });

  it('offers Edit, Remove (not for stdio) and Add only when the callbacks are given', () => {
    expect(render({})).not.toContain('>Edit<');
    const html = render({
      onEditLimits: noop,
      onRemoveChannel: noop,
      onAddChannel: noop,
      onEditSandbox: noop,
    });
    expect(html).toContain('aria-label="Edit /dev/stdin"');
    expect(html).toContain('aria-label="Remove /dev/input"');
    expect(html).not.toContain('aria-label="Remove /dev/stdout"');
    expect(html).toContain('Add channel');
    expect(html).toContain('aria-label="Edit sandbox"');
  });

  it('in quick mode shows the generated texts and Make editable, and no edit controls', () => {
    const html = render({
      generated: { manifestText: 'Version = 20130611\n', nvramText: '[args]\nargs=greet.wasm\n' },
      onMakeEditable: noop,
      onEditLimits: noop,
      onAddChannel: noop,
      onRemoveChannel: noop,
    });
    expect(html).toContain('Make editable');
    expect(html).toContain('<summary>Generated manifest</summary><pre>Version = 20130611\n</pre>');
    expect(html).toContain('args=greet.wasm');
    expect(html).not.toContain('>Edit<');
    expect(html).not.toContain('Add channel');
    expect(html).not.toContain('>Remove<');
  });

  it('renders a meter under each channel when asked', () => {
    const html = render({ renderMeter: (alias) => <meter data-for={alias} /> });
    expect(html.match(/<meter data-for=/g)).toHaveLength(4);
  });
});
