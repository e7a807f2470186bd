import { QueryObserver, type QueryClient, type QueryObserverResult } from '@tanstack/react-query';
import {
  holdsMedia,
  planDecoders,
  selectLoadOrder,
  selectLoadState,
  selectTrackById,
  selectTrackIdsToLoad,
  selectTracksInPaintOrder,
  trackLoadFailed,
  trackLoadRequested,
  trackLoadStarted,
  trackLoadSucceeded,
  trackRenditionSwitched,
  previewRendition,
  renditionReference,
  selectSelectedTrackId,
  type Rendition,
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

/** One track's hold on one rendition of its source: a subscription that keeps it in the cache. */
interface Hold {
  sourceUrl: string;
  rendition: Rendition;
  stop: () => void;
}

const renditionNames: Record<Rendition, string> = { original: 'original', proxy: 'preview proxy' };

/**
 * Keeps the media that tracks hold in line with the store: a seen track (visible, on the
 * composite) is queued, loaded (at most `concurrency` at once, top layer first) and held; a hidden,
 * off-composite or removed track's load is cancelled and its hold dropped. A ready track whose preview rendition changes (selected, say)
 * loads the other rendition while it plays on, then lets the first go. It reconciles after every
 * store change, so it reacts the same way to any sequence of actions. Returns a function that
 * stops it and drops every hold.
 */
export function startSourceLoader(
  store: CompositorStoreLike,
  queryClient: QueryClient,
  options: SourceConfig = {},
): () => void {
  const settings = withSourceDefaults(options);
  const holds = new Map<string, Hold>();
  // A rendition being loaded for a ready track, which keeps playing its current one meanwhile.
  const switches = new Map<string, Hold>();
  // Per track, rendition URLs that failed to load: not tried again while the loader runs.
  const failedUrls = new Map<string, Set<string>>();
  let reconciling = false;
  let again = false;
  let scheduled = false;
  let stopped = false;

  watchSourceReleases(queryClient);

  function drop(trackId: string): void {
    const pending = switches.get(trackId);
    switches.delete(trackId);
    pending?.stop();
    const hold = holds.get(trackId);
    if (!hold) return;
    holds.delete(trackId);
    // The last subscriber leaving a query cancels its download (its AbortSignal was read).
    hold.stop();
  }

  function wantedRendition(state: ReturnType<typeof store.getState>, track: Track): Rendition {
    const wanted = previewRendition(track, selectSelectedTrackId(state) === track.id, settings.proxies);
    const failed = failedUrls.get(track.id);
    return failed?.has(renditionReference(track, wanted).url) ? 'original' : wanted;
  }

  function markFailed(track: Track, rendition: Rendition): void {
    const failed = failedUrls.get(track.id) ?? new Set<string>();
    failed.add(renditionReference(track, rendition).url);
    failedUrls.set(track.id, failed);
  }

  /**
   * Subscribes to one rendition's query; `onResult` hears every result until `stop`, the current
   * one as soon as `register` has filed the hold where `onResult` looks for it.
   */
  function hold(
    track: Track,
    rendition: Rendition,
    register: (own: Hold) => void,
    onResult: (result: QueryObserverResult<ResolvedSource>, own: Hold) => void,
  ): void {
    const reference = renditionReference(track, rendition);
    const observer = new QueryObserver(queryClient, trackSourceQuery(reference, settings));
    let stoppedHold = false;
    const own: Hold = {
      sourceUrl: reference.url,
      rendition,
      stop: () => {
        stoppedHold = true;
        unsubscribe();
      },
    };
    const listener = (result: QueryObserverResult<ResolvedSource>) => {
      if (!stoppedHold && !stopped) onResult(result, own);
    };
    const unsubscribe = observer.subscribe(listener);
    register(own);
    listener(observer.getCurrentResult());
  }

  const settledOf = (result: QueryObserverResult<ResolvedSource>) =>
    result.status === 'success' ? 'success' : result.status === 'error' && result.fetchStatus === 'idle' ? 'error' : undefined;

  function start(track: Track, rendition: Rendition, fallbackNote?: string): void {
    store.dispatch(trackLoadStarted(track.id));
    const { attempt } = selectLoadState(store.getState(), track.id);
    let settled = false;
    hold(track, rendition, (own) => holds.set(track.id, own), (result, self) => {
      if (settled || holds.get(track.id) !== self) return;
      const outcome = settledOf(result);
      if (outcome === 'success') {
        settled = true;
        const { kind, note = fallbackNote } = result.data as ResolvedSource;
        store.dispatch(trackLoadSucceeded({ id: track.id, attempt, source: note ? { kind, rendition, note } : { kind, rendition } }));
      } else if (outcome === 'error') {
        settled = true;
        drop(track.id);
        if (rendition === 'proxy') {
          // A proxy that cannot be had is no reason to show nothing: play the original.
          markFailed(track, rendition);
          start(track, 'original', `The preview proxy could not be loaded (${toLoadError(result.error).message}); playing the original.`);
          return;
        }
        // A failed track holds nothing: Retry starts over from the queue.
        store.dispatch(trackLoadFailed({ id: track.id, attempt, error: toLoadError(result.error) }));
      }
    });
  }

  /** Loads `rendition` for a ready track while it plays the other, then hands over. */
  function startSwitch(track: Track, rendition: Rendition): void {
    const { attempt } = selectLoadState(store.getState(), track.id);
    hold(track, rendition, (own) => switches.set(track.id, own), (result, self) => {
      if (switches.get(track.id) !== self) return;
      const outcome = settledOf(result);
      if (!outcome) return;
      switches.delete(track.id);
      const current = selectLoadState(store.getState(), track.id).source;
      if (outcome === 'success') {
        const previous = holds.get(track.id);
        holds.set(track.id, self);
        const { kind, note } = result.data as ResolvedSource;
        store.dispatch(trackRenditionSwitched({ id: track.id, attempt, source: note ? { kind, rendition, note } : { kind, rendition } }));
        previous?.stop();
      } else {
        self.stop();
        markFailed(track, rendition);
        if (current) {
          const why = `The ${renditionNames[rendition]} could not be loaded (${toLoadError(result.error).message}); playing the ${renditionNames[current.rendition]}.`;
          store.dispatch(trackRenditionSwitched({ id: track.id, attempt, source: { ...current, note: why } }));
        }
      }
    });
  }

  /** Starts or cancels rendition switches of the tracks that play their media. */
  function reconcileRenditions(state: ReturnType<typeof store.getState>): void {
    for (const [trackId, current] of holds) {
      const track = selectTrackById(state, trackId);
      if (!track || !holdsMedia(selectLoadState(state, trackId).status)) continue;
      const wanted = wantedRendition(state, track);
      const pending = switches.get(trackId);
      if (pending && pending.rendition !== wanted) {
        switches.delete(trackId);
        pending.stop();
      }
      if (current.rendition !== wanted && !switches.has(trackId)) startSwitch(track, wanted);
    }
  }

  function reconcileOnce(): void {
    const state = store.getState();
    const tracks = selectTracksInPaintOrder(state);
    // Seen: visible, and laid out (at least partly) on the composite. Only these hold media.
    const seen = new Set(selectTrackIdsToLoad(state));

    for (const [trackId, held] of [...holds]) {
      const track = selectTrackById(state, trackId);
      if (!track) failedUrls.delete(trackId);
      // Gone, not seen, or its media moved to another URL under it: nothing of the old one is kept.
      if (!track || !seen.has(trackId) || renditionReference(track, held.rendition).url !== held.sourceUrl) drop(trackId);
    }
    reconcileRenditions(state);

    const overBudget = new Set(planDecoders(state, settings.decoderBudget).suspended);
    let loading = 0;
    for (const track of tracks) {
      const { status } = selectLoadState(state, track.id);
      const isSeen = seen.has(track.id);
      if (isSeen && overBudget.has(track.id)) {
        // Over the decoder budget: nothing held, a still shown, until the budget has room.
        if (status !== 'suspended' && status !== 'error') {
          drop(track.id);
          if (status === 'idle' || status === 'released') store.dispatch(trackLoadRequested(track.id));
          store.dispatch(trackSuspended(track.id));
        }
      } else if (status === 'suspended') {
        // Suspended elsewhere too (the browser refused a player): let go of what it held first.
        drop(track.id);
        store.dispatch(isSeen ? trackLoadRequested(track.id) : trackSourceReleased(track.id));
      } else if (!isSeen) {
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
      start(track, wantedRendition(state, track));
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
