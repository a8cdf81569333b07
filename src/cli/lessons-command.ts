import { existsSync, statSync } from 'node:fs';
import { createNodeRunner } from '../workshops/node/node-runner.ts';
import { verifyWorkshops, workshopFolders } from '../workshops/node/verify-workshops.ts';
import type { LessonVerdict } from '../workshops/node/verify-workshops.ts';
import { UsageError } from './parse-flags.ts';

const USAGE = 'usage: zvm lessons [DIR]   (default workshops/)';

/**
 * `zvm lessons [DIR]`: checks every lesson of every workshop in DIR: the solution must pass its check and the
 * start must fail it, in every variant. One line per lesson; exit 1 when any lesson is broken.
 */
export async function lessonsCommand(argv: string[]): Promise<number> {
  if (argv.some((a) => a.startsWith('-')) || argv.length > 1) throw new UsageError(USAGE);
  const dir = argv[0] ?? 'workshops/';
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`${dir}: no such folder\n${USAGE}`);
  if (workshopFolders(dir).length === 0)
    throw new UsageError(`${dir}: no workshop.json in it or its folders`);
  const started = performance.now();
  const verdicts = await verifyWorkshops(dir, createNodeRunner(), (v) =>
    process.stdout.write(verdictLine(v)),
  );
  const broken = verdicts.filter((v) => v.problems.length > 0).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary =
    broken === 0 ? `all ${verdicts.length} lessons pass` : `${broken} of ${verdicts.length} lessons broken`;
  process.stdout.write(`zvm lessons: ${summary} (${seconds} s)\n`);
  return broken === 0 ? 0 : 1;
}

/** `✓ zerovm-101/03-quotas (c, python)` or `✗ ...: why`, with one line per further problem. */
export function verdictLine(verdict: LessonVerdict): string {
  const variants = verdict.variants.length > 0 ? ` (${verdict.variants.join(', ')})` : '';
  if (verdict.problems.length === 0) return `✓ ${verdict.name}${variants}\n`;
  const [first, ...rest] = verdict.problems.map((p) => p.replace(/\n/g, '\n    '));
  return `✗ ${verdict.name}${variants}: ${first}\n${rest.map((p) => `    ${p}\n`).join('')}`;
}
