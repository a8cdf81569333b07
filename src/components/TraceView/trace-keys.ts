/** The scroll container's geometry, in pixels. */
export interface ScrollBox {
  scrollTop: number;
  /** Height of the visible rows (the container's height less the sticky header). */
  viewport: number;
  /** Largest scrollTop (scrollHeight - clientHeight). */
  max: number;
  /** Height of one row. */
  row: number;
}

/**
 * Where a key scrolls the trace table: one row for arrows, a page less one row for PageUp/PageDown, the
 * ends for Home/End, aligned to rows. Null for keys it does not handle.
 */
export function scrollTargetFor(key: string, box: ScrollBox): number | null {
  const { scrollTop, viewport, max, row } = box;
  const page = Math.max(1, Math.floor(viewport / row) - 1) * row;
  const clamp = (top: number) => Math.max(0, Math.min(max, top));
  switch (key) {
    case 'ArrowDown':
      return clamp((Math.floor(scrollTop / row) + 1) * row);
    case 'ArrowUp':
      return clamp((Math.ceil(scrollTop / row) - 1) * row);
    case 'PageDown':
      return clamp(Math.floor((scrollTop + page) / row) * row);
    case 'PageUp':
      return clamp(Math.ceil((scrollTop - page) / row) * row);
    case 'Home':
      return 0;
    case 'End':
      return Math.max(0, max);
    default:
      return null;
  }
}
