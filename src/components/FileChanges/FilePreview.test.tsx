import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { writeTarImage } from '../../engine/image/tar-image.ts';
import { FilePreview } from './FilePreview.tsx';
import type { FilePreviewProps } from './FilePreview.tsx';
import { RunChangesList } from './RunChangesList.tsx';

const enc = (s: string) => new TextEncoder().encode(s);

/** The markup, and its visible text with tags dropped and entities decoded. */
function render(props: FilePreviewProps) {
  const html = renderToStaticMarkup(<FilePreview {...props} />);
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return { html, text };
}

const tabsOf = (html: string) =>
  [...html.matchAll(/role="tab"[^>]*aria-selected="(true|false)"[^>]*>([^<]*)</g)].map(
    ([, selected, name]) => (selected === 'true' ? `[${name}]` : name),
  );

describe('FilePreview', () => {
  it('shows a modified text file as a unified diff with line numbers, Changes first', () => {
    const { html, text } = render({
      path: 'out.txt',
      data: enc('one\nTWO\nthree\n'),
      change: { badge: 'modified', before: enc('one\ntwo\nthree\n'), partial: false },
    });
    expect(html).toMatch(/^<section class="file-preview" aria-label="File out.txt">/);
    expect(tabsOf(html)).toEqual(['[Changes]', 'Text', 'Hex']);
    expect(text).toContain('modified by the last run');
    expect(text).toContain('1 line added, 1 line removed (14 bytes → 14 bytes)');
    expect(text).toContain('@@ -1,3 +1,3 @@');
    expect(html).toContain('file-preview__line--remove');
    expect(text).toMatch(/2 - removed two/);
    expect(text).toMatch(/2 \+ added TWO/);
    expect(text).toMatch(/3 3 unchanged three/);
  });

  it('says a file is partial when the run was killed while writing, and an added file is all additions', () => {
    const { text } = render({
      path: 'log.txt',
      data: enc('a\nb\n'),
      change: { badge: 'added', before: null, partial: true },
    });
    expect(text).toContain('added by the last run');
    expect(text).toContain('partial: the run was killed while writing');
    expect(text).toContain('2 lines added, 0 lines removed (new file → 4 bytes)');
  });

  it('shows a deleted file as removals, and its text as it was before', () => {
    const change = { badge: 'deleted' as const, before: enc('bye\n'), partial: false };
    const changes = render({ path: 'gone.txt', data: null, change });
    expect(changes.text).toContain('deleted by the last run');
    expect(changes.text).toContain('0 lines added, 1 line removed (4 bytes → deleted)');
    const asText = render({ path: 'gone.txt', data: null, change, initialTab: 'text' });
    expect(tabsOf(asText.html)).toEqual(['Changes', '[Text]', 'Hex']);
    expect(asText.text).toContain('Showing the file as it was before the run deleted it.');
    expect(asText.text).toContain('bye');
  });

  it('shows a changed binary file as the 16-byte rows that differ, before and after', () => {
    const before = new Uint8Array(32);
    const after = new Uint8Array(32);
    after[17] = 0xff;
    const { text } = render({
      path: 'data.bin',
      data: after,
      change: { badge: 'modified', before, partial: false },
    });
    expect(text).toContain('first difference at byte 17 (0x11)');
    expect(text).toContain('before 00000010 00 00 00 00');
    expect(text).toContain('after 00000010 00 ff 00 00');
    expect(text).not.toContain('00000000');
  });

  it('opens an unchanged binary file on Hex and a text file on Text; never renders file text as HTML', () => {
    const wasm = render({ path: 'p.wasm', data: new Uint8Array([0, 0x61, 0x73, 0x6d]) });
    expect(tabsOf(wasm.html)).toEqual(['Text', '[Hex]']);
    expect(wasm.text).toContain('Not changed by the last run.');
    expect(wasm.text).toContain('00000000 00 61 73 6d |.asm|');
    const hostile = render({ path: 'x.html', data: enc('<img src=x onerror=alert(1)>') });
    expect(tabsOf(hostile.html)).toEqual(['[Text]', 'Hex']);
    expect(hostile.html).not.toContain('<img');
    expect(hostile.text).toContain('<img src=x onerror=alert(1)>');
  });

  it('notes text that is not valid UTF-8', () => {
    const { text } = render({ path: 'odd.txt', data: new Uint8Array([0x61, 0xff]), initialTab: 'text' });
    expect(text).toContain('This file is not valid UTF-8 text');
    expect(text).toContain('a\ufffd');
  });

  it('pages a large hex dump at 64 KiB', () => {
    const { html, text } = render({ path: 'big.bin', data: new Uint8Array(100_000) });
    expect(text).toContain('Showing the first 64.0 KiB (65,536 bytes) of 97.7 KiB (100,000 bytes).');
    expect(html).toContain('>Show more</button>');
    expect(text).toContain('0000fff0');
    expect(text).not.toContain('00010000 ');
  });

  it('lists a tar image as folders with a button each, and sizes', () => {
    const tar = writeTarImage([
      { path: 'out/a.txt', kind: 'file', data: enc('hello') },
      { path: 'top.txt', kind: 'file', data: enc('t') },
    ]);
    const { html, text } = render({ path: 'export.tar', data: tar, onClose: () => {} });
    expect(tabsOf(html)).toEqual(['[Contents]', 'Text', 'Hex']);
    expect(text).toContain('Tar image: 2 files, 6 bytes.');
    expect(html).toMatch(
      /<button type="button" class="file-preview__entry" aria-expanded="false">.*out\/<\/button>/,
    );
    expect(text).toContain('top.txt 1 byte');
    expect(text).not.toContain('a.txt');
    expect(html).toContain('>Close preview</button>');
  });

  it('says when a tar file is not a readable image', () => {
    const { text } = render({ path: 'bad.tar', data: enc('nope') });
    expect(text).toContain('This is not a readable tar image: not a tar archive');
  });
});

describe('RunChangesList', () => {
  it('lists changed paths as buttons that say what happened', () => {
    const html = renderToStaticMarkup(
      <RunChangesList
        changes={{
          'b.txt': { badge: 'deleted', partial: false },
          'a.txt': { badge: 'modified', partial: true },
        }}
        selected="b.txt"
        onSelect={() => {}}
      />,
    );
    const names = [...html.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map(([, inner]) =>
      (inner ?? '').replace(/<[^>]*>/g, ''),
    );
    expect(names).toEqual(['Ma.txt, modified by the last run, partial', 'Db.txt, deleted by the last run']);
    expect(html).toMatch(/aria-current="true"[^>]*>.*b\.txt/);
    expect(
      renderToStaticMarkup(<RunChangesList changes={{}} selected={null} onSelect={() => {}} />),
    ).toContain('The last run changed no project files.');
  });
});
