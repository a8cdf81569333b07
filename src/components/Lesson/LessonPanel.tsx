import Markdown from 'react-markdown';
import './lesson.css';

/** One lesson in the list. */
export interface LessonListItem {
  id: string;
  title: string;
  done: boolean;
}

/** The outcome of Check: each requirement, met or not, in plain words. */
export interface LessonCheckView {
  passed: boolean;
  results: Array<{ ok: boolean; text: string }>;
}

/** Props of the Lesson region. */
export interface LessonPanelProps {
  workshopTitle: string;
  lessons: readonly LessonListItem[];
  current: { id: string; title: string; goal: string; body: string; minutes?: number };
  /** Variants the lesson is offered in (e.g. c, python) and the chosen one. */
  variants: readonly string[];
  variant: string | null;
  onVariant(variant: string): void;
  checking: boolean;
  check: LessonCheckView | null;
  onOpen(id: string): void;
  onCheck(): void;
  onShowSolution(): void;
  onReset(): void;
  /** The learner's saved files began from start files that changed since (a newer version of the workshop). */
  startChanged?: boolean;
  /** Replaces the learner's files with the new start, their version kept in Recent projects. */
  onTakeNewStart?(): void;
  onClose(): void;
  /** Saves progress and lesson files as a file. */
  onExportProgress(): void;
  /** Reads a progress file the learner picked. */
  onImportProgress(file: File): void;
}

/** The lesson text beside the editor, with the lesson list, Check, Show solution and Reset lesson. */
export function LessonPanel(props: LessonPanelProps) {
  const { lessons, current, check } = props;
  const at = lessons.findIndex((l) => l.id === current.id);
  const done = lessons.filter((l) => l.done).length;
  const previous = at > 0 ? lessons[at - 1] : undefined;
  const next = at >= 0 && at < lessons.length - 1 ? lessons[at + 1] : undefined;
  return (
    <section className="lesson" role="region" aria-label="Lesson">
      <header className="lesson-head">
        <span className="lesson-workshop">{props.workshopTitle}</span>
        <span className="lesson-progress">
          {done} of {lessons.length} done
        </span>
        <button type="button" onClick={props.onExportProgress} title="Save your progress and files as a file">
          Export progress
        </button>
        <label className="lesson-import">
          Import progress
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) props.onImportProgress(file);
            }}
          />
        </label>
        <button type="button" onClick={props.onClose} title="Show the files">
          Files
        </button>
      </header>
      <nav className="lesson-nav" aria-label="Lessons">
        <select aria-label="Lesson" value={current.id} onChange={(event) => props.onOpen(event.target.value)}>
          {lessons.map((l, i) => (
            <option key={l.id} value={l.id}>
              {`${l.done ? '✓ ' : ''}${i + 1}. ${l.title}`}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!previous}
          onClick={() => previous && props.onOpen(previous.id)}
          aria-keyshortcuts="Alt+ArrowLeft"
        >
          Previous
        </button>
        <button
          type="button"
          disabled={!next}
          onClick={() => next && props.onOpen(next.id)}
          aria-keyshortcuts="Alt+ArrowRight"
        >
          Next
        </button>
      </nav>
      {props.startChanged && (
        <div className="lesson-start-changed" role="status">
          <p>
            This lesson’s starting files have changed since you began it (the workshop was updated). You are
            working on your saved copy of the old start.
          </p>
          <button type="button" onClick={props.onTakeNewStart}>
            Take the new start
          </button>
          <span> (your version is kept in Recent projects)</span>
        </div>
      )}
      <div className="lesson-body">
        <h2>
          {current.title}
          {lessons[at]?.done && <span className="lesson-done"> ✓ done</span>}
        </h2>
        <p className="lesson-goal">
          <strong>Your task:</strong> {current.goal}
          {current.minutes !== undefined && (
            <span className="lesson-minutes"> (about {current.minutes} min)</span>
          )}
        </p>
        {/* No raw HTML: react-markdown drops it unless a plugin allows it, so lesson text cannot run script. */}
        <Markdown>{current.body}</Markdown>
      </div>
      <footer className="lesson-actions">
        {props.variants.length > 1 && (
          <select
            aria-label="Language"
            value={props.variant ?? props.variants[0]}
            onChange={(event) => props.onVariant(event.target.value)}
          >
            {props.variants.map((v) => (
              <option key={v} value={v}>
                {v === 'c' ? 'C' : v === 'python' ? 'Python' : v}
              </option>
            ))}
          </select>
        )}
        <button type="button" className="lesson-check" onClick={props.onCheck} disabled={props.checking}>
          {props.checking ? 'Checking…' : 'Check'}
        </button>
        <button type="button" onClick={props.onShowSolution}>
          Show solution
        </button>
        <button type="button" onClick={props.onReset}>
          Reset lesson
        </button>
      </footer>
      {check && (
        <div className={`lesson-result ${check.passed ? 'lesson-pass' : 'lesson-fail'}`} role="status">
          <p>{check.passed ? 'Passed: well done!' : 'Not yet:'}</p>
          <ul>
            {check.results.map((r, i) => (
              <li key={i} className={r.ok ? 'lesson-ok' : 'lesson-not-ok'}>
                {r.ok ? '✓' : '✗'} {r.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
