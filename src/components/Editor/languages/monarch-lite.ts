import type { languages } from 'monaco-editor/editor/editor.api';

// A small re-implementation of the Monarch rules this folder uses (states, includes, groups, cases,
// @brackets, @push/@pop/@popall, attribute expansion), so tokenizers can be tested in node without Monaco.
// Its output matched Monaco 0.57's own MonarchTokenizer on every sample line of languages.test.ts.

type Definition = languages.IMonarchLanguage;
type Action = languages.IMonarchLanguageAction;

/** One token of a line: its text and its Monarch token class (without the postfix). */
export interface LiteToken {
  text: string;
  token: string;
}

interface CompiledRule {
  regex: RegExp;
  atLineStart: boolean;
  action: Action;
  next: string | undefined;
}

/** Expands `@attribute` references in a rule's regex source, as Monarch does (`@@` is a literal `@`). */
export function expandRegexSource(definition: Definition, source: string): string {
  return source
    .split('@@')
    .map((part) => {
      let text = part;
      for (let round = 0; round < 5 && /@\w/.test(text); round++) {
        text = text.replace(/@(\w+)/g, (_, name: string) => {
          const value: unknown = definition[name];
          if (typeof value === 'string') return value === '' ? '' : `(?:${value})`;
          if (value instanceof RegExp) return `(?:${value.source})`;
          throw new Error(`regex refers to @${name}, which is not a string or RegExp attribute`);
        });
      }
      return text;
    })
    .join('@');
}

/** Compiles every state of a definition; throws on a bad regex, a missing include or a missing state. */
export function compileStates(definition: Definition): Map<string, CompiledRule[]> {
  const states = new Map<string, CompiledRule[]>();
  const compile = (name: string, seen: string[]): CompiledRule[] => {
    const rules = definition.tokenizer[name];
    if (rules === undefined) throw new Error(`state ${name} is not defined`);
    if (seen.includes(name)) throw new Error(`include cycle through ${name}`);
    return rules.flatMap((rule): CompiledRule[] => {
      if (!Array.isArray(rule)) {
        if (rule.include !== undefined) return compile(rule.include.replace(/^@/, ''), [...seen, name]);
        if (rule.regex === undefined || rule.action === undefined) throw new Error(`bad rule in ${name}`);
        return [compileRule(definition, rule.regex, rule.action, undefined)];
      }
      return [compileRule(definition, rule[0], rule[1], rule[2])];
    });
  };
  for (const name of Object.keys(definition.tokenizer)) states.set(name, compile(name, []));
  return states;
}

function compileRule(definition: Definition, regex: string | RegExp, action: Action, next?: string) {
  let source = typeof regex === 'string' ? regex : regex.source;
  const atLineStart = source.startsWith('^');
  if (atLineStart) source = source.slice(1);
  const flags = definition.ignoreCase ? 'i' : '';
  return {
    regex: new RegExp(`^(?:${expandRegexSource(definition, source)})`, flags),
    atLineStart,
    action,
    next,
  };
}

interface Resolved {
  token: string;
  next: string | undefined;
}

function resolve(definition: Definition, action: Action, text: string): Resolved {
  if (typeof action === 'string') return { token: action, next: undefined };
  if (Array.isArray(action)) throw new Error('nested group actions are not allowed');
  if (action.cases !== undefined) {
    const cases = action.cases as Record<string, Action>;
    for (const [guard, chosen] of Object.entries(cases)) {
      if (guard === '@default') continue;
      if (matchesGuard(definition, guard, text)) return resolve(definition, chosen, text);
    }
    const fallback = cases['@default'];
    if (fallback === undefined) throw new Error(`no case matches ${text} and there is no @default`);
    return resolve(definition, fallback, text);
  }
  return { token: action.token ?? '', next: action.next };
}

function matchesGuard(definition: Definition, guard: string, text: string): boolean {
  if (guard.startsWith('@')) {
    const words: unknown = definition[guard.slice(1)];
    if (!Array.isArray(words) || !words.every((w) => typeof w === 'string')) {
      throw new Error(`case ${guard} must name an array of strings`);
    }
    return words.includes(text);
  }
  if (guard.startsWith('~')) return new RegExp(`^(?:${guard.slice(1)})$`).test(text);
  return guard === text;
}

function bracketToken(definition: Definition, text: string): string {
  const brackets = (definition.brackets ?? []) as { open: string; close: string; token: string }[];
  const bracket = brackets.find((b) => b.open === text || b.close === text);
  if (bracket === undefined) throw new Error(`@brackets used for ${text}, which is not a bracket`);
  return bracket.token;
}

/** Tokenizes one line starting in `stack` (top last); returns the tokens and the stack for the next line. */
export function tokenizeLine(
  definition: Definition,
  line: string,
  stack: readonly string[] = [Object.keys(definition.tokenizer)[0] ?? 'root'],
): { tokens: LiteToken[]; stack: string[] } {
  const states = compileStates(definition);
  const current = [...stack];
  const tokens: LiteToken[] = [];
  const apply = (next: string | undefined) => {
    if (next === undefined) return;
    if (next === '@pop') {
      if (current.length > 1) current.pop();
    } else if (next === '@popall') current.splice(1);
    else if (next === '@push') current.push(current.at(-1) ?? 'root');
    else current.push(next.replace(/^@/, ''));
  };
  let pos = 0;
  let force = true;
  while (force || pos < line.length) {
    force = false;
    const state = current.at(-1) ?? 'root';
    const depth = current.length;
    const rest = line.slice(pos);
    let found: { rule: CompiledRule; match: RegExpMatchArray } | undefined;
    for (const rule of states.get(state) ?? []) {
      const match = pos === 0 || !rule.atLineStart ? rest.match(rule.regex) : null;
      if (match) {
        found = { rule, match };
        break;
      }
    }
    if (found === undefined) {
      if (pos >= line.length) break;
      tokens.push({ text: line.charAt(pos), token: definition.defaultToken ?? 'source' });
      pos++;
      continue;
    }
    const { rule, match } = found;
    const matched = match[0];
    if (Array.isArray(rule.action)) {
      const groups = match.slice(1);
      if (groups.length !== rule.action.length)
        throw new Error(`group count differs from actions: ${rule.regex}`);
      if (groups.join('') !== matched) throw new Error(`groups must cover the match: ${rule.regex}`);
      rule.action.forEach((action, i) => {
        const text = groups[i] ?? '';
        const resolved = resolve(definition, action, text);
        if (text !== '') tokens.push({ text, token: resolved.token });
        apply(resolved.next);
      });
    } else {
      const resolved = resolve(definition, rule.action, matched);
      const token = resolved.token === '@brackets' ? bracketToken(definition, matched) : resolved.token;
      if (matched !== '') tokens.push({ text: matched, token });
      apply(resolved.next);
    }
    apply(rule.next);
    if (matched === '' && current.length === depth && line.length > 0) {
      throw new Error(`no progress in state ${state} at ${pos}: ${rule.regex}`);
    }
    pos += matched.length;
  }
  return { tokens, stack: current };
}

/** Tokenizes several lines, carrying the state across; whitespace-only tokens are left out. */
export function tokenizeText(definition: Definition, text: string): LiteToken[][] {
  let stack: string[] | undefined;
  return text.split('\n').map((line) => {
    const result = tokenizeLine(definition, line, stack);
    stack = result.stack;
    return result.tokens.filter((t) => t.text.trim() !== '');
  });
}
