import { describe, expect, it } from 'vitest';
import { outputLinkHandler } from './output-links.ts';

function setup(answer: boolean) {
  const asked: string[] = [];
  const opened: string[] = [];
  const shown: Array<string | null> = [];
  const handler = outputLinkHandler({
    confirm: (q) => (asked.push(q), answer),
    open: (url) => opened.push(url),
    showAddress: (url) => shown.push(url),
  });
  const click = (url: string) => handler.activate({ preventDefault() {} } as MouseEvent, url, {} as never);
  return { handler, asked, opened, shown, click };
}

describe('links in program output', () => {
  it('asks with the full address before opening, and opens only when the user says yes', () => {
    const yes = setup(true);
    yes.click('https://example.org/a?b=c');
    expect(yes.asked[0]).toContain('https://example.org/a?b=c');
    expect(yes.opened).toEqual(['https://example.org/a?b=c']);
    const no = setup(false);
    no.click('https://example.org/');
    expect(no.opened).toEqual([]);
  });

  it('never opens script, data or file links, and does not even ask', () => {
    const s = setup(true);
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>x</script>',
      'file:///etc/passwd',
      'not a url',
    ])
      s.click(url);
    expect(s.asked).toEqual([]);
    expect(s.opened).toEqual([]);
    expect(s.handler.allowNonHttpProtocols).toBe(false);
  });

  it('shows the full address on hover and clears it on leave', () => {
    const s = setup(true);
    s.handler.hover?.({} as MouseEvent, 'https://evil.example/', {} as never);
    s.handler.leave?.({} as MouseEvent, 'https://evil.example/', {} as never);
    expect(s.shown).toEqual(['https://evil.example/', null]);
  });
});
