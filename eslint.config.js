import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const engineMustStayPure = {
  patterns: [
    {
      group: ['react', 'react-dom', 'zustand', 'monaco-editor', '@monaco-editor/*'],
      message: 'src/engine is a pure library: no UI frameworks.',
    },
    {
      group: ['**/store/**', '**/components/**', '**/app/**', '**/worker/**'],
      message: 'src/engine may not import layers above it.',
    },
    {
      group: ['node:*'],
      message:
        'src/engine must run in a browser Worker too: no Node-only APIs (the CLI supplies files and stdio).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/worker/**'], message: 'Components see only props: the app wires workers in.' },
            {
              group: ['**/store/**', 'zustand'],
              message: 'Components see only props: the app reads the store.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    ignores: ['src/worker/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'zustand',
                'monaco-editor',
                '**/store/**',
                '**/components/**',
                '**/app/**',
              ],
              message: 'src/worker may import only the engine and its protocol.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every spec takes test/expect from the fixture that fails a test on any CSP violation.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test', 'expect'],
              allowTypeImports: true,
              message: "Import test and expect from './fixtures.ts' (it fails the test on a CSP violation).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/test-support/**'],
    rules: { 'no-restricted-imports': ['error', engineMustStayPure] },
  },
);
