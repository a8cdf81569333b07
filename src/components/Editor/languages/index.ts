import type { languages } from 'monaco-editor/editor/editor.api';
import { JSON_LANGUAGE_ID, jsonConfiguration, jsonMonarch } from './json-language.ts';
import { MANIFEST_LANGUAGE_ID, manifestConfiguration, manifestMonarch } from './manifest-language.ts';
import { NVRAM_LANGUAGE_ID, nvramConfiguration, nvramMonarch } from './nvram-language.ts';
import { WAT_LANGUAGE_ID, watConfiguration, watMonarch } from './wat-language.ts';

export { languageForPath, PLAINTEXT } from './language-for-path.ts';

/** A language this app adds to Monaco: plain data, so it can be checked without a DOM. */
export interface LanguageDefinition {
  extension: languages.ILanguageExtensionPoint;
  monarch: languages.IMonarchLanguage;
  configuration: languages.LanguageConfiguration;
}

/** The languages Monaco does not ship (or ships only with a worker, like JSON) that the playground needs. */
export const APP_LANGUAGES: readonly LanguageDefinition[] = [
  {
    extension: { id: MANIFEST_LANGUAGE_ID, extensions: ['.manifest'], aliases: ['ZeroVM manifest'] },
    monarch: manifestMonarch,
    configuration: manifestConfiguration,
  },
  {
    extension: {
      id: NVRAM_LANGUAGE_ID,
      extensions: ['.nvram'],
      filenames: ['nvram'],
      aliases: ['ZeroVM nvram'],
    },
    monarch: nvramMonarch,
    configuration: nvramConfiguration,
  },
  {
    extension: { id: WAT_LANGUAGE_ID, extensions: ['.wat', '.wast'], aliases: ['WebAssembly text', 'WAT'] },
    monarch: watMonarch,
    configuration: watConfiguration,
  },
  {
    extension: { id: JSON_LANGUAGE_ID, extensions: ['.json'], aliases: ['JSON'] },
    monarch: jsonMonarch,
    configuration: jsonConfiguration,
  },
];
