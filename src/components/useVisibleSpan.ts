import { useLayoutEffect, useState, type RefObject } from 'react';

/** The part of an element's box on screen, in CSS px from the box's left edge. */
export interface VisibleSpan {
  /** The box's size. */
  width: number;
  height: number;
  /** The visible part, widened to whole `quantumPx` steps (`from` = `to` when none of it shows). */
  from: number;
  to: number;
}

/**
 * Steps the visible part is widened to, so scrolling re-renders only when it crosses one (a few
 * times a screen, not every frame), and what is drawn reaches a little past the edges.
 */
const quantumPx = 256;

/** The ancestors that clip what they hold (overflow other than visible), nearest first. */
function clippingAncestors(element: Element): { element: Element; x: boolean; y: boolean }[] {
  const found = [];
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const style = getComputedStyle(parent);
    const x = style.overflowX !== 'visible';
    const y = style.overflowY !== 'visible';
    if (x || y) found.push({ element: parent, x, y });
  }
  return found;
}

function measure(element: Element, clips: ReturnType<typeof clippingAncestors>): VisibleSpan {
  const box = element.getBoundingClientRect();
  let left = Math.max(box.left, 0);
  let right = Math.min(box.right, window.innerWidth);
  let top = Math.max(box.top, 0);
  let bottom = Math.min(box.bottom, window.innerHeight);
  for (const clip of clips) {
    const rect = clip.element.getBoundingClientRect();
    if (clip.x) [left, right] = [Math.max(left, rect.left), Math.min(right, rect.right)];
    if (clip.y) [top, bottom] = [Math.max(top, rect.top), Math.min(bottom, rect.bottom)];
  }
  if (right <= left || bottom <= top) return { width: box.width, height: box.height, from: 0, to: 0 };
  const from = Math.max(0, Math.floor((left - box.left) / quantumPx) * quantumPx);
  const to = Math.min(box.width, Math.ceil((right - box.left) / quantumPx) * quantumPx);
  return { width: box.width, height: box.height, from, to };
}

const same = (a: VisibleSpan | undefined, b: VisibleSpan) => a !== undefined && a.width === b.width && a.height === b.height && a.from === b.from && a.to === b.to;

/**
 * Which part of an element shows, kept current as any scroller around it scrolls, the window
 * resizes or the element's box changes (a zoom, a trim): what a filmstrip fetches and draws.
 * Measured once a frame at most; a change within the same `quantumPx` step renders nothing.
 */
export function useVisibleSpan(ref: RefObject<Element | null>): VisibleSpan | undefined {
  const [span, setSpan] = useState<VisibleSpan>();
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    let clips = clippingAncestors(element);
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = measure(element, clips);
      setSpan((previous) => (same(previous, next) ? previous : next));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    update();
    // Scroll events do not bubble, but every scroller's reaches the window in the capture phase.
    window.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule);
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => {
      clips = clippingAncestors(element);
      schedule();
    });
    observer?.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
      observer?.disconnect();
    };
  }, [ref]);
  return span;
}
