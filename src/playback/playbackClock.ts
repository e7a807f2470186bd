import {
  playbackPaused,
  playheadAdvanced,
  selectCompositeRunning,
  selectPlayheadMs,
  selectSeekRevision,
  selectTimelineDurationMs,
  type CompositorStoreLike,
} from '../state';

/** The master clock as elements read it: the playhead at a moment, finer than the store's ticks. */
export interface ClockReader {
  /** The playhead in ms at `wallMs` (a `performance.now()` reading; now by default). */
  playheadAt(wallMs?: number): number;
  readonly running: boolean;
}

export interface PlaybackClock extends ClockReader {
  stop(): void;
}

export interface ClockTimers {
  now(): number;
  requestFrame(callback: (wallMs: number) => void): number;
  cancelFrame(handle: number): void;
}

const browserTimers: ClockTimers = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(callback),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
};

/**
 * Runs the master clock over a compositor store. The playback slice is the truth: the clock
 * starts from its playhead when the composite starts running (played, and no track buffering),
 * re-anchors on every seek, writes the playhead back every animation frame, stops where it is
 * when the composite stops, and pauses at the end of the timeline.
 */
export function startPlaybackClock(store: CompositorStoreLike, timers: ClockTimers = browserTimers): PlaybackClock {
  let running = false;
  let anchorPlayheadMs = 0;
  let anchorWallMs = 0;
  let frame: number | undefined;
  let seekRevision = selectSeekRevision(store.getState());

  const playheadAt = (wallMs = timers.now()) =>
    running ? anchorPlayheadMs + Math.max(0, wallMs - anchorWallMs) : selectPlayheadMs(store.getState());

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
      return;
    }
    frame = timers.requestFrame(tick);
    store.dispatch(playheadAdvanced(playheadMs));
  };

  const follow = () => {
    const state = store.getState();
    const shouldRun = selectCompositeRunning(state);
    const revision = selectSeekRevision(state);
    if (revision !== seekRevision) {
      seekRevision = revision;
      if (running) anchor();
    }
    if (shouldRun && !running) {
      running = true;
      anchor();
      frame = timers.requestFrame(tick);
    } else if (!shouldRun && running) {
      const stoppedAt = playheadAt();
      halt();
      store.dispatch(playheadAdvanced(stoppedAt));
    }
  };

  const unsubscribe = store.subscribe(follow);
  follow();
  return {
    playheadAt,
    get running() {
      return running;
    },
    stop() {
      unsubscribe();
      halt();
    },
  };
}
