import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

/** One entry of a menu. */
export interface MenuItem {
  label: string;
  onSelect(): void;
}

export interface MenuButtonProps {
  /** Accessible name of the button (and of the menu). */
  label: string;
  /** What the button shows; defaults to `label`. */
  children?: ReactNode;
  items: readonly MenuItem[];
  open: boolean;
  onOpenChange(open: boolean): void;
  className?: string;
  /** -1 keeps the button out of the tab order (roving focus in the tree). */
  tabIndex?: number;
  /** Where focus goes when the menu closes; defaults to the button. */
  restoreFocus?: () => void;
}

/** A WAI-ARIA menu button: opens a `role="menu"` list, arrows move, Enter picks, Escape closes. */
export function MenuButton({
  label,
  children,
  items,
  open,
  onOpenChange,
  className,
  tabIndex,
  restoreFocus,
}: MenuButtonProps) {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  const close = (refocus: boolean) => {
    onOpenChange(false);
    if (refocus) (restoreFocus ?? (() => buttonRef.current?.focus()))();
  };

  // Fixed position, so scrolling panels cannot clip the menu; flipped up or left near the window's edges.
  useLayoutEffect(() => {
    if (!open) {
      setPosition(null);
      return;
    }
    const button = buttonRef.current?.getBoundingClientRect();
    const menu = menuRef.current?.getBoundingClientRect();
    if (button === undefined || menu === undefined) return;
    const below = button.bottom + menu.height <= window.innerHeight;
    setPosition({
      top: below ? button.bottom : Math.max(0, button.top - menu.height),
      left: Math.max(0, Math.min(button.left, window.innerWidth - menu.width)),
    });
  }, [open]);

  const placed = position !== null;
  useEffect(() => {
    if (open && placed) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, placed]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) onOpenChange(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, onOpenChange]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    event.stopPropagation();
    const entries = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => entries[(i + entries.length) % entries.length]?.focus();
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(entries.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') close(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        tabIndex={tabIndex}
        onClick={(event) => {
          event.stopPropagation();
          onOpenChange(!open);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            onOpenChange(true);
          }
          if (event.key !== 'Tab') event.stopPropagation();
        }}
      >
        {children ?? label}
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu-button__menu"
          style={position === null ? { visibility: 'hidden' } : { top: position.top, left: position.left }}
          onKeyDown={onMenuKeyDown}
          onClick={(event) => event.stopPropagation()}
        >
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-button__item"
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
