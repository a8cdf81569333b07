import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ProjectsDialog } from '../Projects/ProjectsDialog.tsx';
import { formatAge, formatBytes } from '../Projects/RecentProjectItem.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import type { ShareDialogProps, ShareView } from './ShareDialog.tsx';

const noop = () => {};
const share = (view: ShareView, more: Partial<ShareDialogProps> = {}) =>
  renderToStaticMarkup(
    <ShareDialog
      view={view}
      includeBuilt={false}
      onIncludeBuilt={noop}
      embedReadOnly={false}
      embedAutorun={false}
      onEmbedOptions={noop}
      onCopy={noop}
      onDownloadZapp={noop}
      onClose={noop}
      {...more}
    />,
  );

describe('ShareDialog', () => {
  const link: ShareView = {
    kind: 'link',
    url: 'http://x/#p=1.abc',
    snippet: '<iframe src="http://x/?embed=1#p=1.abc"></iframe>',
    omitted: ['greet.wasm'],
    copy: 'copied',
  };

  it('confirms the copy with the link length, and says what was left out', () => {
    const html = share(link);
    expect(html).toContain('role="dialog" aria-label="Share"');
    expect(html).toContain('Link copied to the clipboard (17 characters).');
    expect(html).toContain('Left out to keep the link short: greet.wasm');
    expect(html).toContain('Include built programs (.wasm)');
    // The snippet is text in a textarea, never markup on the page.
    expect(html).toContain('&lt;iframe src=&quot;http://x/?embed=1#p=1.abc&quot;&gt;');
  });

  it('offers a .zapp instead of a link that is too long, and says why', () => {
    const html = share({ kind: 'too-long', length: 17202, snippet: '<iframe src="x"></iframe>' });
    expect(html).toContain('it would be 17,202 characters, more than the 8 KB');
    expect(html).toContain('Download .zapp');
    expect(html).not.toContain('Share link');
    expect(html).toContain('Embed code');
  });

  it('tells when the clipboard could not be used', () => {
    expect(share({ ...link, copy: 'failed' })).toContain('The clipboard could not be used');
  });
});

describe('ProjectsDialog', () => {
  it('renders project names as text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const html = renderToStaticMarkup(
      <ProjectsDialog
        name="Current"
        onRename={noop}
        recent={[{ id: 'a', name, savedAt: Date.now(), fileCount: 1, bytes: 2048 }]}
        onNew={noop}
        onOpenRecent={noop}
        onRenameRecent={noop}
        onDeleteRecent={noop}
        onImportZapp={noop}
        onExportZapp={noop}
        onClose={noop}
      />,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('1 file, 2 KB, just now');
  });

  it('formats sizes and ages', () => {
    expect(formatBytes(100)).toBe('100 B');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatAge(0, 5 * 60_000)).toBe('5 min ago');
    expect(formatAge(0, 3 * 3_600_000)).toBe('3 h ago');
  });
});
