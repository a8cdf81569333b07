import type { languages } from 'monaco-editor/editor/editor.api';

/** Monaco language id of the WebAssembly text format. */
export const WAT_LANGUAGE_ID = 'wat';

const words = (text: string): string[] => text.trim().split(/\s+/);

/** Monarch tokenizer for WAT/WAST: s-expressions, `$ids`, instructions, numbers, strings, both comment forms. */
export const watMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.wat',
  brackets: [{ open: '(', close: ')', token: 'delimiter.parenthesis' }],
  keywords: words(`
    module func param result local global import export memory data table elem type start mut
    offset item declare rec sub final field struct array tag shared binary quote register invoke
    get assert_return assert_trap assert_invalid assert_malformed assert_unlinkable
    assert_exhaustion assert_exception either
  `),
  controls: words(`
    block loop if then else end br br_if br_table br_on_null br_on_non_null br_on_cast
    br_on_cast_fail return call call_indirect call_ref return_call return_call_indirect
    return_call_ref unreachable nop drop select try try_table catch catch_ref catch_all
    catch_all_ref throw throw_ref rethrow delegate
  `),
  types: words(`
    i32 i64 f32 f64 v128 i8 i16 funcref externref anyref eqref i31ref structref arrayref exnref
    nullref nullfuncref nullexternref ref null
  `),
  hexnum: /[0-9a-fA-F](?:_?[0-9a-fA-F])*/,
  num: /\d(?:_?\d)*/,
  tokenizer: {
    root: [
      { include: '@whitespace' },
      [/[()]/, '@brackets'],
      [/\$[\w!#$%&'*+\-./:<=>?@\\^`|~]+/, 'variable'],
      [/"/, 'string', '@string'],
      [/(offset|align)(=)/, ['keyword', 'delimiter']],
      [/[+-]?(?:inf|nan(?::0x@hexnum)?)(?![\w.])/, 'number.float'],
      [/[+-]?0x@hexnum(?:\.(?:@hexnum)?)?(?:[pP][+-]?@num)?/, 'number.hex'],
      [/[+-]?@num(?:\.(?:@num)?)?(?:[eE][+-]?@num)?/, 'number'],
      [
        /[a-z][\w.]*/,
        {
          cases: {
            '@types': 'type',
            '@controls': 'keyword.flow',
            '@keywords': 'keyword',
            // Every other bare word is an instruction such as i32.const or local.get.
            '@default': 'keyword',
          },
        },
      ],
    ],
    whitespace: [
      [/\s+/, ''],
      [/;;.*$/, 'comment'],
      [/\(;/, 'comment', '@blockComment'],
    ],
    blockComment: [
      [/[^(;]+/, 'comment'],
      [/\(;/, 'comment', '@push'],
      [/;\)/, 'comment', '@pop'],
      [/[(;]/, 'comment'],
    ],
    string: [
      [/[^"\\]+/, 'string'],
      [/\\(?:[0-9a-fA-F]{2}|[tnr"'\\]|u\{[0-9a-fA-F]+\})/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
  },
};

/** Editing behaviour: `;;` and `(; ;)` comments, parentheses, auto-closed parens and quotes. */
export const watConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: ';;', blockComment: ['(;', ';)'] },
  brackets: [['(', ')']],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  // $names and dotted instructions (i32.const) select as one word.
  wordPattern: /-?\d[\w.+-]*|[$\w][\w!#$%&'*+\-./:<=>?@\\^`|~]*/,
};
