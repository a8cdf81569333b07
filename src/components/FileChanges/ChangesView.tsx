import { useMemo, useState } from 'react';
import { bytesAsText, firstDifference, hexRowChanges, isBinary, textDiff } from './fs-diff.ts';
import type { DiffHunk, DiffLine, TextDiff } from './fs-diff.ts';
import { HexView } from './HexView.tsx';
import { DIFF_PAGE_LINES, formatSize } from './preview-model.ts';
import type { PreviewChange } from './preview-model.ts';

export interface ChangesViewProps {
  path: string;
  /** The file now; null when the run deleted it. */
  data: Uint8Array | null;
  change: PreviewChange;
}

const EMPTY = new Uint8Array();

/** What the last run changed: a unified line diff for text, changed hex rows for binary files. */
export function ChangesView({ path, data, change }: ChangesViewProps) {
  const before = change.before ?? EMPTY;
  const after = data ?? EMPTY;
  const binary = useMemo(() => isBinary(before, path) || isBinary(after, path), [before, after, path]);
  const sizes = `${change.before === null ? 'new file' : formatSize(before.length)} → ${
    data === null ? 'deleted' : formatSize(after.length)
  }`;
  if (!binary) return <TextChanges path={path} before={before} after={after} sizes={sizes} />;
  if (change.before === null || data === null) {
    const bytes = data ?? before;
    return (
      <div>
        <p className="file-preview__note">
          Binary file {data === null ? 'deleted' : 'added'}: {formatSize(bytes.length)}.
        </p>
        <HexView
          bytes={bytes}
          label={`Hex of ${path} ${data === null ? 'before the run' : 'after the run'}`}
        />
      </div>
    );
  }
  return <HexChanges path={path} before={before} after={after} sizes={sizes} />;
}

function TextChanges(props: { path: string; before: Uint8Array; after: Uint8Array; sizes: string }) {
  const { path, before, after, sizes } = props;
  const [shown, setShown] = useState(DIFF_PAGE_LINES);
  const diff: TextDiff = useMemo(
    () => textDiff(bytesAsText(before).text, bytesAsText(after).text),
    [before, after],
  );
  if (diff.kind === 'same')
    return <p className="file-preview__note">The contents did not change ({sizes}).</p>;
  if (diff.kind === 'too-large') return <p className="file-preview__note">{diff.summary}</p>;
  const total = diff.hunks.reduce((n, h) => n + h.lines.length + 1, 0);
  const visible = firstLines(diff.hunks, shown);
  return (
    <div className="file-preview__changes">
      <p className="file-preview__note">
        {diff.added} {diff.added === 1 ? 'line' : 'lines'} added, {diff.removed}{' '}
        {diff.removed === 1 ? 'line' : 'lines'} removed ({sizes}).
      </p>
      <table className="file-preview__diff" aria-label={`Changes to ${path}`}>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Old line</th>
            <th scope="col">New line</th>
            <th scope="col">Change</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        {visible.map((hunk) => (
          <tbody key={`${hunk.oldStart},${hunk.newStart}`}>
            <tr className="file-preview__hunk">
              <td colSpan={4}>
                @@ -{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@
              </td>
            </tr>
            {hunk.lines.map((line, i) => (
              <DiffRow key={i} line={line} />
            ))}
          </tbody>
        ))}
      </table>
      {total > shown && (
        <p className="file-preview__more">
          Showing {shown.toLocaleString('en-US')} of {total.toLocaleString('en-US')} diff lines.{' '}
          <button type="button" onClick={() => setShown((n) => n + DIFF_PAGE_LINES)}>
            Show more
          </button>
        </p>
      )}
    </div>
  );
}

/** The hunks cut to `limit` rows in all, each hunk header counting as one. */
function firstLines(hunks: readonly DiffHunk[], limit: number): DiffHunk[] {
  const out: DiffHunk[] = [];
  let left = limit;
  for (const hunk of hunks) {
    if (left <= 1) break;
    const lines = hunk.lines.slice(0, left - 1);
    out.push(lines.length === hunk.lines.length ? hunk : { ...hunk, lines });
    left -= lines.length + 1;
  }
  return out;
}

const SIGN: Record<DiffLine['kind'], { mark: string; word: string }> = {
  add: { mark: '+', word: 'added' },
  remove: { mark: '-', word: 'removed' },
  context: { mark: ' ', word: 'unchanged' },
  note: { mark: '\\', word: 'note' },
};

function DiffRow({ line }: { line: DiffLine }) {
  const sign = SIGN[line.kind];
  // A carriage return is invisible; show it, or a CRLF -> LF change would look like no change.
  const text = line.text.endsWith('\r') ? `${line.text.slice(0, -1)}␍` : line.text;
  return (
    <tr className={`file-preview__line file-preview__line--${line.kind}`}>
      <td className="file-preview__ln">{line.oldLine ?? ''}</td>
      <td className="file-preview__ln">{line.newLine ?? ''}</td>
      <td className="file-preview__sign">
        <span aria-hidden="true">{sign.mark}</span>
        <span className="visually-hidden">{sign.word}</span>
      </td>
      <td className="file-preview__src">{text}</td>
    </tr>
  );
}

function HexChanges(props: { path: string; before: Uint8Array; after: Uint8Array; sizes: string }) {
  const { path, before, after, sizes } = props;
  const [pages, setPages] = useState(1);
  const first = useMemo(() => firstDifference(before, after), [before, after]);
  const { rows, next } = useMemo(
    () => hexRowChanges(before, after, 0, pages * DIFF_PAGE_LINES),
    [before, after, pages],
  );
  if (first === null) return <p className="file-preview__note">The contents did not change ({sizes}).</p>;
  return (
    <div className="file-preview__changes">
      <p className="file-preview__note">
        Binary file changed ({sizes}); first difference at byte {first} (0x{first.toString(16)}). Rows of 16
        bytes that differ, before (−) and after (+):
      </p>
      <table className="file-preview__diff file-preview__diff--hex" aria-label={`Changed bytes of ${path}`}>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Bytes</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row) => [
            row.before !== null && <HexDiffRow key={`${row.offset}-`} kind="remove" text={row.before} />,
            row.after !== null && <HexDiffRow key={`${row.offset}+`} kind="add" text={row.after} />,
          ])}
        </tbody>
      </table>
      {next !== null && (
        <p className="file-preview__more">
          More rows differ from byte {next} on.{' '}
          <button type="button" onClick={() => setPages((n) => n + 1)}>
            Show more
          </button>
        </p>
      )}
    </div>
  );
}

function HexDiffRow({ kind, text }: { kind: 'add' | 'remove'; text: string }) {
  const sign = SIGN[kind];
  return (
    <tr className={`file-preview__line file-preview__line--${kind}`}>
      <td className="file-preview__sign">
        <span aria-hidden="true">{sign.mark}</span>
        <span className="visually-hidden">{kind === 'add' ? 'after' : 'before'}</span>
      </td>
      <td className="file-preview__src">{text}</td>
    </tr>
  );
}
