import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** A timeline's zoom, without its look: `Timeline` renders its control and scroller. */
export interface TimelineZoom {
  /** How many times the lane's width the timeline's span is drawn at: 1 shows it whole. */
  zoom: number;
  /** The closest zoom: a frame a dozen px wide. */
  maxZoom: number;
  /**
   * Zooms to `next` (kept within 1 and `maxZoom`), keeping the time under `aroundClientX` (a
   * pointer's x) where it is on screen; without it, the playhead's place, or the middle.
   */
  zoomTo(next: number, aroundClientX?: number): void;
  /** The element that scrolls the zoomed timeline across. */
  viewRef: RefObject<HTMLDivElement | null>;
  /** The part of the span in view, in ms, for a ruler that draws only its visible marks. */
  visibleMs: { from: number; to: number };
  /** Ms a px of the lane is at this zoom; 0 before the lane is laid out. */
  msPerPx: number;
}

/** The steps, in px, the part in view is widened to. */
const quantumPx = 256;

/** Px a frame is at the closest zoom. */
const framePxAtMost = 12;

/** The zoom at which a frame of `frameMs` is `framePxAtMost` wide, on a lane `width` px wide at zoom 1. */
const closestZoom = (width: number, spanMs: number, frameMs: number) => (width > 0 ? Math.max(1, (framePxAtMost * spanMs) / (width * frameMs)) : 1);

/**
 * Zoom for a timeline whose lane (`laneRef`, the clips' area) is `zoom` times the width of the
 * view that scrolls it: a control sets it, Ctrl/Cmd + wheel and a trackpad's pinch (a wheel with
 * Ctrl held, in Chromium and Firefox; WebKit's gesture events) and two fingers on a touch screen
 * zoom around the pointer, keeping the time under it in place.
 */
