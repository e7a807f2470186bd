import { QueryObserver, type QueryClient, type QueryObserverResult } from '@tanstack/react-query';
import {
  selectLoadState,
  selectTrackById,
  madeKinds,
  trackLoadFailed,
  trackLoadRequested,
  trackLoadStarted,
  trackLoadSucceeded,
  trackRenditionSwitched,
  renditionReference,
  type Rendition,
  trackSourceReleased,
  trackSuspended,
  type CompositorStoreLike,
  type Track,
} from '../state';
import { heldUrl, planLoads, type HeldSource } from './loadPlan';
import { watchReconnects } from './reconnects';
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
 * Runs the loader: after every store change (coalesced per microtask) it asks `planLoads` what to
 * do and carries it out: holds a rendition of a seen track's source by subscribing to its query,
 * reports each load's outcome to the store, and lets go of what is no longer wanted. The rules
 * live in the planner; this keeps the holds (the subscriptions) and the outcomes. Returns a
 * function that stops it and drops every hold.
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
    cancelSwitch(trackId);
    const hold = holds.get(trackId);
    if (!hold) return;
    holds.delete(trackId);
    // The last subscriber leaving a query cancels its download (its AbortSignal was read).
    hold.stop();
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
    if (madeKinds.has(track.kind)) {
      // A colour or a title reads no file: it is ready at once (its layer makes the picture).
      holds.set(track.id, { sourceUrl: heldUrl(track, rendition), rendition, stop: () => undefined });
      store.dispatch(trackLoadSucceeded({ id: track.id, attempt }));
      return;
    }
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

  /** What the planner needs to know of the holds: what each holds, and what it is switching to. */
  function heldSources(): Map<string, HeldSource> {
    const summary = new Map<string, HeldSource>();
    for (const [trackId, { sourceUrl, rendition }] of holds) {
      summary.set(trackId, { sourceUrl, rendition, switchingTo: switches.get(trackId)?.rendition });
    }
    return summary;
  }

  function cancelSwitch(trackId: string): void {
    const pending = switches.get(trackId);
    switches.delete(trackId);
    pending?.stop();
  }

  /** One pass: plan from the store and the holds, then carry the plan out in order. */
  function reconcileOnce(): void {
    const state = store.getState();
    for (const trackId of [...failedUrls.keys()]) if (!selectTrackById(state, trackId)) failedUrls.delete(trackId);
    for (const step of planLoads(state, heldSources(), settings, failedUrls)) {
      const track = selectTrackById(state, step.trackId);
      switch (step.do) {
        case 'drop':
          drop(step.trackId);
          break;
        case 'cancel-switch':
          cancelSwitch(step.trackId);
          break;
        case 'request':
          store.dispatch(trackLoadRequested(step.trackId));
          break;
        case 'suspend':
          store.dispatch(trackSuspended(step.trackId));
          break;
        case 'release':
          store.dispatch(trackSourceReleased(step.trackId));
          break;
        case 'start':
          if (track) start(track, step.rendition);
          break;
        case 'switch':
          if (track) startSwitch(track, step.rendition);
          break;
      }
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
  const stopReconnects = watchReconnects(store);
  reconcile();

  return () => {
    stopped = true;
    unsubscribeStore();
    stopReconnects();
    // Let go a task later: a loader that takes over at once (Strict Mode's second mount, a
    // provider re-created with new options) finds the downloads still running and shares them.
    setTimeout(() => {
      for (const trackId of [...holds.keys()]) drop(trackId);
    }, 0);
  };
}
