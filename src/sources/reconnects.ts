import {
  isTransientLoadError,
  reconnectLimit,
  holdsMedia,
  selectLoadStates,
  trackReconnected,
  trackReconnectRequested,
  type CompositorStoreLike,
} from '../state';

/** How long a reconnected track holds its media before its count of tries starts again. */
export const reconnectSettleMs = 10_000;

/** The wait before a failed track's next try by itself: 1, 2, 4, then 8 s (hls.js-like). */
export function reconnectDelayMs(tries: number): number {
  return Math.min(8000, 1000 * 2 ** tries);
}

/**
 * Tries again, by itself, every track that failed with a fault that may pass (a dropped
 * connection, a 5xx, a server that sent nothing for a while), after a back-off and at once when
 * the browser says it is back online, up to `reconnectLimit` tries; then Retry is a person's.
 * The track says Reconnecting meanwhile (`selectLayerStatus`). Returns a function that stops it.
 */
/**
 * One timer per track while the track is wanted: a timer for a track no longer wanted is cleared,
 * a wanted track gets one (its delay read when it starts), and a fired timer is forgotten.
 */
function trackTimers(fire: (trackId: string) => void) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    keep(wanted: ReadonlyMap<string, number>): void {
      for (const [trackId, timer] of timers) {
        if (wanted.has(trackId)) continue;
        clearTimeout(timer);
        timers.delete(trackId);
      }
      for (const [trackId, delayMs] of wanted) {
        if (timers.has(trackId)) continue;
        timers.set(
          trackId,
          setTimeout(() => {
            timers.delete(trackId);
            fire(trackId);
          }, delayMs),
        );
      }
    },
    stop(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export function watchReconnects(store: CompositorStoreLike, target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined = globalThis.window): () => void {
  const tries = trackTimers((trackId) => store.dispatch(trackReconnectRequested(trackId)));
  // Tracks back with their media after tries: once they hold it a while, their count restarts.
  const settling = trackTimers((trackId) => store.dispatch(trackReconnected(trackId)));

  const waiting = () =>
    Object.entries(selectLoadStates(store.getState())).filter(
      ([, load]) => load.status === 'error' && isTransientLoadError(load.error) && (load.reconnects ?? 0) < reconnectLimit,
    );

  function sync(): void {
    const loads = Object.entries(selectLoadStates(store.getState()));
    settling.keep(new Map(loads.filter(([, load]) => holdsMedia(load.status) && (load.reconnects ?? 0) > 0).map(([trackId]) => [trackId, reconnectSettleMs])));
    tries.keep(new Map(waiting().map(([trackId, load]) => [trackId, reconnectDelayMs(load.reconnects ?? 0)])));
  }

  // Back online: no reason to wait out the back-off.
  const onOnline = () => {
    for (const [trackId] of waiting()) store.dispatch(trackReconnectRequested(trackId));
  };

  const unsubscribe = store.subscribe(sync);
  target?.addEventListener('online', onOnline);
  sync();
  return () => {
    unsubscribe();
    target?.removeEventListener('online', onOnline);
    tries.stop();
    settling.stop();
  };
}
