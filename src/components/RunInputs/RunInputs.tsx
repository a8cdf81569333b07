import { useId, useMemo } from 'react';
import { parseEnvLines } from './env-lines.ts';
import './RunInputs.css';

export interface RunInputsProps {
  /** Text given to the program on stdin. */
  stdin: string;
  /** Quick-run arguments, one shell-like line (`-n 3 "two words"`). */
  args: string;
  /** Quick-run environment, one `NAME=value` per line. */
  env: string;
  onStdin(text: string): void;
  onArgs(text: string): void;
  onEnv(text: string): void;
  /** Whether the next Run is a quick run (no manifest); otherwise args/env come from the project's nvram. */
  quickMode: boolean;
}

/**
 * Longest text the boxes hold for editing. A browser lays out a text box's whole text on every change and
 * resize, which takes seconds for megabytes, and a share link or .zapp may carry that much: a longer text is
 * kept as it is (Run uses all of it) but shown read-only, only its start.
 */
export const EDITABLE_CHARS = 64 * 1024;
/** How much of a text too long to edit is shown. */
const SHOWN_CHARS = 2 * 1024;
/** Most Environment problems listed (a hostile text may have a million bad lines). */
const LISTED_PROBLEMS = 10;

const tooLong = (text: string): boolean => text.length > EDITABLE_CHARS;
const shown = (text: string): string => (tooLong(text) ? `${text.slice(0, SHOWN_CHARS)}…` : text);

/** Says a box holds a text too long to edit, and offers to clear it. */
function TooLongNote({
  id,
  text,
  clearLabel,
  onClear,
}: {
  id: string;
  text: string;
  clearLabel: string;
  onClear(): void;
}) {
  return (
    <p className="run-inputs__hint" id={id}>
      Too long to edit here ({text.length.toLocaleString('en-US')} characters): only the start is shown, and
      Run uses all of it.{' '}
      <button type="button" aria-label={clearLabel} onClick={onClear}>
        Clear
      </button>
    </p>
  );
}

/** The Stdin box, and the arguments and environment of quick runs. */
export function RunInputs({ stdin, args, env, onStdin, onArgs, onEnv, quickMode }: RunInputsProps) {
  const id = useId();
  const problems = useMemo(() => parseEnvLines(env).problems, [env]);
  const hintId = `${id}-hint`;
  const problemsId = `${id}-problems`;
  const longId = (box: string) => `${id}-${box}-long`;
  const describedBy = [
    quickMode ? '' : hintId,
    problems.length > 0 ? problemsId : '',
    tooLong(env) ? longId('env') : '',
  ]
    .filter(Boolean)
    .join(' ');
  const argsDescribedBy = [quickMode ? '' : hintId, tooLong(args) ? longId('args') : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="run-inputs">
      <section className="run-inputs__stdin" aria-labelledby={`${id}-stdin`}>
        <label className="run-inputs__label" id={`${id}-stdin`} htmlFor={`${id}-stdin-box`}>
          Stdin
        </label>
        <textarea
          id={`${id}-stdin-box`}
          className="run-inputs__box"
          aria-label="Stdin"
          value={shown(stdin)}
          readOnly={tooLong(stdin)}
          aria-describedby={tooLong(stdin) ? longId('stdin') : undefined}
          onChange={(e) => onStdin(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="Text the program reads from stdin"
        />
        {tooLong(stdin) && (
          <TooLongNote
            id={longId('stdin')}
            text={stdin}
            clearLabel="Clear stdin"
            onClear={() => onStdin('')}
          />
        )}
      </section>
      <section className="run-inputs__quick" aria-label="Quick-run options">
        <label className="run-inputs__label" htmlFor={`${id}-args`}>
          Arguments
        </label>
        <input
          id={`${id}-args`}
          className="run-inputs__line"
          type="text"
          value={shown(args)}
          readOnly={tooLong(args)}
          onChange={(e) => onArgs(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder={'-n 3 "two words"'}
          aria-describedby={argsDescribedBy || undefined}
        />
        {tooLong(args) && (
          <TooLongNote
            id={longId('args')}
            text={args}
            clearLabel="Clear the arguments"
            onClear={() => onArgs('')}
          />
        )}
        <label className="run-inputs__label" htmlFor={`${id}-env`}>
          Environment
        </label>
        <textarea
          id={`${id}-env`}
          className="run-inputs__box run-inputs__box--env"
          value={shown(env)}
          readOnly={tooLong(env)}
          onChange={(e) => onEnv(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="NAME=value (one per line)"
          aria-describedby={describedBy || undefined}
          aria-invalid={problems.length > 0 || undefined}
        />
        {tooLong(env) && (
          <TooLongNote
            id={longId('env')}
            text={env}
            clearLabel="Clear the environment"
            onClear={() => onEnv('')}
          />
        )}
        {problems.length > 0 && (
          <ul className="run-inputs__problems" id={problemsId}>
            {problems.slice(0, LISTED_PROBLEMS).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
            {problems.length > LISTED_PROBLEMS && (
              <li>and {(problems.length - LISTED_PROBLEMS).toLocaleString('en-US')} more lines like these</li>
            )}
          </ul>
        )}
        {!quickMode && (
          <p className="run-inputs__hint" id={hintId}>
            Arguments and environment apply to quick runs only; this project has a manifest, so its program
            takes them from the nvram file.
          </p>
        )}
      </section>
    </div>
  );
}
