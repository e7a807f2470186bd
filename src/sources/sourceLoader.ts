import { QueryObserver, type QueryClient, type QueryObserverResult } from '@tanstack/react-query';
import {
  holdsMedia,
  planDecoders,
  selectLoadOrder,
  selectLoadState,
  selectTrackById,
  selectTracksInPaintOrder,
  trackLoadFailed,
  trackLoadRequested,
  trackLoadStarted,
  trackLoadSucceeded,
  trackSourceReleased,
  trackSuspended,
  type CompositorStoreLike,
  type Track,
} from '../state';
import { toLoadError } from './MediaSourceError';
import type { ResolvedSource } from './ResolvedSource';
import { withSourceDefaults, type SourceConfig } from './sourceOptions';
import { trackSourceQuery } from './trackSourceQuery';
import { watchSourceReleases } from './watchSourceReleases';

/** One track's hold on its source: a subscription that keeps the source in the cache. */
interface Hold {
  sourceUrl: string;
  stop: () => void;
}

/**
 * Keeps the media that tracks hold in line with the store: a visible track is queued, loaded
 * (at most `concurrency` at once, top layer first) and held; a hidden or removed track's load is
 * cancelled and its hold dropped. It reconciles after every store change, so it reacts the same
 * way to any sequence of actions. Returns a function that stops it and drops every hold.
 */
export function startSourceLoader(
  store: CompositorStoreLike,
  queryClient: QueryClient,
  options: SourceConfig = {},
): () => void {
  const settings = withSourceDefaults(options);
  const holds = new Map<string, Hold>();
  let reconciling = false;
  let again = false;
  let scheduled = false;
  let stopped = false;

  watchSourceReleases(queryClient);

  function drop(trackId: string): void {
    const hold = holds.get(trackId);
    if (!hold) return;
    holds.delete(trackId);
    // The last subscriber leaving a query cancels its download (its AbortSignal was read).
    hold.stop();
  }

  function start(track: Track): void {
    store.dispatch(trackLoadStarted(track.id));
    const { attempt } = selectLoadState(store.getState(), track.id);
    const query = trackSourceQuery(track.source, settings);
    const observer = new QueryObserver(queryClient, query);
    let settled = false;

    const onResult = (result: QueryObserverResult<ResolvedSource>) => {
      if (settled || stopped) return;
      if (result.status === 'success') {
        settled = true;
        const { kind, note } = result.data;
        store.dispatch(trackLoadSucceeded({ id: track.id, attempt, source: note ? { kind, note } : { kind } }));
      } else if (result.status === 'error' && result.fetchStatus === 'idle') {
        settled = true;
        // A failed track holds nothing: Retry starts over from the queue.
        drop(track.id);
        store.dispatch(trackLoadFailed({ id: track.id, attempt, error: toLoadError(result.error) }));
      }
    };

    const unsubscribe = observer.subscribe(onResult);
    holds.set(track.id, {
      sourceUrl: track.source.url,
      stop: () => {
        settled = true;
        unsubscribe();
      },
    });
    onResult(observer.getCurrentResult());
  }

  function reconcileOnce(): void {
    const state = store.getState();
    const tracks = selectTracksInPaintOrder(state);

    for (const trackId of [...holds.keys()]) {
      const track = selectTrackById(state, trackId);
      if (!track || !track.visible || track.source.url !== holds.get(trackId)?.sourceUrl) drop(trackId);
    }

    const overBudget = new Set(planDecoders(state, settings.decoderBudget).suspended);
    let loading = 0;
    for (const track of tracks) {
      const { status } = selectLoadState(state, track.id);
      if (track.visible && overBudget.has(track.id)) {
        // Over the decoder budget: nothing held, a still shown, until the budget has room.
        if (status !== 'suspended' && status !== 'error') {
          drop(track.id);
          if (status === 'idle' || status === 'released') store.dispatch(trackLoadRequested(track.id));
          store.dispatch(trackSuspended(track.id));
        }
      } else if (status === 'suspended') {
        // Suspended elsewhere too (the browser refused a player): let go of what it held first.
        drop(track.id);
        store.dispatch(track.visible ? trackLoadRequested(track.id) : trackSourceReleased(track.id));
      } else if (!track.visible) {
        if (status !== 'idle' && status !== 'released') store.dispatch(trackSourceReleased(track.id));
      } else if (status === 'idle' || status === 'released') {
        store.dispatch(trackLoadRequested(track.id));
      } else if ((status === 'loading' || holdsMedia(status)) && !holds.has(track.id)) {
        // Left so by an earlier loader on this store (Strict Mode mounts twice, a host may
        // restart the provider): nothing holds this source now, so load it again.
        store.dispatch(trackSourceReleased(track.id));
        store.dispatch(trackLoadRequested(track.id));
      } else if (status === 'loading') {
        loading += 1;
      }
    }

    // Selected first, then what is under the playhead, top layers first: what a person looks at.
    for (const track of selectLoadOrder(state)) {
      if (loading >= settings.concurrency) break;
      if (holds.has(track.id)) continue;
      if (selectLoadState(store.getState(), track.id).status !== 'queued') continue;
      start(track);
      loading += 1;
    }
  }

  // Coalesced into one pass per microtask: a host that adds twenty tracks in a loop gets them
  // loaded in priority order, not in the order it happened to dispatch them.
  function scheduleReconcile(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      reconcile();
    });
  }

  function reconcile(): void {
    if (stopped) return;
    // Our own dispatches call back into the store listener: finish this pass, then run again.
    if (reconciling) {
      again = true;
      return;
    }
    reconciling = true;
    try {
      do {
        again = false;
        reconcileOnce();
      } while (again && !stopped);
    } finally {
      reconciling = false;
    }
  }

  const unsubscribeStore = store.subscribe(() => (reconciling ? (again = true) : scheduleReconcile()));
  reconcile();

  return () => {
    stopped = true;
    unsubscribeStore();
    // Let go a task later: a loader that takes over at once (Strict Mode's second mount, a
    // provider re-created with new options) finds the downloads still running and shares them.
    setTimeout(() => {
      for (const trackId of [...holds.keys()]) drop(trackId);
    }, 0);
  };
}
