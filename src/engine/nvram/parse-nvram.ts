import type { Diagnostic } from '../diagnostics.ts';
import { DiagnosticList } from './diagnostic-list.ts';
import { unescapeValue } from './escapes.ts';
import { controlProblem, scanLine } from './scan-line.ts';
import type { NvramPair } from './scan-line.ts';
import { isSectionName, RECORD_READERS, SECTION_NAMES, SECTION_SPECS } from './sections.ts';
import type { RecordContext, SectionName } from './sections.ts';
import type { Nvram } from './types.ts';
import { listWords, shorten } from './wording.ts';

/** What `parseNvram` found: the settings it could read, and every problem, positioned. */
export interface ParsedNvram {
  nvram: Nvram;
  diagnostics: Diagnostic[];
}

const KNOWN_SECTIONS = SECTION_NAMES.map((n) => `[${n}]`).join(', ');

function unknownSectionMessage(name: string): string {
  const near = SECTION_NAMES.find((n) => n === name.toLowerCase());
  const hint = near === undefined ? '' : ` Did you mean [${near}]? Section names are lower case.`;
  return `Unknown section [${shorten(name)}]; its lines are ignored. ZRT reads ${KNOWN_SECTIONS}.${hint}`;
}

/** Per-parse state shared by the lines of one text. */
interface ParseState {
  nvram: Nvram;
  out: DiagnosticList;
  /** Line where a once-only setting was last given, by section. */
  onceSeen: Map<string, number>;
}

function readRecord(state: ParseState, section: SectionName, line: number, pairs: NvramPair[]): void {
  const { out } = state;
  const spec = SECTION_SPECS[section];
  const byKey = new Map<string, NvramPair>();
  for (const pair of pairs) {
    const at = { line, column: pair.keyColumn, endColumn: pair.keyEnd, severity: 'warning' as const };
    if (!spec.keys.includes(pair.key)) {
      const known = listWords(spec.keys, 'and');
      out.add({
        ...at,
        message: `[${section}] has no setting "${shorten(pair.key)}", so it is ignored; it knows ${known}.`,
      });
    } else if (byKey.has(pair.key)) {
      out.add({ ...at, message: `${pair.key} is given twice on this line; only the first one is used.` });
    } else {
      byKey.set(pair.key, pair);
    }
  }
  const missing = spec.required.filter((k) => !byKey.has(k));
  const first = pairs[0];
  const last = pairs.at(-1);
  if (missing.length > 0 && first !== undefined && last !== undefined) {
    const what = listWords(
      missing.map((k) => `${k}=`),
      'and',
    );
    out.add({
      line,
      column: first.keyColumn,
      endColumn: last.valueEnd,
      severity: 'error',
      message: `This [${section}] line has no ${what}; a complete line looks like: ${spec.example}`,
    });
    return;
  }
  const decoded = new Map<string, string>();
  const ctx: RecordContext = {
    nvram: state.nvram,
    line,
    pairs: byKey,
    error: (pair, message) =>
      out.add({ line, column: pair.valueColumn, endColumn: pair.valueEnd, severity: 'error', message }),
    errorInValue: (pair, index, length, message) => {
      const column = pair.valueColumn + index;
      out.add({ line, column, endColumn: column + Math.max(1, length), severity: 'error', message });
    },
    value: (key) => {
      const pair = byKey.get(key);
      if (pair === undefined) return undefined;
      const cached = decoded.get(key);
      if (cached !== undefined) return cached;
      const { value, problems } = unescapeValue(pair.value);
      for (const p of problems) ctx.errorInValue(pair, p.index, p.length, p.reason);
      decoded.set(key, value);
      return value;
    },
    once: (setting, pair) => {
      const earlier = state.onceSeen.get(setting);
      state.onceSeen.set(setting, line);
      if (earlier === undefined) return;
      out.add({
        line,
        column: pair.keyColumn,
        endColumn: pair.keyEnd,
        severity: 'warning',
        message: `[${setting}] was already set on line ${earlier}; this later setting replaces it.`,
      });
    },
    errorCount: () => out.errorCount,
  };
  RECORD_READERS[section](ctx);
}

/** Parses ZRT nvram text (ZEROVM.md §3); never throws, and leaves out any line that has an error. */
export function parseNvram(text: string): ParsedNvram {
  const state: ParseState = {
    nvram: { env: [], fstab: [], mapping: [] },
    out: new DiagnosticList(),
    onceSeen: new Map(),
  };
  const { out } = state;
  // undefined: no header seen yet; null: inside an unknown section, whose lines are skipped.
  let section: SectionName | null | undefined;
  let line = 0;
  // An editor's byte-order mark is not part of the first line.
  for (let start = text.startsWith('\uFEFF') ? 1 : 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const raw = text.slice(start, end);
    start = end + 1;
    line++;
    const control = controlProblem(raw);
    if (control !== undefined) {
      out.add({ line, ...control });
      continue;
    }
    const scanned = scanLine(raw);
    if (scanned.kind === 'blank') continue;
    if (scanned.kind === 'header') {
      for (const p of scanned.problems) out.add({ line, ...p });
      const broken = scanned.problems.some((p) => p.severity === 'error');
      section = isSectionName(scanned.name) ? scanned.name : null;
      if (section === null && !broken) {
        const { column, endColumn } = scanned;
        out.add({
          line,
          column,
          endColumn,
          severity: 'warning',
          message: unknownSectionMessage(scanned.name),
        });
      }
      continue;
    }
    if (section === undefined) {
      out.add({
        line,
        column: scanned.column,
        endColumn: scanned.endColumn,
        severity: 'error',
        message:
          'Settings must come after a section header such as [args] or [env]; add one above this line.',
      });
      continue;
    }
    if (section === null) continue;
    const before = out.errorCount;
    for (const p of scanned.problems) out.add({ line, ...p });
    if (out.errorCount === before && scanned.pairs.length > 0) {
      readRecord(state, section, line, scanned.pairs);
    }
  }
  return { nvram: state.nvram, diagnostics: out.finish() };
}
