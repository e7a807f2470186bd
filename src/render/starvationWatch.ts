import { mediaStoppedError, toLoadError } from '../sources';
import {
  selectCompositeRunning,
  selectLoadState,
  trackBufferingEnded,
  trackBufferingStarted,
  trackLoadFailed,
  type CompositorStoreLike,
} from '../state';
import { createBufferingObserver } from './bufferingObserver';
import { createNetworkStallWatch } from './networkStall';

/** What a renderer's playing layer tells the watch: the one part each renderer has its own way of knowing. */
export interface StarvingLayer {
  /** Whether it could play on from where it is: its element has data, or its frame at the playhead is shown. */
  canPlayOn(): boolean;
  /** Whether its reader is fetching bytes now. */
  fetching(): boolean;
  /**
   * Calls `changed` whenever `canPlayOn` may have changed (its element's media events; the canvas
   * renderer calls `evaluate` itself) and `bytes` when bytes arrive; returns the stop.
   */
  listen(changed: () => void, bytes: () => void): () => void;
}

export interface StarvationWatchSetup {
  trackId: string;
  /** The track's load attempt as it is now, so a report cannot land on a later attempt. */
  attempt(): number;
  /** The file the layer reads, for the error a stalled stream fails with. */
  url: string;
  graceMs: number;
  noBytesMs: number;
  layer: StarvingLayer;
  /** Told when the track starts to buffer, after the store hears it. */
  onStarved?(): void;
}

/** Started while a layer wants to play; `evaluate` looks again now, `stop` ends it. */
export interface StarvationWatch {
  evaluate(): void;
  stop(): void;
}

/**
 * While a layer plays: starved for longer than the grace while the composite runs, its track says
 * Buffering and the composite waits for it; once it can play on, it plays on. Buffering while its
 * reader waits for bytes that never come (a server that hung), it fails as a network fault and
 * reconnects, rather than wait for ever. Both renderers compose this over their layer
 * (`StarvingLayer`); stopped, a layer that was buffering no longer holds the composite back.
 */
export function watchStarvation(store: CompositorStoreLike, setup: StarvationWatchSetup): StarvationWatch {
  const { trackId, attempt, url, layer } = setup;
  const statusNow = () => selectLoadState(store.getState(), trackId).status;
  const setTimer = (callback: () => void, ms: number) => setTimeout(callback, ms);
  const clearTimer = (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>);
  const observer = createBufferingObserver({
    graceMs: setup.graceMs,
    canPlayOn: layer.canPlayOn,
    status: statusNow,
    compositeRunning: () => selectCompositeRunning(store.getState()),
    onStarved: () => {
      store.dispatch(trackBufferingStarted({ id: trackId, attempt: attempt() }));
      setup.onStarved?.();
    },
    onRecovered: () => store.dispatch(trackBufferingEnded({ id: trackId, attempt: attempt() })),
    setTimer,
    clearTimer,
  });
  const stall = createNetworkStallWatch({
    noBytesMs: setup.noBytesMs,
    fetching: layer.fetching,
    onGone: () => store.dispatch(trackLoadFailed({ id: trackId, attempt: attempt(), error: toLoadError(mediaStoppedError(url, setup.noBytesMs)) })),
    setTimer,
    clearTimer,
  });
  const stopListening = layer.listen(observer.evaluate, stall.bytesArrived);
  const unsubscribe = store.subscribe(() => {
    stall.buffering(statusNow() === 'buffering');
    if (statusNow() === 'buffering') observer.evaluate();
  });
  observer.evaluate();
  stall.buffering(statusNow() === 'buffering');
  return {
    evaluate: observer.evaluate,
    stop() {
      stopListening();
      unsubscribe();
      stall.stop();
      observer.stop();
      if (statusNow() === 'buffering') store.dispatch(trackBufferingEnded({ id: trackId, attempt: attempt() }));
    },
  };
}
