import { parse } from 'yaml';

/** A markdown file split at its `---` front matter: the parsed YAML and the body after it. */
export function splitFrontMatter(text: string): { data: unknown; body: string } | { error: string } {
  const source = text.replace(/^\uFEFF/, '');
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match)
    return {
      error: /^---\r?\n/.test(source)
        ? 'the front matter is not closed: end it with a line "---"'
        : 'no front matter: the file must begin with a line "---"',
    };
  try {
    return { data: parse(match[1]!) as unknown, body: source.slice(match[0].length).replace(/^\s+/, '') };
  } catch (error) {
    // The yaml library reports a stack overflow (deep nesting) as a parse error naming the engine's limit.
    if (/call stack/i.test((error as Error).message))
      return { error: 'front matter is nested too deeply to read' };
    // The yaml library's first line ends in ":" before a code excerpt.
    return {
      error: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]!.replace(/:$/, '')}`,
    };
  }
}
