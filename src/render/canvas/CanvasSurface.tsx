import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { usePlaybackContext } from '../../playback';
import { selectCompositionBackground, useCompositorSelector } from '../../state';
import type { RendererSurfaceProps } from '../renderer';
import { useCanvasSession } from './canvasSession';

/**
 * The composite's one canvas, under the layers' boxes (which hold placeholders, outlines and
 * clicks). It draws again on every animation frame while the clock runs, when the playhead
 * jumps, when it is resized, and when a layer has a new frame.
 */
export function CanvasSurface({ width, height }: RendererSurfaceProps) {
  const session = useCanvasSession();
  const { clock, options } = usePlaybackContext();
  const ref = useRef<HTMLCanvasElement>(null);
  // A new canvas when the worker that owned the last one failed (the page draws on this one).
  const canvasKey = useSyncExternalStore(session.subscribeCanvas, session.canvasKey);
  const drawsIn = useSyncExternalStore(session.subscribeCanvas, session.drawsIn);
  // Attached again when the host changes the background: the session reads it from the composite's style.
  const background = useCompositorSelector(selectCompositionBackground);
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const detach = session.attach(canvas, { clock, width, height, prerollMs: options.prerollMs });
    const unsubscribe = clock.subscribe(session.requestDraw);
    const resized = new ResizeObserver(() => session.requestDraw());
    resized.observe(canvas);
    return () => {
      resized.disconnect();
      unsubscribe();
      detach();
    };
  }, [session, clock, width, height, options.prerollMs, canvasKey, background]);
  return <canvas key={canvasKey} ref={ref} className="mtk-canvas" role="img" aria-label="Composite picture" data-drawn-in={drawsIn} data-frame-path={session.framePath()} />;
}
