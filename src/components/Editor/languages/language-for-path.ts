import { JSON_LANGUAGE_ID } from './json-language.ts';
import { MANIFEST_LANGUAGE_ID } from './manifest-language.ts';
import { NVRAM_LANGUAGE_ID } from './nvram-language.ts';
import { WAT_LANGUAGE_ID } from './wat-language.ts';

/** Monaco's id for files without a better language. */
export const PLAINTEXT = 'plaintext';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.c': 'c',
  '.h': 'c',
  '.cc': 'cpp',
  '.cpp': 'cpp',
  '.cxx': 'cpp',
  '.hh': 'cpp',
  '.hpp': 'cpp',
  '.hxx': 'cpp',
  '.py': 'python',
  '.wat': WAT_LANGUAGE_ID,
  '.wast': WAT_LANGUAGE_ID,
  '.manifest': MANIFEST_LANGUAGE_ID,
  '.nvram': NVRAM_LANGUAGE_ID,
  '.json': JSON_LANGUAGE_ID,
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** The Monaco language id for a project path, from its extension (case-insensitive); `plaintext` if unknown. */
export function languageForPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'nvram') return NVRAM_LANGUAGE_ID;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return PLAINTEXT;
  return BY_EXTENSION[name.slice(dot)] ?? PLAINTEXT;
}
