import { selectLoadStates, type CompositorStoreLike } from '../state';
import type { CompositorConfig } from './compositorConfig';

/**
 * Tells the host about load-state changes and errors by comparing the load map after each action:
 * entries are immutable, so an unchanged track costs one reference comparison.
 */
export function watchLoadStates(
  store: CompositorStoreLike,
  { onTrackLoadStateChange, onTrackError }: Pick<CompositorConfig, 'onTrackLoadStateChange' | 'onTrackError'>,
): () => void {
  if (!onTrackLoadStateChange && !onTrackError) return () => undefined;
  let previous = selectLoadStates(store.getState());
  return store.subscribe(() => {
    const current = selectLoadStates(store.getState());
    if (current === previous) return;
    const before = previous;
    previous = current;
    for (const [trackId, state] of Object.entries(current)) {
      const earlier = before[trackId];
      if (state === earlier) continue;
      onTrackLoadStateChange?.({ trackId, state, previous: earlier });
      if (state.status === 'error' && state.error && earlier?.status !== 'error') onTrackError?.(trackId, state.error);
    }
  });
}
