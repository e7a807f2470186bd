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
  /**
   * While running on a time base other than the wall clock (the audio output), where the playhead
   * meets it: the playhead `playheadMs` is heard at the base's time `baseMs`, and every later
   * playhead `p` at `baseMs + (p - playheadMs)`. A new object on every re-anchoring (play, seek,
   * the time base coming or going), so a sound scheduler compares identities to know when to
   * schedule again. `undefined` while stopped or on the wall clock.
   */
  timeBaseAnchor(): TimeBaseAnchor | undefined;
  /**
   * How long the playhead still holds after a start on the time base (play, a seek: until sound
   * started then can be heard), in ms at `wallMs`; 0 once it moves. A picture waits as long.
   */
  holdRemainingMs(wallMs?: number): number;
}

export interface TimeBaseAnchor {
  readonly playheadMs: number;
  readonly baseMs: number;
}

/**
 * A clock the playhead follows instead of the wall clock while it runs: the audio output, once
 * sound plays, so pictures follow what is heard rather than sound following pictures.
 */
export interface MasterTimeBase {
  /** The base's time, in ms, heard at the wall time `wallMs`; `undefined` while it is not running. */
  timeAt(wallMs: number): number | undefined;
  /**
   * The earliest base time at which something started at the wall time `wallMs` can be heard
   * (now plus the output's latency and a scheduling margin); the playhead holds until then.
   */
  startTimeAt(wallMs: number): number | undefined;
  /** Told when the base starts or stops running. */
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
 * no track buffering), re-anchors on every seek, moves on every animation frame from its time
 * base (the audio output while one runs, else the wall clock), and writes the playhead back only
 * when it crosses an edge of a seen track's clip (where loading and mounting change), when the
 * composite stops, and at the end of the timeline, where it pauses. Listeners outlive a
 * reconnection.
 */
