import { useCallback, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from 'react';

/** The rows of a long list that a scroll viewport shows, with the space to leave above and below them. */
export interface RowWindow {
  /** Whether the list is windowed at all (longer than the threshold). */
  windowed: boolean;
  /** The first row drawn, and one past the last. */
  start: number;
  end: number;
  /** Empty space above and below the drawn rows, in px, so the scrollbar spans every row. */
  spaceBefore: number;
  spaceAfter: number;
  viewportRef: RefObject<HTMLDivElement | null>;
  onScroll(event: UIEvent<HTMLElement>): void;
}

/** Rows drawn beyond each edge of the viewport, so a fast scroll does not show blank rows. */
const overscanRows = 4;

/** The viewport height assumed before it is measured: the default look's `--mtk-list-max-height`. */
const unmeasuredHeight = 480;

/**
 * Windowing for the timeline's and the track list's rows: a list of more than `threshold` rows of
 * `rowHeight` px draws only those in its scroll viewport (plus a few), so a project of a thousand
 * tracks costs what the visible rows cost. Shorter lists draw every row, as a person expects of a
 * small project (and as a find-in-page or a screen reader's list navigation does).
 */
export function useRowWindow(count: number, rowHeight: number, threshold: number): RowWindow {
  const viewportRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  const windowing = count > threshold;
  // A measure that finds the viewport where it was changes nothing, so rows do not render again.
  const viewAt = useCallback((top: number, height: number) => {
    setView((previous) => (previous.top === top && previous.height === height ? previous : { top, height }));
  }, []);

  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!windowing || !viewport) return;
    const measure = () => viewAt(viewport.scrollTop, viewport.clientHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(viewport);
    return () => observer.disconnect();
  }, [windowing, viewAt]);

  const onScroll = useCallback((event: UIEvent<HTMLElement>) => viewAt(event.currentTarget.scrollTop, event.currentTarget.clientHeight), [viewAt]);

  // Until the viewport is measured (the first render of a long list, or a DOM without layout),
  // a first screenful is drawn: drawing every row once would cost what windowing saves.
  const windowed = windowing;
  const height = view.height > 0 ? view.height : unmeasuredHeight;
  const start = windowed ? Math.max(0, Math.floor(view.top / rowHeight) - overscanRows) : 0;
  const end = windowed ? Math.min(count, Math.ceil((view.top + height) / rowHeight) + overscanRows) : count;
  return { windowed, start, end, spaceBefore: start * rowHeight, spaceAfter: (count - end) * rowHeight, viewportRef, onScroll };
}
