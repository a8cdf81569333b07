/**
 * True when the page is inside a frame. The full app refuses to run framed (clickjacking: a page could
 * dress it up and get the visitor's clicks on Delete or Share); the embed (`?embed=1`) is made for frames.
 * The Content-Security-Policy allows framing for both (vite.config.ts says why); this is the full app's half.
 */
export function isFramed(win: Pick<Window, 'self' | 'top'> = window): boolean {
  try {
    return win.self !== win.top;
  } catch {
    // Some browsers throw on reading a cross-origin top: framed.
    return true;
  }
}
