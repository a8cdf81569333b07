import type { languages } from 'monaco-editor/editor/editor.api';

/** Monaco language id used for `.json` files (job descriptions, lesson metadata). */
export const JSON_LANGUAGE_ID = 'json';

/** A small Monarch tokenizer for JSON: colouring only, so no JSON worker is bundled. */
export const jsonMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.json',
  keywords: ['true', 'false', 'null'],
  brackets: [
    { open: '{', close: '}', token: 'delimiter.bracket' },
    { open: '[', close: ']', token: 'delimiter.array' },
  ],
  tokenizer: {
    root: [
      [/\s+/, ''],
      [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'string.key'],
      [/"(?:[^"\\]|\\.)*"?/, 'string.value'],
      [/-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
      [/[{}[\]]/, '@brackets'],
      [/[,:]/, 'delimiter'],
      [/[A-Za-z_]\w*/, { cases: { '@keywords': 'keyword', '@default': 'invalid' } }],
    ],
  },
};

/** Editing behaviour: braces and brackets, auto-closed quotes. */
export const jsonConfiguration: languages.LanguageConfiguration = {
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}', notIn: ['string'] },
    { open: '[', close: ']', notIn: ['string'] },
    { open: '"', close: '"', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '"', close: '"' },
  ],
};