export function useTimelineZoom(spanMs: number, frameRate: number, laneRef: RefObject<HTMLElement | null>, playheadAt: () => number): TimelineZoom {
  const viewRef = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  const [visibleMs, setVisibleMs] = useState({ from: 0, to: spanMs });
  /** The lane's width at zoom 1, in px (measured; 0 before layout). */
  const [baseWidth, setBaseWidth] = useState(0);
  /** A scroll to apply once the new width is laid out: where the lane's left edge must come. */
  const pendingScroll = useRef<number | undefined>(undefined);
  /** The zoom last asked for (several wheel events can come before a render), and the one laid out. */
  const zoomRef = useRef(zoom);
  const laidOut = useRef(zoom);

  const frameMs = 1000 / frameRate;
  const maxZoom = closestZoom(baseWidth, spanMs, frameMs);

  const measureVisible = useCallback(() => {
    const view = viewRef.current;
    const lane = laneRef.current;
    if (!view || !lane) return;
    const laneBox = lane.getBoundingClientRect();
    const viewBox = view.getBoundingClientRect();
    if (laneBox.width === 0) return;
    const base = laneBox.width / laidOut.current;
    setBaseWidth((previous) => (Math.abs(previous - base) < 0.5 ? previous : base));
    const msPerPx = spanMs / laneBox.width;
    // Widened to whole steps of `quantumPx`, as `useVisibleSpan` does: a scroll renders the
    // timeline again only when it crosses one, not on every scroll event.
    const from = Math.max(0, Math.floor((viewBox.left - laneBox.left) / quantumPx) * quantumPx * msPerPx);
    const to = Math.min(spanMs, Math.ceil((viewBox.right - laneBox.left) / quantumPx) * quantumPx * msPerPx);
    setVisibleMs((previous) => (previous.from === from && previous.to === to ? previous : { from, to }));
  }, [laneRef, spanMs]);

  const zoomTo = useCallback(
    (next: number, aroundClientX?: number) => {
      const view = viewRef.current;
      const lane = laneRef.current;
      if (!view || !lane) return;
      const laneBox = lane.getBoundingClientRect();
      if (laneBox.width === 0) return;
      const base = laneBox.width / laidOut.current;
      const clamped = Math.min(closestZoom(base, spanMs, frameMs), Math.max(1, next));
      zoomRef.current = clamped;
      const viewBox = view.getBoundingClientRect();
      const playheadX = laneBox.left + (playheadAt() / spanMs) * laneBox.width;
      const pivotX = aroundClientX ?? (playheadX >= viewBox.left && playheadX <= viewBox.right ? playheadX : (viewBox.left + viewBox.right) / 2);
      const pivotMs = ((pivotX - laneBox.left) / laneBox.width) * spanMs;
      // The lane's left edge, so that the pivot's time stays under the pivot at the new width.
      pendingScroll.current = pivotX - (pivotMs / spanMs) * base * clamped;
      setZoom(clamped);
    },
    [laneRef, spanMs, frameMs, playheadAt],
  );

  // Once the new width is laid out, scroll so the pivot stays put; then look at what shows.
  useLayoutEffect(() => {
    const view = viewRef.current;
    const lane = laneRef.current;
    const left = pendingScroll.current;
    pendingScroll.current = undefined;
    laidOut.current = zoom;
    if (view && lane && left !== undefined) view.scrollLeft += lane.getBoundingClientRect().left - left;
    measureVisible();
  }, [zoom, laneRef, measureVisible]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const onScroll = () => measureVisible();
    // Ctrl/Cmd + wheel, and a trackpad's pinch (sent as a wheel with Ctrl), zoom; not passive, to
    // keep the page from zooming instead.
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const lines = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? 400 : 1;
      zoomTo(zoomRef.current * Math.exp(-event.deltaY * lines * 0.002), event.clientX);
    };
    // WebKit's trackpad pinch.
    let gestureFrom = 1;
    const onGestureStart = (event: Event) => {
      event.preventDefault();
      gestureFrom = zoomRef.current;
    };
    const onGestureChange = (event: Event) => {
      event.preventDefault();
      const { scale, clientX } = event as Event & { scale: number; clientX: number };
      zoomTo(gestureFrom * scale, clientX);
    };
    // Two fingers on a touch screen: the zoom follows their spread, around their middle. Their
    // moves are the pinch's, not a scrub's.
    const touches = new Map<number, number>();
    let pinch: { spread: number; zoom: number } | undefined;
    const spread = () => {
      const [a, b] = [...touches.values()];
      return Math.max(1, Math.abs(a - b));
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.pointerType !== 'touch') return;
      touches.set(event.pointerId, event.clientX);
      if (touches.size === 2) pinch = { spread: spread(), zoom: zoomRef.current };
    };
    const onPointerMove = (event: PointerEvent) => {
      if (!touches.has(event.pointerId)) return;
      touches.set(event.pointerId, event.clientX);
      if (!pinch || touches.size !== 2) return;
      event.stopPropagation();
      const [a, b] = [...touches.values()];
      zoomTo((pinch.zoom * spread()) / pinch.spread, (a + b) / 2);
    };
    const onPointerEnd = (event: PointerEvent) => {
      touches.delete(event.pointerId);
      if (touches.size < 2) pinch = undefined;
    };
    view.addEventListener('scroll', onScroll, { passive: true });
    view.addEventListener('wheel', onWheel, { passive: false });
    view.addEventListener('gesturestart', onGestureStart);
    view.addEventListener('gesturechange', onGestureChange);
    view.addEventListener('pointerdown', onPointerDown, { capture: true });
    view.addEventListener('pointermove', onPointerMove, { capture: true });
    view.addEventListener('pointerup', onPointerEnd, { capture: true });
    view.addEventListener('pointercancel', onPointerEnd, { capture: true });
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measureVisible);
    observer?.observe(view);
    return () => {
      view.removeEventListener('scroll', onScroll);
      view.removeEventListener('wheel', onWheel);
      view.removeEventListener('gesturestart', onGestureStart);
      view.removeEventListener('gesturechange', onGestureChange);
      view.removeEventListener('pointerdown', onPointerDown, { capture: true });
      view.removeEventListener('pointermove', onPointerMove, { capture: true });
      view.removeEventListener('pointerup', onPointerEnd, { capture: true });
      view.removeEventListener('pointercancel', onPointerEnd, { capture: true });
      observer?.disconnect();
    };
  }, [zoomTo, measureVisible]);

  return { zoom, maxZoom, zoomTo, viewRef, visibleMs, msPerPx: baseWidth > 0 ? spanMs / (baseWidth * zoom) : 0 };
}