export function createPlaybackClock(
  store: CompositorStoreLike,
  timers: ClockTimers = browserTimers,
  window: ClockEdgeWindow = { aheadMs: 0, behindMs: 0 },
  timeBase?: MasterTimeBase,
): PlaybackClock {
  let running = false;
  let anchorPlayheadMs = 0;
  let anchorWallMs = 0;
  // Set while the clock runs on the time base: the playhead moves with the base, not the wall.
  let baseAnchor: TimeBaseAnchor | undefined;
  let frame: number | undefined;
  let seekRevision = selectSeekRevision(store.getState());
  let shownMs = selectPlayheadMs(store.getState());
  let nextEdgeMs: number | undefined;
  /** The playhead of the last animation frame while running, and when. */
  let lastFrame: { wallMs: number; playheadMs: number } | undefined;
  /** The base's time when last read (at an anchoring or a frame), to tell a leap of it. */
  let baseSeen: { wallMs: number; baseMs: number } | undefined;
  const listeners = new Set<() => void>();
  const edgesOf = edgeFinder(window);
  /**
   * Playheads given out since the clock last started or jumped, by wall time (the latest few). A
   * later wall time never gets an earlier playhead: a renderer that drew a frame ahead (for its
   * display's latency) must not be handed an earlier time when the base comes and the playhead
   * holds for it, or when the output's time jitters (Firefox); it showed a frame, then the one
   * before it.
   */
  let given: { wallMs: number; playheadMs: number }[] = [];
  /** How far ahead of now a renderer draws at most (a refresh or two, `PictureBoard.leadMs`); asked further ahead, the clock is not drawing. */
  const drawAheadMs = 50;
  /** How much faster than the wall the base may move between two frames before it is a leap, not jitter. */
  const baseLeapMs = 150;
  const keptGiven = 16;
  const inOrder = (wallMs: number, playheadMs: number) => {
    let at = given.length;
    while (at > 0 && given[at - 1].wallMs > wallMs) at -= 1;
    const before = given[at - 1];
    const after = given[at];
    let ms = before ? Math.max(playheadMs, before.playheadMs) : playheadMs;
    if (after) ms = Math.min(ms, after.playheadMs);
    // The same wall time asked again keeps its latest answer, so later times are measured against it.
    if (before?.wallMs === wallMs) before.playheadMs = ms;
    else given.splice(at, 0, { wallMs, playheadMs: ms });
    if (given.length > keptGiven) given.shift();
    return ms;
  };

  const playheadAt = (wallMs = timers.now()): number => {
    if (!running) return selectPlayheadMs(store.getState());
    const baseMs = baseAnchor && timeBase?.timeAt(wallMs);
    if (baseAnchor && baseMs !== undefined) return inOrder(wallMs, baseAnchor.playheadMs + Math.max(0, baseMs - baseAnchor.baseMs));
    return inOrder(wallMs, anchorPlayheadMs + Math.max(0, wallMs - anchorWallMs));
  };

  const show = (ms: number) => {
    if (ms === shownMs) return;
    shownMs = ms;
    for (const listener of [...listeners]) listener();
  };

  /**
   * Starts the playhead at `playheadMs` now. With `holdForBase` (play, seek, the base coming) it
   * holds until the time base can first be heard, so sound scheduled for it is on time.
   */
  const anchor = (playheadMs: number, holdForBase: boolean) => {
    anchorPlayheadMs = playheadMs;
    anchorWallMs = timers.now();
    const baseMs = holdForBase ? timeBase?.startTimeAt(anchorWallMs) : timeBase?.timeAt(anchorWallMs);
    baseAnchor = baseMs === undefined ? undefined : { playheadMs, baseMs };
    const nowMs = baseAnchor && timeBase?.timeAt(anchorWallMs);
    baseSeen = nowMs === undefined ? undefined : { wallMs: anchorWallMs, baseMs: nowMs };
  };

  // The base came or went while running: continue from where the playhead is, on the new base.
  // Coming (the first Play starts the sound a few tens of ms after the picture), the playhead
  // holds until sound started now can be heard, so the first moment of sound is not cut. A base
  // that stays but now reads another source (the output's timestamp found unusable) is anchored
  // again where the last frame's playhead has moved on to by the wall clock, so it does not jump;
  // so is one whose base went (its time stopped moving), since the base can no longer say where.
  const rebase = () => {
    if (!running) return;
    const wallMs = timers.now();
    const onBase = timeBase?.timeAt(wallMs) !== undefined;
    const wasOnBase = baseAnchor !== undefined;
    if (onBase === wasOnBase && !onBase) return;
    const from = wasOnBase && lastFrame ? lastFrame.playheadMs + Math.max(0, wallMs - lastFrame.wallMs) : playheadAt();
    anchor(from, onBase && !wasOnBase);
  };

  const halt = () => {
    running = false;
    given = [];
    baseAnchor = undefined;
    baseSeen = undefined;
    lastFrame = undefined;
    if (frame !== undefined) timers.cancelFrame(frame);
    frame = undefined;
  };

  /**
   * Whether the base leapt ahead of the wall since the last frame: an output that stood still
   * (opening its device, or starved) and then caught its time up at once, as WebKitGTK's does
   * (its context time stops ~100 ms after resuming, for ~700 ms, then jumps ahead by as much).
   * Nothing was heard of the time it skipped.
   */
  const baseLeapt = (wallMs: number, baseMs: number | undefined) =>
    baseMs !== undefined && baseSeen !== undefined && baseMs - baseSeen.baseMs > wallMs - baseSeen.wallMs + baseLeapMs;

  const tick = (wallMs: number) => {
    frame = undefined;
    if (!running) return;
    const durationMs = selectTimelineDurationMs(store.getState());
    const at = Math.max(wallMs, anchorWallMs);
    const baseMs = baseAnchor && timeBase?.timeAt(at);
    // The playhead goes on from where it was, held for a new start as at Play, so sound started
    // again is heard from there, in sync, rather than the skipped time cut from sound and picture.
    if (baseLeapt(at, baseMs)) anchor(lastFrame?.playheadMs ?? anchorPlayheadMs, true);
    else if (baseMs !== undefined) baseSeen = { wallMs: at, baseMs };
    const playheadMs = playheadAt(at);
    lastFrame = { wallMs: at, playheadMs };
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
      given = [];
      if (running) anchor(selectPlayheadMs(state), true);
      lastFrame = undefined;
    }
    if (shouldRun && !running) {
      running = true;
      jumped = true;
      given = [];
      anchor(selectPlayheadMs(state), true);
      frame = timers.requestFrame(tick);
    } else if (!shouldRun && running) {
      // Where it is now, or the furthest a renderer drew ahead of now for its display's latency
      // (that frame is on screen): stopped short of it, the composite would step back a frame.
      const nowMs = timers.now();
      const drawn = given.filter(({ wallMs }) => wallMs <= nowMs + drawAheadMs).map(({ playheadMs }) => playheadMs);
      const stoppedAt = Math.max(playheadAt(nowMs), ...drawn);
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
    timeBaseAnchor: () => baseAnchor,
    holdRemainingMs(wallMs = timers.now()) {
      const baseMs = baseAnchor && timeBase?.timeAt(wallMs);
      return baseAnchor && baseMs !== undefined ? Math.max(0, baseAnchor.baseMs - baseMs) : 0;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect() {
      seekRevision = selectSeekRevision(store.getState());
      const unsubscribe = store.subscribe(follow);
      const unsubscribeBase = timeBase?.subscribe(rebase);
      follow();
      return () => {
        unsubscribe();
        unsubscribeBase?.();
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
