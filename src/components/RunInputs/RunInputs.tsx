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

/** The Stdin box, and the arguments and environment of quick runs. */
export function RunInputs({ stdin, args, env, onStdin, onArgs, onEnv, quickMode }: RunInputsProps) {
  const id = useId();
  const problems = useMemo(() => parseEnvLines(env).problems, [env]);
  const hintId = `${id}-hint`;
  const problemsId = `${id}-problems`;
  const describedBy = [quickMode ? '' : hintId, problems.length > 0 ? problemsId : '']
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
          value={stdin}
          onChange={(e) => onStdin(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="Text the program reads from stdin"
        />
      </section>
      <section className="run-inputs__quick" aria-label="Quick-run options">
        <label className="run-inputs__label" htmlFor={`${id}-args`}>
          Arguments
        </label>
        <input
          id={`${id}-args`}
          className="run-inputs__line"
          type="text"
          value={args}
          onChange={(e) => onArgs(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder={'-n 3 "two words"'}
          aria-describedby={quickMode ? undefined : hintId}
        />
        <label className="run-inputs__label" htmlFor={`${id}-env`}>
          Environment
        </label>
        <textarea
          id={`${id}-env`}
          className="run-inputs__box run-inputs__box--env"
          value={env}
          onChange={(e) => onEnv(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="NAME=value (one per line)"
          aria-describedby={describedBy || undefined}
          aria-invalid={problems.length > 0 || undefined}
        />
        {problems.length > 0 && (
          <ul className="run-inputs__problems" id={problemsId}>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
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
