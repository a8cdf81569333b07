import { escapeValue } from './escapes.ts';
import { joinArgs } from './split-args.ts';
import type { Nvram } from './types.ts';

/** Writes an nvram as canonical text that `parseNvram` reads back to the same settings. */
export function printNvram(n: Nvram): string {
  const sections: string[] = [];
  const add = (name: string, lines: string[]): void => {
    if (lines.length > 0) sections.push([`[${name}]`, ...lines].join('\n'));
  };
  if (n.args !== undefined) add('args', [`args=${joinArgs(n.args)}`]);
  add(
    'env',
    n.env.map(([name, value]) => `name=${escapeValue(name)}, value=${escapeValue(value)}`),
  );
  add(
    'fstab',
    n.fstab.map(
      (f) =>
        `channel=${escapeValue(f.channel)}, mountpoint=${escapeValue(f.mountpoint)}, ` +
        `access=${f.access}, removable=${f.removable ? 'yes' : 'no'}`,
    ),
  );
  add(
    'mapping',
    n.mapping.map((m) => `channel=${escapeValue(m.channel)}, mode=${m.mode}`),
  );
  if (n.time !== undefined) add('time', [`seconds=${n.time}`]);
  if (n.debugVerbosity !== undefined) add('debug', [`verbosity=${n.debugVerbosity}`]);
  if (n.precache !== undefined) add('precache', [`precache=${n.precache ? 'yes' : 'no'}`]);
  return sections.length === 0 ? '' : `${sections.join('\n')}\n`;
}
