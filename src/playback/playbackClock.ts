import {
  nextEdgeAfter,
  playbackPaused,
  playheadAdvanced,
  playheadEdges,
  selectCompositeRunning,
  selectPlayheadMs,
  selectSeekRevision,
  selectTimelineDurationMs,
  selectSeenTracksInPaintOrder,
  type CompositorRootState,
  type CompositorStoreLike,
  type Track,
} from '../state';

/**
 * The master clock as the rest of the kit reads it. The moving playhead lives here, not in the
 * store: the store hears of it only at events (a pause, a clip edge, the end), so store
 * subscribers do not run on every frame. What shows the moving playhead subscribes to the clock.
 */
export interface ClockReader {
  /** The playhead in ms at `wallMs` (a `performance.now()` reading; now by default). */
  playheadAt(wallMs?: number): number;
  readonly running: boolean;
  /**
   * The playhead as of the last animation frame while running, else the store's: a value that
   * stays put between notifications, as `useSyncExternalStore` needs.
   */
  snapshot(): number;
  /** Calls `listener` on every animation frame while running, and when the playhead jumps; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** A clock and its connection to a store: it moves only while connected. */
export interface PlaybackClock extends ClockReader {
  /** Follows the store until the returned function is called (a provider's effect, so Strict Mode's remount reconnects). */
  connect(): () => void;
}

export interface ClockTimers {
  now(): number;
  requestFrame(callback: (wallMs: number) => void): number;
  cancelFrame(handle: number): void;
}

/** Around the playhead, what the clock must report to the store for mounting to follow it. */
export interface ClockEdgeWindow {
  /** The preroll: runs mount this long before their start while playing (`playback.prerollMs`). */
  aheadMs: number;
  /** Runs stay this long after their end (`playback.keepBehindMs`). */
  behindMs: number;
}

const browserTimers: ClockTimers = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(callback),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
};

/**
 * The master clock of a compositor store. The playback slice holds the playhead of the last
 * event; once connected, the clock starts from it when the composite starts running (played, and
 * no track buffering), re-anchors on every seek, moves on from the wall clock every animation
 * frame, and writes the playhead back only when it crosses an edge of a seen track's clip
 * (where loading and mounting change), when the composite stops, and at the end of the timeline,
 * where it pauses. Listeners outlive a reconnection.
 */
export function createPlaybackClock(
  store: CompositorStoreLike,
  timers: ClockTimers = browserTimers,
  window: ClockEdgeWindow = { aheadMs: 0, behindMs: 0 },
): PlaybackClock {
  let running = false;
  let anchorPlayheadMs = 0;
  let anchorWallMs = 0;
  let frame: number | undefined;
  let seekRevision = selectSeekRevision(store.getState());
  let shownMs = selectPlayheadMs(store.getState());
  let nextEdgeMs: number | undefined;
  const listeners = new Set<() => void>();
  const edgesOf = edgeFinder(window);

  const playheadAt = (wallMs = timers.now()) =>
    running ? anchorPlayheadMs + Math.max(0, wallMs - anchorWallMs) : selectPlayheadMs(store.getState());

  const show = (ms: number) => {
    if (ms === shownMs) return;
    shownMs = ms;
    for (const listener of [...listeners]) listener();
  };

  const anchor = () => {
    anchorPlayheadMs = selectPlayheadMs(store.getState());
    anchorWallMs = timers.now();
  };

  const halt = () => {
    running = false;
    if (frame !== undefined) timers.cancelFrame(frame);
    frame = undefined;
  };

  const tick = (wallMs: number) => {
    frame = undefined;
    if (!running) return;
    const durationMs = selectTimelineDurationMs(store.getState());
    const playheadMs = playheadAt(Math.max(wallMs, anchorWallMs));
    if (durationMs > 0 && playheadMs >= durationMs) {
      halt();
      store.dispatch(playheadAdvanced(durationMs));
      store.dispatch(playbackPaused());
      show(durationMs);
      return;
    }
    frame = timers.requestFrame(tick);
    if (nextEdgeMs !== undefined && playheadMs >= nextEdgeMs) store.dispatch(playheadAdvanced(playheadMs));
    show(playheadMs);
  };

  const follow = () => {
    const state = store.getState();
    const shouldRun = selectCompositeRunning(state);
    const revision = selectSeekRevision(state);
    let jumped = false;
    if (revision !== seekRevision) {
      seekRevision = revision;
      jumped = true;
      if (running) anchor();
    }
    if (shouldRun && !running) {
      running = true;
      jumped = true;
      anchor();
      frame = timers.requestFrame(tick);
    } else if (!shouldRun && running) {
      const stoppedAt = playheadAt();
      halt();
      store.dispatch(playheadAdvanced(stoppedAt));
    }
    // Tracks or clips may have changed: the next edge is worked out again from the store's playhead.
    nextEdgeMs = nextEdgeAfter(edgesOf(state), selectPlayheadMs(store.getState()));
    if (!running) show(selectPlayheadMs(store.getState()));
    else if (jumped) show(playheadAt());
  };

  return {
    playheadAt,
    get running() {
      return running;
    },
    snapshot: () => shownMs,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect() {
      seekRevision = selectSeekRevision(store.getState());
      const unsubscribe = store.subscribe(follow);
      follow();
      return () => {
        unsubscribe();
        halt();
      };
    },
  };
}

/** The edges of the seen tracks' clips (visible, on the composite), worked out again only when those tracks change. */
function edgeFinder({ aheadMs, behindMs }: ClockEdgeWindow): (state: CompositorRootState) => readonly number[] {
  let tracks: readonly Track[] | undefined;
  let edges: readonly number[] = [];
  return (state) => {
    const seen = selectSeenTracksInPaintOrder(state);
    if (seen !== tracks) {
      tracks = seen;
      edges = playheadEdges(seen.map((track) => track.clips), aheadMs, behindMs);
    }
    return edges;
  };
}
