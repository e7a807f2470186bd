import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { useAudioEngine } from '../audio';
import { createScrubThrottle, usePlaybackContext } from '../playback';
import {
  frameStepMs,
  playbackPaused,
  playbackStarted,
  playheadSeeked,
  selectIsPlaying,
  selectTracksInPaintOrder,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
  type Track,
} from '../state';
import { capturePointer } from './capturePointer';
import { rulerTicks } from './timelineRuler';
import { useTransport } from './useTransport';

export interface TimelineOptions {
  /** Shortest span the ruler shows, in ms, while the clips are shorter or their ends unknown. */
  minimumSpanMs?: number;
}

/** A timeline's state and handlers without its look: `Timeline` renders these. */
export interface TimelineState {
  /** Tracks top layer first, as rows are listed. */
  rows: Track[];
  /** The time the lane spans, in ms: the timeline's length, at least `minimumSpanMs`. */
  spanMs: number;
  durationMs: number;
  frameRate: number;
  /** Ruler marks, in ms: about eight across the span, on whole frames, seconds or minutes (`rulerTicks` for a zoomed ruler). */
  ticks: number[];
  /** Where the pointer holds the playhead while dragging, else `undefined` (show the clock's). */
  dragMs: number | undefined;
  /** The element whose box maps pointer positions to time: the clips' lane. */
  laneRef: RefObject<HTMLDivElement | null>;
  /** Spread on the element that takes the drag (the whole timeline, say). */
  scrubHandlers: {
    onPointerDown(event: PointerEvent<HTMLElement>): void;
    onPointerMove(event: PointerEvent<HTMLElement>): void;
    onPointerUp(): void;
    onPointerCancel(): void;
  };
  /** On the playhead: the transport's keys, and Home / End to jump to either end. */
  onKeyDown(event: KeyboardEvent): void;
}


/**
 * Scrubbing and keys for a timeline: drag anywhere to scrub (seeks wait for the decoders, the
 * last position always lands; a playing composite pauses for the drag and plays on after; each
 * new place plays a grain of sound, unless the host turned `scrubSound` off). Keys step silently.
 */
export function useTimeline({ minimumSpanMs = 1000 }: TimelineOptions = {}): TimelineState {
  const dispatch = useCompositorDispatch();
  const store = useCompositorStore();
  const { seeks } = usePlaybackContext();
  const transport = useTransport();
  const { durationMs, frameRate } = transport;
  const tracks = useCompositorSelector(selectTracksInPaintOrder);
  const rows = useMemo(() => [...tracks].reverse(), [tracks]);
  const spanMs = Math.max(durationMs, minimumSpanMs);
  const laneRef = useRef<HTMLDivElement>(null);
  const engine = useAudioEngine();
  const [dragMs, setDragMs] = useState<number | undefined>();
  const resumeAfterDrag = useRef(false);

  const throttle = useMemo(() => createScrubThrottle(seeks, (ms) => dispatch(playheadSeeked(ms))), [seeks, dispatch]);
  useEffect(() => () => throttle.stop(), [throttle]);

  const msAt = (clientX: number) => {
    const box = laneRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return Math.min(spanMs, frameStepMs(fraction * spanMs, 0, frameRate));
  };

  const scrubHandlers = {
    onPointerDown(event: PointerEvent<HTMLElement>) {
      if (event.button !== 0) return;
      capturePointer(event.currentTarget, event.pointerId);
      resumeAfterDrag.current = selectIsPlaying(store.getState());
      if (resumeAfterDrag.current) dispatch(playbackPaused());
      scrubTo(msAt(event.clientX));
    },
    onPointerMove(event: PointerEvent<HTMLElement>) {
      if (dragMs === undefined) return;
      const ms = msAt(event.clientX);
      // Only a move to another frame is heard: a hand holding still plays no more grains.
      if (ms !== dragMs) scrubTo(ms);
    },
    onPointerUp: () => endDrag(),
    onPointerCancel: () => endDrag(),
  };
  // A drag is heard (grains of sound where it is); a step by the keys is not.
  function scrubTo(ms: number) {
    setDragMs(ms);
    throttle.request(ms);
    engine.scrub(ms);
  }
  function endDrag() {
    if (dragMs === undefined) return;
    throttle.flush();
    setDragMs(undefined);
    if (resumeAfterDrag.current) dispatch(playbackStarted());
    resumeAfterDrag.current = false;
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Home') transport.seek(0);
    else if (event.key === 'End') transport.seek(durationMs);
    else return transport.onKeyDown(event);
    event.preventDefault();
  };

  // About eight across the span, on the ruler's steps (`rulerTicks`), as a lane of 576 px shows them.
  const ticks = rulerTicks(0, spanMs, spanMs / 576, frameRate).map(({ ms }) => ms);
  return { rows, spanMs, durationMs, frameRate, ticks, dragMs, laneRef, scrubHandlers, onKeyDown };
}
