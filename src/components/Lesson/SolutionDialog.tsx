/** Props of the solution view: the solution as diffs against the learner's files. */
export interface SolutionDialogProps {
  diffs: ReadonlyArray<{ path: string; patch: string }>;
  onApply(): void;
  onClose(): void;
}

/** "Show solution": what the solution changes, as unified diffs, with Apply and Close. */
export function SolutionDialog({ diffs, onApply, onClose }: SolutionDialogProps) {
  return (
    <div className="lesson-solution" role="dialog" aria-label="Solution">
      {diffs.length === 0 ? (
        <p>Your files already match the solution.</p>
      ) : (
        diffs.map((d) => (
          <figure key={d.path}>
            <figcaption>{d.path}</figcaption>
            <pre>
              {d.patch.split('\n').map((line, i) => (
                <span
                  key={i}
                  className={
                    line.startsWith('+') ? 'diff-add' : line.startsWith('-') ? 'diff-del' : undefined
                  }
                >
                  {line}
                  {'\n'}
                </span>
              ))}
            </pre>
          </figure>
        ))
      )}
      <div className="lesson-actions">
        {diffs.length > 0 && (
          <button type="button" className="lesson-check" onClick={onApply}>
            Apply
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
