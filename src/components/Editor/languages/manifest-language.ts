import type { languages } from 'monaco-editor/editor/editor.api';
import { MANIFEST_KEYS } from '../../../engine/manifest/manifest-keys.ts';

/** Monaco language id of ZeroVM manifests (`Key = value` lines). */
export const MANIFEST_LANGUAGE_ID = 'zerovm-manifest';

// A value field ends at a comma or at the end of the line; numbers only count when they fill the field.
const FIELD_END = String.raw`(?=\s*(?:,|$))`;

/** Monarch tokenizer: the nine keys as keywords, numbers (decimal, 0x hex, 0 octal), other fields as strings. */
export const manifestMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.manifest',
  keywords: [...MANIFEST_KEYS],
  tokenizer: {
    root: [
      // ZeroVM skips lines that start with # or ==.
      [/^\s*(?:#|==).*$/, 'comment'],
      [
        /^(\s*)([^\s=]+)(\s*)(=)/,
        ['', { cases: { '@keywords': 'keyword', '@default': 'identifier' } }, '', 'delimiter'],
      ],
      [new RegExp(String.raw`[+-]?0[xX][0-9a-fA-F]+` + FIELD_END), 'number.hex'],
      [new RegExp(String.raw`[+-]?0[0-7]+` + FIELD_END), 'number.octal'],
      [new RegExp(String.raw`[+-]?\d+` + FIELD_END), 'number'],
      [/,/, 'delimiter'],
      [/[^\s,]+/, 'string'],
      [/\s+/, ''],
    ],
  },
};

/** Editing behaviour: `#` toggles a line comment; manifests have no brackets or quotes. */
export const manifestConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [],
  autoClosingPairs: [],
  surroundingPairs: [],
  wordPattern: /[^\s,=#]+/,
};
