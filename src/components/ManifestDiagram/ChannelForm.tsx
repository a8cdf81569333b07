import { Fragment, useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ChannelType } from '../../engine/manifest/types.ts';
import { FIELD_HINTS, FIELD_LABELS, LIMIT_KEYS, checkDraft } from './channel-form.ts';
import type { ChannelDraft, DraftCheck, DraftField, NewChannel } from './channel-form.ts';
import { TYPE_EXPLANATIONS, formatBytes } from './channel-text.ts';

/** Props of the add/edit channel form. */
export interface ChannelFormProps {
  /** add: uri and alias are asked for; edit: they are fixed (shown in the form's name). */
  mode: 'add' | 'edit';
  initial: ChannelDraft;
  /** Aliases of the other channels, which a new alias may not repeat. */
  takenAliases: readonly string[];
  /** Project paths offered for the uri field. */
  uriSuggestions?: readonly string[];
  /** Accessible name of the form, e.g. "Edit channel /dev/stdout". */
  label: string;
  onSubmit(channel: NewChannel): void;
  onCancel(): void;
}

const TYPES: ChannelType[] = [0, 1, 2, 3];
const SIZE_KEYS: ReadonlySet<DraftField> = new Set(['getSize', 'putSize']);

/** A small form for a channel's fields, with a message beside each field that is wrong. */
export function ChannelForm(props: ChannelFormProps) {
  const { mode, initial, takenAliases, uriSuggestions, label, onSubmit, onCancel } = props;
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftCheck['errors']>({});
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);

  const set = (field: keyof ChannelDraft, value: string | boolean) =>
    setDraft((d) => ({ ...d, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkDraft(draft, takenAliases);
    setErrors(check.errors);
    if (check.channel) {
      onSubmit(check.channel);
      return;
    }
    // Move to the first field that needs fixing (once rendered invalid), so its message is read out.
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const field = (key: DraftField, extra?: { list?: string; wide?: boolean }) => {
    const error = errors[key];
    const hint = SIZE_KEYS.has(key) ? sizeHint(FIELD_HINTS[key], draft[key]) : FIELD_HINTS[key];
    const described = [error && `${id}-${key}-error`, hint && `${id}-${key}-hint`].filter(Boolean).join(' ');
    return (
      <div className={extra?.wide ? 'md-field md-field--wide' : 'md-field'}>
        <label htmlFor={`${id}-${key}`}>{FIELD_LABELS[key]}</label>
        <input
          id={`${id}-${key}`}
          value={draft[key]}
          onChange={(e) => set(key, e.target.value)}
          inputMode={key === 'uri' || key === 'alias' ? undefined : 'numeric'}
          autoComplete="off"
          spellCheck={false}
          list={extra?.list}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
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
  };

  return (
    <form ref={form} className="md-form" aria-label={label} onSubmit={submit} noValidate>
      {mode === 'add' && (
        <div className="md-form-grid">
          {field('uri', { list: uriSuggestions?.length ? `${id}-uris` : undefined, wide: true })}
          {field('alias', { wide: true })}
          {uriSuggestions && uriSuggestions.length > 0 && (
            <datalist id={`${id}-uris`}>
              {uriSuggestions.map((uri) => (
                <option key={uri} value={uri} />
              ))}
            </datalist>
          )}
        </div>
      )}
      <div className="md-field md-field--wide">
        <label htmlFor={`${id}-type`}>type</label>
        <select
          id={`${id}-type`}
          value={draft.type}
          onChange={(e) => set('type', e.target.value)}
          aria-describedby={`${id}-type-hint`}
        >
          {TYPES.map((t) => (
            <option key={t} value={String(t)}>
              {t}: {TYPE_EXPLANATIONS[t]}
            </option>
          ))}
        </select>
        <span id={`${id}-type-hint`} className="md-hint">
          Sequential channels cannot seek (ESPIPE). Whether it is read or written follows from the limits.
        </span>
      </div>
      <div className="md-form-grid">
        {LIMIT_KEYS.map((key) => (
          <Fragment key={key}>{field(key)}</Fragment>
        ))}
      </div>
      <div className="md-check">
        <input
          id={`${id}-etag`}
          type="checkbox"
          checked={draft.etag}
          onChange={(e) => set('etag', e.target.checked)}
        />
        <label htmlFor={`${id}-etag`}>etag: hash the traffic into the report</label>
      </div>
      {errors.access && (
        <p className="md-error" role="alert">
          {errors.access}
        </p>
      )}
      <div className="md-actions">
        <button type="submit" className="md-primary">
          {mode === 'add' ? 'Add' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A byte limit's hint with its value in KiB/MiB, so 65536 reads as a size. */
function sizeHint(hint: string | undefined, text: string): string | undefined {
  const n = Number(text.trim());
  return Number.isSafeInteger(n) && n >= 1024 ? `${hint} (${formatBytes(n)})` : hint;
}
