import { useEffect } from 'react';

/** F6 / Shift+F6 move focus between the app's landmark regions, as desktop apps do. */
export function useRegionCycling(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F6') return;
      const regions = [...document.querySelectorAll<HTMLElement>('[data-region]')].filter(
        (r) => r.offsetParent !== null,
      );
      if (regions.length === 0) return;
      event.preventDefault();
      const current = regions.findIndex((r) => r.contains(document.activeElement));
      const next = regions[(current + (event.shiftKey ? -1 : 1) + regions.length) % regions.length]!;
      // The most useful control first: the tree's current item, a text box, then anything focusable.
      const preferred = [
        '[role="treeitem"][tabindex="0"]',
        'textarea, [role="textbox"]',
        'input',
        '[tabindex="0"], button',
      ];
      const target = preferred.map((selector) => next.querySelector<HTMLElement>(selector)).find(Boolean);
      (target ?? next).focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
