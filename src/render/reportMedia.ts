import { selectLoadState, selectTrackById, trackDurationLearnt, trackMediaMeasured, type CompositorDispatch, type CompositorStoreLike } from '../state';

/**
 * Tells the store what a renderer read of a track's media: its picture size, and its length for
 * a clip the host gave without an out point. Only news reaches the store: every player of a
 * track (an element a clip run, a layer on reopening) reads the same, and a store change wakes
 * every subscriber.
 */
export function reportMedia(
  store: CompositorStoreLike,
  dispatch: CompositorDispatch,
  id: string,
  { width, height, durationMs }: { width: number; height: number; durationMs: number },
): void {
  const state = store.getState();
  const known = selectLoadState(state, id).media;
  if (known?.width !== width || known?.height !== height) dispatch(trackMediaMeasured({ id, width, height }));
  if (Number.isFinite(durationMs) && durationMs > 0 && selectTrackById(state, id)?.mediaDurationMs === undefined) {
    dispatch(trackDurationLearnt({ id, durationMs }));
  }
}
