/** Flags of one zvm command: repeated flags collect into arrays; the rest are positionals. */
export interface ParsedFlags {
  values: Map<string, string[]>;
  booleans: Set<string>;
  positionals: string[];
}

/**
 * Parses `--flag value` / `--flag=value` pairs up to the first positional when `stopAtPositional` is set
 * (so a guest program's own flags pass through untouched), or throws a UsageError naming the bad flag.
 */
export function parseFlags(
  argv: string[],
  spec: { values: string[]; booleans: string[] },
  stopAtPositional: boolean,
): ParsedFlags {
  const parsed: ParsedFlags = { values: new Map(), booleans: new Set(), positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (stopAtPositional) {
        parsed.positionals.push(...argv.slice(i));
        break;
      }
      parsed.positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.booleans.includes(name)) {
      // `--no-determinism=false` must not quietly mean the opposite of what it says.
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      parsed.booleans.add(name);
    } else if (spec.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return parsed;
}

/** A mistake in how zvm was called. */
export class UsageError extends Error {}
