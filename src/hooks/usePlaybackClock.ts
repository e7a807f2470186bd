import { useEffect } from 'react';
import {
  playbackPaused,
  playheadAdvanced,
  selectIsPlaying,
  selectPlayheadMs,
  selectSeekRevision,
  selectTimelineDurationMs,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
} from '../state';

/**
 * Advances the playhead in the store while playing, from the wall clock, and stops at the end of
 * the timeline. Restarts its count after every seek so the playhead continues from there.
 */
export function usePlaybackClock(): void {
  const playing = useCompositorSelector(selectIsPlaying);
  const seekRevision = useCompositorSelector(selectSeekRevision);
  const store = useCompositorStore();
  const dispatch = useCompositorDispatch();

  useEffect(() => {
    if (!playing) return;
    const startedAt = performance.now();
    const playheadAtStart = selectPlayheadMs(store.getState());
    let frame = requestAnimationFrame(function tick(now) {
      const durationMs = selectTimelineDurationMs(store.getState());
      const playheadMs = playheadAtStart + Math.max(0, now - startedAt);
      if (durationMs > 0 && playheadMs >= durationMs) {
        dispatch(playheadAdvanced(durationMs));
        dispatch(playbackPaused());
        return;
      }
      dispatch(playheadAdvanced(playheadMs));
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, seekRevision, store, dispatch]);
}
