import { useEffect, useId, useRef, useState } from 'react';

export interface NameInputProps {
  /** Accessible name of the text box, e.g. "New file name" or "Rename main.c". */
  label: string;
  initial?: string;
  /** The problem with a name, or null when it can be used. */
  validate(name: string): string | null;
  onConfirm(name: string): void;
  onCancel(): void;
}

/** An inline name box: Enter confirms, Escape cancels, leaving it confirms a valid change or cancels. */
export function NameInput({ label, initial = '', validate, onConfirm, onCancel }: NameInputProps) {
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState(false);
  const error = touched ? validate(value) : null;

  useEffect(() => {
    const input = inputRef.current;
    if (input === null) return;
    input.focus();
    // Select the name without its extension, as file managers do.
    const dot = initial.lastIndexOf('.');
    input.setSelectionRange(0, dot > 0 ? dot : initial.length);
  }, [initial]);

  const finish = (confirm: boolean) => {
    if (done.current) return;
    if (!confirm || value.trim() === initial) {
      done.current = true;
      onCancel();
      return;
    }
    setTouched(true);
    if (validate(value) !== null) return;
    done.current = true;
    onConfirm(value.trim());
  };

  return (
    <span className="name-input">
      <input
        ref={inputRef}
        className="name-input__box"
        type="text"
        aria-label={label}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          setValue(event.target.value);
          setTouched(true);
        }}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Enter') {
            event.preventDefault();
            finish(true);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            finish(false);
          }
        }}
        onBlur={() => {
          if (validate(value) === null) finish(true);
          else finish(false);
        }}
        onClick={(event) => event.stopPropagation()}
      />
      {error !== null && (
        <span className="name-input__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
