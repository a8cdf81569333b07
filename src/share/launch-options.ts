/** How the page was opened: the full app or an embed, and the share link in its fragment, if any. */
export interface LaunchOptions {
  /** `?embed=1`: only the editor, Run and the output, for blogs and slides; nothing is saved. */
  embed: boolean;
  /** `&readonly=1` (embeds only): the editor cannot change the files. */
  readOnly: boolean;
  /** `&autorun=1` (embeds only): the snippet runs as soon as it is loaded. */
  autorun: boolean;
  /** The URL fragment, without `#` ('' when none). */
  hash: string;
}

// A flag is on when present (`?embed`, `?embed=1`, `?embed=yes`) unless it says no in a common way.
const OFF = new Set(['0', 'false', 'no', 'off']);

const on = (params: URLSearchParams, name: string): boolean => {
  const value = params.get(name);
  return value !== null && !OFF.has(value.trim().toLowerCase());
};

/** Reads the launch options from the page's address; autorun and read-only count only in an embed. */
export function readLaunchOptions(location: { search: string; hash: string }): LaunchOptions {
  const params = new URLSearchParams(location.search);
  const embed = on(params, 'embed');
  return {
    embed,
    readOnly: embed && on(params, 'readonly'),
    autorun: embed && on(params, 'autorun'),
    hash: location.hash.startsWith('#') ? location.hash.slice(1) : location.hash,
  };
}

/** True when a URL fragment (with or without `#`) holds a share link (`p=…`), good or bad. */
export function hasShareLink(fragment: string): boolean {
  const hash = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return hash.split('&').some((part) => part.startsWith('p='));
}

/** Options of an embed snippet. */
export interface EmbedOptions {
  readOnly: boolean;
  autorun: boolean;
}

/** The address of the app at `base` (origin and path) showing the project in `fragment`. */
export function shareUrl(base: string, fragment: string): string {
  return `${base}#${fragment}`;
}

/** The address an embed of the project loads: `?embed=1`, the chosen options, then the fragment. */
export function embedUrl(base: string, fragment: string, options: EmbedOptions): string {
  const query = ['embed=1', options.readOnly && 'readonly=1', options.autorun && 'autorun=1'].filter(Boolean);
  return `${base}?${query.join('&')}#${fragment}`;
}

/** An `<iframe>` snippet for a blog or slides; allow="cross-origin-isolated" lets a willing host give it the live console. */
export function embedSnippet(url: string): string {
  const src = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${src}" title="ZeroVM Playground" width="100%" height="420" style="border:1px solid #ccc;border-radius:6px" allow="cross-origin-isolated; clipboard-write" loading="lazy"></iframe>`;
}
