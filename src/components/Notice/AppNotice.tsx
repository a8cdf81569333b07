import './notice.css';

/** Props of the notice under the toolbar. */
export interface AppNoticeProps {
  tone: 'info' | 'error';
  /** Plain text: shown as it is, never as markup. */
  text: string;
  onDismiss(): void;
}

/** One sentence about what just happened (a link opened or refused, a project kept), until dismissed. */
export function AppNotice({ tone, text, onDismiss }: AppNoticeProps) {
  return (
    <div className={`app-notice app-notice-${tone}`}>
      <span className="app-notice__text" role={tone === 'error' ? 'alert' : 'status'}>
        {text}
      </span>
      <button type="button" onClick={onDismiss} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
