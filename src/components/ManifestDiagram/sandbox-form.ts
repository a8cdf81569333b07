import { MANIFEST_LIMITS } from '../../engine/manifest/limits.ts';
import { parseInteger } from '../../engine/manifest/parse-integer.ts';
import type { Manifest } from '../../engine/manifest/types.ts';

/** Changes to the sandbox's scalar keys; only the keys that changed are present. */
export interface SandboxEdit {
  program?: string;
  /** Bytes. */
  memory?: number;
  /** Seconds. */
  timeout?: number;
}

/** The sandbox form's fields as typed. */
export interface SandboxDraft {
  program: string;
  memory: string;
  timeout: string;
}

/** The result of checking a sandbox draft: the changes when valid, else a message per bad field. */
export interface SandboxCheck {
  edit?: SandboxEdit;
  errors: Partial<Record<keyof SandboxDraft, string>>;
}

/** The form's starting values. */
export function sandboxDraftOf(m: Pick<Manifest, 'program' | 'memory' | 'timeout'>): SandboxDraft {
  return { program: m.program, memory: String(m.memory), timeout: String(m.timeout) };
}

/** Checks a draft against the manifest's limits and returns what differs from `current`. */
export function checkSandboxDraft(
  draft: SandboxDraft,
  current: Pick<Manifest, 'program' | 'memory' | 'timeout'>,
): SandboxCheck {
  const errors: SandboxCheck['errors'] = {};
  const program = draft.program.trim();
  if (program === '') errors.program = 'Give the program: a project .wasm file or runtime:python';
  else if (/[,=]/.test(program)) errors.program = "The program path cannot contain a comma or '='";
  const memory = bounded(draft.memory, 1, MANIFEST_LIMITS.memory);
  if (typeof memory === 'string') errors.memory = `Memory ${memory} (bytes, at most 4 GiB)`;
  const timeout = bounded(draft.timeout, 1, MANIFEST_LIMITS.int31);
  if (typeof timeout === 'string') errors.timeout = `Timeout ${timeout} (seconds)`;
  if (Object.keys(errors).length > 0 || typeof memory === 'string' || typeof timeout === 'string') {
    return { errors };
  }
  const edit: SandboxEdit = {};
  if (program !== current.program) edit.program = program;
  if (memory !== current.memory) edit.memory = memory;
  if (timeout !== current.timeout) edit.timeout = timeout;
  return { edit, errors };
}

function bounded(text: string, min: number, max: number): number | string {
  const parsed = parseInteger(text.trim());
  if (!parsed.ok) return `must be a whole number: ${parsed.reason}`;
  if (parsed.value < min || parsed.value > max) return `must be from ${min} to ${max}`;
  return parsed.value;
}
