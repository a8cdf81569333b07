import './notice.css';

/** Props of the page the full app shows when it is framed by another page. */
export interface FramedNoticeProps {
  /** The address to open at the top level (the same page). */
  href: string;
}

/** Instead of the IDE inside someone else's page: a sentence and a link that opens it in a new tab. */
export function FramedNotice({ href }: FramedNoticeProps) {
  return (
    <main className="framed-notice">
      <p>ZeroVM Playground does not run inside another page.</p>
      <a href={href} target="_blank" rel="noopener noreferrer">
        Open in a new tab
      </a>
    </main>
  );
}
