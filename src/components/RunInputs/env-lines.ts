/** The `NAME=value` pairs of the Environment box, and what is wrong with the other lines. */
export interface EnvLines {
  env: Array<[string, string]>;
  /** One message per line that was skipped, e.g. "line 2: expected NAME=value". */
  problems: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses one `NAME=value` per line; blank lines and lines starting with `#` are ignored. */
export function parseEnvLines(text: string): EnvLines {
  const env: Array<[string, string]> = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = raw.indexOf('=');
    const name = eq < 0 ? '' : raw.slice(0, eq).trim();
    if (eq < 0) problems.push(`line ${index + 1}: expected NAME=value`);
    else if (!NAME.test(name)) problems.push(`line ${index + 1}: "${name}" is not a variable name`);
    else env.push([name, raw.slice(eq + 1)]);
  });
  return { env, problems };
}
