import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import './popover.css';

/** Props of a toolbar popover. */
export interface PopoverProps {
  /** Accessible name of the dialog. */
  label: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}

/** A non-modal dialog hanging from the toolbar: focus moves into it, Escape or Close shuts it. */
export function Popover({ label, onClose, children, className }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus goes back where it was (the toolbar button, usually) when the popover closes with focus in it.
    const node = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    node?.querySelector<HTMLElement>('input, textarea, button, [tabindex]')?.focus();
    return () => {
      const now = document.activeElement;
      const focusWasInside = now === null || now === document.body || node?.contains(now) === true;
      if (focusWasInside && before?.isConnected) before.focus();
    };
  }, []);
  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={label}
      className={`popover ${className ?? ''}`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
    >
      {children}
      <div className="popover__footer">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
