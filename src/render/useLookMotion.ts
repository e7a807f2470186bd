import { useCallback, useLayoutEffect, useRef, type CSSProperties, type RefObject } from 'react';
import { usePlaybackContext } from '../playback';
import { animatesLook, type ClipTiming } from '../state';

/**
 * Keeps an element's placement on its clip's keyframes (the element renderer's way to animate a
 * look): while the clip under the playhead has look keyframes, writes `styleAt(playheadMs)` to
 * the element before it is first painted and then on every frame the clock ticks or jumps, as
 * style properties, without a React render. A clip without look keyframes costs nothing: no
 * subscription, and the element keeps the style its render gave. `styleAt` gives the whole moving
 * part of the style at any playhead (for no clip too), so what keyframes moved can be put back.
 *
 * The time is the clock's for the frame being prepared, so a look lands within a display refresh
 * of the picture the element shows (exact on the canvas renderer, which paints each frame's look
 * at that frame's time).
 */
export function useLookMotion(ref: RefObject<HTMLElement | null>, clip: ClipTiming | undefined, styleAt: (playheadMs: number) => CSSProperties | undefined): void {
  const { clock } = usePlaybackContext();
  const animated = animatesLook(clip?.animation);
  const latest = useRef(styleAt);
  const write = useCallback(() => {
    const element = ref.current;
    const style = latest.current(clock.snapshot());
    if (element && style) Object.assign(element.style, style);
  }, [ref, clock]);
  // After every render too: React writes the render's own (unanimated) style only where it
  // changed since its last render, so a look left moved by keyframes (the clip after has none, or
  // the playhead left the clip) is put back here once.
  const moved = useRef(false);
  useLayoutEffect(() => {
    latest.current = styleAt;
    if (!animated && !moved.current) return;
    write();
    moved.current = animated;
  });
  useLayoutEffect(() => {
    if (!animated) return;
    return clock.subscribe(write);
  }, [animated, clock, write]);
}
