import type { ILinkHandler } from '@xterm/xterm';

/** What opening a link needs from the page (window.confirm and window.open in the app; fakes in tests). */
export interface LinkActions {
  confirm(question: string): boolean;
  open(url: string): void;
  /** Shows or clears the full address of the link under the mouse (e.g. the terminal's title). */
  showAddress(url: string | null): void;
}

/**
 * Terminal hyperlinks (OSC 8) come from the guest, so the text shown need not be where the link goes: the
 * full address is shown on hover and asked about before it opens, and only http(s) links open at all.
 */
export function outputLinkHandler(actions: LinkActions): ILinkHandler {
  return {
    allowNonHttpProtocols: false,
    activate(event, url) {
      event.preventDefault();
      if (!isWebAddress(url)) return;
      if (actions.confirm(`The program's output links to:\n\n${url}\n\nOpen it in a new tab?`))
        actions.open(url);
    },
    hover: (_event, url) => actions.showAddress(url),
    leave: () => actions.showAddress(null),
  };
}

function isWebAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
