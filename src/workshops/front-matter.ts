import { parse } from 'yaml';

/** A markdown file split at its `---` front matter: the parsed YAML and the body after it. */
export function splitFrontMatter(text: string): { data: unknown; body: string } | { error: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text.replace(/^\uFEFF/, ''));
  if (!match) return { error: 'no front matter: the file must begin with a line "---"' };
  try {
    return { data: parse(match[1]!) as unknown, body: text.slice(match[0].length).replace(/^\s+/, '') };
  } catch (error) {
    return { error: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}
