import type { languages } from 'monaco-editor/editor/editor.api';

/** Monaco language id of ZRT nvram files (INI-like `[section]` and `key=value, key=value` lines). */
export const NVRAM_LANGUAGE_ID = 'zerovm-nvram';

/**
 * Monarch tokenizer: `[section]` headers, keys, values with `\xHH` escapes and quoted args, `#` comments.
 * A value runs to the next comma, `#` or end of line; a new line always starts outside a value.
 */
export const nvramMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.nvram',
  escapes: /\\x[0-9a-fA-F]{2}/,
  tokenizer: {
    root: [
      // ZRT starts a comment at any '#', also after settings on the same line.
      [/#.*$/, 'comment'],
      [/^(\s*)(\[)([^\]#]*)(\])/, ['', 'delimiter.bracket', 'metatag', 'delimiter.bracket']],
      [/^(\s*)(\[)([^\]#]*)/, ['', 'delimiter.bracket', 'metatag']],
      [/([^\s=,#]+)(\s*)(=)/, ['key', '', { token: 'delimiter', next: '@value' }]],
      [/,/, 'delimiter'],
      [/\s+/, ''],
      [/[^\s,#]+/, 'invalid'],
    ],
    value: [
      [/^/, '', '@pop'],
      [/#.*$/, 'comment', '@pop'],
      [/,/, 'delimiter', '@pop'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@quoted'],
      [/[+-]?\d+(?=\s*(?:[,#]|$))/, 'number'],
      [/[^\\",#\s]+/, 'attribute.value'],
      [/\s+/, ''],
    ],
    quoted: [
      [/^/, '', '@popall'],
      [/[^"\\,#]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
      // A comma or # ends the value even inside quotes (write them as \x2c and \x23).
      [/(?=[,#])/, '', '@pop'],
    ],
  },
};

/** Editing behaviour: `#` comments, `[` `]` brackets, auto-closed brackets and quotes. */
export const nvramConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [['[', ']']],
  autoClosingPairs: [
    { open: '[', close: ']' },
    { open: '"', close: '"', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '[', close: ']' },
    { open: '"', close: '"' },
  ],
  wordPattern: /[^\s,=#"[\]]+/,
};
