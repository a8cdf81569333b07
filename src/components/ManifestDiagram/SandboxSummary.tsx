import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Manifest } from '../../engine/manifest/types.ts';
import { formatBytes } from './channel-text.ts';
import { checkSandboxDraft, sandboxDraftOf } from './sandbox-form.ts';
import type { SandboxCheck, SandboxDraft, SandboxEdit } from './sandbox-form.ts';

/** Props of the sandbox line above the channel list. */
export interface SandboxSummaryProps {
  manifest: Manifest;
  /** When given, an Edit button opens a form for Program, Memory and Timeout. */
  onEdit?(edit: SandboxEdit): void;
}

/** "Sandbox: greet.wasm · 16 MiB · 5 s", with an inline form to change those three. */
export function SandboxSummary({ manifest, onEdit }: SandboxSummaryProps) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return (
    <div className="md-sandbox-row">
      <div className="md-row-main">
        <p className="md-sandbox-text">
          <span className="md-muted">Sandbox:</span> <strong>{manifest.program}</strong> ·{' '}
          <span className="md-nowrap">memory {formatBytes(manifest.memory)}</span> ·{' '}
          <span className="md-nowrap">timeout {manifest.timeout} s</span>
        </p>
        {onEdit && (
          <button
            ref={editButton}
            type="button"
            className="md-small"
            aria-expanded={editing}
            aria-label="Edit sandbox"
            onClick={() => (editing ? close() : setEditing(true))}
          >
            Edit
          </button>
        )}
      </div>
      {editing && onEdit && (
        <SandboxForm
          manifest={manifest}
          onCancel={close}
          onSubmit={(edit) => {
            if (Object.keys(edit).length > 0) onEdit(edit);
            close();
          }}
        />
      )}
    </div>
  );
}

const FIELDS: Array<[keyof SandboxDraft, string, (draft: SandboxDraft) => string | undefined]> = [
  ['program', 'Program', () => 'a project .wasm file, or runtime:python'],
  ['memory', 'Memory (bytes)', (d) => hintBytes(d.memory)],
  ['timeout', 'Timeout (seconds)', () => 'the run is killed after this'],
];

function SandboxForm(props: { manifest: Manifest; onSubmit(edit: SandboxEdit): void; onCancel(): void }) {
  const id = useId();
  const [draft, setDraft] = useState(() => sandboxDraftOf(props.manifest));
  const [errors, setErrors] = useState<SandboxCheck['errors']>({});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkSandboxDraft(draft, props.manifest);
    setErrors(check.errors);
    if (check.edit) props.onSubmit(check.edit);
    else
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };
  return (
    <form ref={form} className="md-form" aria-label="Edit sandbox" onSubmit={submit} noValidate>
      <div className="md-form-grid">
        {FIELDS.map(([key, label, hintOf]) => {
          const error = errors[key];
          const hint = hintOf(draft);
          const described = [error && `${id}-${key}-error`, hint && `${id}-${key}-hint`].filter(Boolean);
          return (
            <div key={key} className={key === 'program' ? 'md-field md-field--wide' : 'md-field'}>
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <input
                id={`${id}-${key}`}
                value={draft[key]}
                onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
                inputMode={key === 'program' ? undefined : 'numeric'}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={error ? true : undefined}
                aria-describedby={described.join(' ') || undefined}
              />
              {hint && (
                <span id={`${id}-${key}-hint`} className="md-hint">
                  {hint}
                </span>
              )}
              {error && (
                <span id={`${id}-${key}-error`} className="md-error">
                  {error}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <div className="md-actions">
        <button type="submit" className="md-primary">
          Save
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function hintBytes(text: string): string | undefined {
  const n = Number(text.trim());
  return Number.isSafeInteger(n) && n > 0 ? `${formatBytes(n)}; memory.grow fails past it` : undefined;
}
