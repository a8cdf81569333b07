import { useState } from 'react';
import type { RunReport } from '../../engine/run/report.ts';
import { formatBytes } from '../ChannelMeters/meter-model.ts';
import './typed-input.css';

/** Characters of typed input shown; the rest is in the Stdin box after "Use as Stdin". */
const SHOWN_CHARS = 2000;

const decoder = new TextDecoder();

/** Props of the typed-input part of the report. */
export interface TypedInputProps {
  report: Pick<RunReport, 'typedInput' | 'inputWaitMs'>;
  /** Puts the typed text into the Stdin box (the button is hidden without it). */
  onUseAsStdin?: (text: string) => void;
}

/** "0.4 s", "12 s", "3 min 5 s". */
export function formatWait(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** What was typed into the run (live stdin), how long it waited for it, and "Use as Stdin" for a rerun or share. */
export function TypedInput({ report, onUseAsStdin }: TypedInputProps) {
  const [used, setUsed] = useState<Uint8Array | null>(null);
  const { typedInput, inputWaitMs = 0 } = report;
  if (typedInput === undefined) return null;
  const text = decoder.decode(typedInput);
  return (
    <section className="report-typed" aria-label="Typed input">
      <p className="report-typed-wait">
        waited {formatWait(inputWaitMs)} for input (not counted towards Timeout)
      </p>
      {typedInput.length === 0 ? (
        <p className="report-note">Nothing was typed.</p>
      ) : (
        <>
          <p className="report-typed-head">
            Typed input,{' '}
            <span title={`${typedInput.length.toLocaleString('en-US')} bytes`}>
              {formatBytes(typedInput.length)}
            </span>
            :
          </p>
          <pre className="report-typed-text">
            {text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text}
          </pre>
          {onUseAsStdin && (
            <button
              type="button"
              onClick={() => {
                onUseAsStdin(text);
                setUsed(typedInput);
              }}
            >
              Use as Stdin
            </button>
          )}
          <span role="status" className="report-note">
            {used === typedInput && ' In the Stdin box: Run reads it from there now, and Share keeps it.'}
          </span>
        </>
      )}
    </section>
  );
}
