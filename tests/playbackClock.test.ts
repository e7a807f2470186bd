import { describe, expect, it } from 'vitest';
import {
  createCompositorStore,
  frameStepped,
  playbackPaused,
  playbackSettingsChanged,
  playbackStarted,
  playheadAdvanced,
  playheadSeeked,
  selectBufferingTrackNames,
  selectCompositeRunning,
  channelMuted,
  selectIsPlaying,
  selectPlayback,
  selectPlayheadMs,
  trackAdded,
  trackBufferingEnded,
  trackBufferingStarted,
  trackHidden,
  trackLoadRequested,
  trackLoadStarted,
  trackLoadSucceeded,
  type CompositorStoreLike,
} from '../src/state';
import { createPlaybackClock, type ClockEdgeWindow, type ClockTimers, type MasterTimeBase } from '../src/playback';

/** A clock connected to `store` for one test; `stop()` disconnects it as the provider's effect does. */
function connectedClock(store: CompositorStoreLike, timers: ClockTimers, window?: ClockEdgeWindow) {
  const clock = createPlaybackClock(store, timers, window);
  return Object.assign(clock, { stop: clock.connect() });
}

/** A wall clock and animation frames the test moves by hand. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const frames = new Map<number, (wallMs: number) => void>();
  const timers: ClockTimers = {
    now: () => now,
    requestFrame(callback) {
      frames.set(next, callback);
      return next++;
    },
    cancelFrame: (handle) => frames.delete(handle),
  };
  return {
    timers,
    pending: () => frames.size,
    /** Moves the wall clock by `ms` and runs the frames that were waiting. */
    advance(ms: number) {
      now += ms;
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback(now);
    },
  };
}

function storeWithReadyTrack(outMs = 10_000) {
  const store = createCompositorStore();
  store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: '/a.mp4' }, clip: { startMs: 0, outMs } }));
  store.dispatch(trackLoadRequested('a'));
  store.dispatch(trackLoadStarted('a'));
  store.dispatch(trackLoadSucceeded({ id: 'a', attempt: 1 }));
  return store;
}

describe('playback state', () => {
  it('plays, pauses, and seeks without going below zero', () => {
    const store = createCompositorStore();
    store.dispatch(playbackStarted());
    store.dispatch(playheadSeeked(1500));
    expect(selectPlayback(store.getState())).toMatchObject({ playheadMs: 1500, playing: true, seekRevision: 1 });
    store.dispatch(playheadSeeked(-20));
    store.dispatch(playbackPaused());
    expect(selectPlayback(store.getState())).toMatchObject({ playheadMs: 0, playing: false, seekRevision: 2 });
  });

  it('does not count a clock tick as a seek', () => {
    const store = createCompositorStore();
    store.dispatch(playheadAdvanced(40));
    expect(selectPlayback(store.getState())).toMatchObject({ playheadMs: 40, seekRevision: 0 });
  });

  it('steps whole frames onto the frame grid, pausing and counting a seek', () => {
    const store = createCompositorStore();
    store.dispatch(playbackStarted());
    store.dispatch(playheadAdvanced(1010));
    store.dispatch(frameStepped(1));
    expect(selectPlayback(store.getState())).toMatchObject({ playing: false, seekRevision: 1 });
    // 1010 ms is in frame 30 at 30 fps; one forward is the start of frame 31.
    expect(selectPlayheadMs(store.getState())).toBeCloseTo(1033.333, 2);
    store.dispatch(frameStepped(-1));
    expect(selectPlayheadMs(store.getState())).toBeCloseTo(1000, 6);
    store.dispatch(playbackSettingsChanged({ frameRate: 25 }));
    store.dispatch(frameStepped(-100));
    expect(selectPlayheadMs(store.getState())).toBe(0);
  });

  it('ignores a frame rate that is not a positive number', () => {
    const store = createCompositorStore();
    store.dispatch(playbackSettingsChanged({ frameRate: 0 }));
    store.dispatch(playbackSettingsChanged({ frameRate: Number.NaN }));
    expect(selectPlayback(store.getState()).frameRate).toBe(30);
  });
});

describe('given a composite with one ready track', () => {
  it('stops while a visible track buffers, and runs again when it catches up', () => {
    const store = storeWithReadyTrack();
    store.dispatch(playbackStarted());
    expect(selectCompositeRunning(store.getState())).toBe(true);
    store.dispatch(trackBufferingStarted({ id: 'a', attempt: 1 }));
    expect(selectIsPlaying(store.getState())).toBe(true);
    expect(selectCompositeRunning(store.getState())).toBe(false);
    store.dispatch(trackBufferingEnded({ id: 'a', attempt: 1 }));
    expect(selectCompositeRunning(store.getState())).toBe(true);
  });

  it('stops while a heard sound track is not ready to play, and not for one muted', () => {
    const store = storeWithReadyTrack();
    store.dispatch(trackAdded({ id: 'beeps', name: 'Beeps', kind: 'audio', source: { url: '/beeps.m4a' } }));
    store.dispatch(trackLoadRequested('beeps'));
    store.dispatch(trackLoadStarted('beeps'));
    store.dispatch(trackLoadSucceeded({ id: 'beeps', attempt: 1 }));
    store.dispatch(playbackStarted());
    store.dispatch(trackBufferingStarted({ id: 'beeps', attempt: 1 }));
    expect(selectCompositeRunning(store.getState())).toBe(false);
    expect(selectBufferingTrackNames(store.getState())).toEqual(['Beeps']);
    store.dispatch(channelMuted({ id: 'beeps', muted: true }));
    expect(selectCompositeRunning(store.getState())).toBe(true);
  });

  it('keeps running past a buffering track when told not to wait', () => {
    const store = storeWithReadyTrack();
    store.dispatch(playbackSettingsChanged({ waitForBuffering: false }));
    store.dispatch(playbackStarted());
    store.dispatch(trackBufferingStarted({ id: 'a', attempt: 1 }));
    expect(selectCompositeRunning(store.getState())).toBe(true);
  });

  it('does not wait for a buffering track that is hidden', () => {
    const store = storeWithReadyTrack();
    store.dispatch(playbackStarted());
    store.dispatch(trackBufferingStarted({ id: 'a', attempt: 1 }));
    store.dispatch(trackHidden('a'));
    expect(selectCompositeRunning(store.getState())).toBe(true);
  });
});

describe('the master clock', () => {
  it('moves the playhead from the wall clock while playing, and holds it while paused', () => {
    const store = storeWithReadyTrack();
    const { timers, advance, pending } = manualTimers();
    const clock = connectedClock(store, timers);
    advance(100);
    expect(clock.snapshot()).toBe(0);
    store.dispatch(playbackStarted());
    advance(16);
    advance(17);
    expect(clock.snapshot()).toBe(33);
    expect(clock.playheadAt(timers.now() + 7)).toBe(40);
    store.dispatch(playbackPaused());
    expect(pending()).toBe(0);
    // Pausing writes where it stopped to the store: the time last drawn for (7 ms ahead), whose frame is on screen.
    expect(selectPlayheadMs(store.getState())).toBe(40);
    advance(500);
    expect(clock.snapshot()).toBe(40);
    clock.stop();
  });

  it('given a track playing between clip edges, leaves the store alone frame after frame', () => {
    const store = storeWithReadyTrack(10_000);
    const { timers, advance } = manualTimers();
    const clock = connectedClock(store, timers);
    let storeChanges = 0;
    store.subscribe(() => (storeChanges += 1));
    let clockFrames = 0;
    clock.subscribe(() => (clockFrames += 1));
    store.dispatch(playbackStarted());
    storeChanges = 0;
    for (let frame = 0; frame < 120; frame += 1) advance(1000 / 60);
    expect(clockFrames).toBeGreaterThanOrEqual(120);
    expect(storeChanges).toBe(0);
    expect(selectPlayheadMs(store.getState())).toBe(0);
    expect(clock.snapshot()).toBeCloseTo(2000, 6);
    clock.stop();
  });

  it('writes the playhead to the store when it crosses a clip edge or the preroll before one', () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: '/a.mp4' }, clips: [{ startMs: 0, outMs: 1000 }, { startMs: 1500, inMs: 3000, outMs: 4000 }] }));
    const { timers, advance } = manualTimers();
    const clock = connectedClock(store, timers, { aheadMs: 300, behindMs: 0 });
    const reported: number[] = [];
    store.subscribe(() => reported.push(selectPlayheadMs(store.getState())));
    store.dispatch(playbackStarted());
    reported.length = 0;
    for (let frame = 0; frame < 100; frame += 1) advance(20);
    // Edges: the first clip's end at 1000, the preroll of the second at 1200, its start at 1500.
    expect([...new Set(reported)]).toEqual([1000, 1200, 1500]);
    clock.stop();
  });

  it('ignores the clips of hidden tracks when it looks for edges', () => {
    const store = storeWithReadyTrack(10_000);
    store.dispatch(trackAdded({ id: 'b', name: 'B', source: { url: '/b.mp4' }, clip: { startMs: 500, outMs: 600 }, visible: false }));
    const { timers, advance } = manualTimers();
    const clock = connectedClock(store, timers);
    store.dispatch(playbackStarted());
    let storeChanges = 0;
    store.subscribe(() => (storeChanges += 1));
    for (let frame = 0; frame < 50; frame += 1) advance(20);
    expect(storeChanges).toBe(0);
    clock.stop();
  });

  it('continues from a seek made while playing, and tells its listeners at once', () => {
    const store = storeWithReadyTrack();
    const { timers, advance } = manualTimers();
    const clock = connectedClock(store, timers);
    const heard: number[] = [];
    clock.subscribe(() => heard.push(clock.snapshot()));
    store.dispatch(playbackStarted());
    advance(100);
    store.dispatch(playheadSeeked(5000));
    expect(heard.at(-1)).toBe(5000);
    advance(50);
    expect(clock.snapshot()).toBe(5050);
    clock.stop();
  });

  it('stops where it is while a track buffers, and goes on from there', () => {
    const store = storeWithReadyTrack();
    const { timers, advance } = manualTimers();
    const clock = connectedClock(store, timers);
    store.dispatch(playbackStarted());
    advance(200);
    store.dispatch(trackBufferingStarted({ id: 'a', attempt: 1 }));
    expect(clock.running).toBe(false);
    expect(selectPlayheadMs(store.getState())).toBe(200);
    advance(1000);
    expect(clock.snapshot()).toBe(200);
    store.dispatch(trackBufferingEnded({ id: 'a', attempt: 1 }));
    advance(100);
    expect(clock.snapshot()).toBe(300);
    clock.stop();
  });

  it('steps from the frame on screen when paused first, not from the last edge', () => {
    const store = storeWithReadyTrack();
    const { timers, advance } = manualTimers();
    const clock = connectedClock(store, timers);
    store.dispatch(playbackStarted());
    advance(1010);
    store.dispatch(playbackPaused());
    store.dispatch(frameStepped(1));
    expect(selectPlayheadMs(store.getState())).toBeCloseTo(1033.333, 2);
    expect(clock.snapshot()).toBeCloseTo(1033.333, 2);
    clock.stop();
  });

  it('pauses at the end of the timeline', () => {
    const store = storeWithReadyTrack(1000);
    const { timers, advance, pending } = manualTimers();
    const clock = connectedClock(store, timers);
    store.dispatch(playbackStarted());
    advance(600);
    advance(600);
    expect(selectPlayheadMs(store.getState())).toBe(1000);
    expect(clock.snapshot()).toBe(1000);
    expect(selectIsPlaying(store.getState())).toBe(false);
    expect(pending()).toBe(0);
    clock.stop();
  });

  it('lets go of the store and its frames when stopped', () => {
    const store = storeWithReadyTrack();
    const { timers, advance, pending } = manualTimers();
    const clock = connectedClock(store, timers);
    store.dispatch(playbackStarted());
    clock.stop();
    expect(pending()).toBe(0);
    advance(100);
    store.dispatch(playheadSeeked(0));
    advance(100);
    expect(selectPlayheadMs(store.getState())).toBe(0);
  });
});

/** An audio output as the clock sees it: its time runs at `rate` of the wall's, from `offsetMs`. */
function audioOutput(wall: { now(): number }) {
  let running = false;
  let stalled = false;
  let rate = 1;
  let offsetMs = 500;
  const startLatencyMs = 80;
  const listeners = new Set<() => void>();
  const base: MasterTimeBase = {
    timeAt: (wallMs) => (running && !stalled ? offsetMs + wallMs * rate : undefined),
    startTimeAt: (wallMs) => (running && !stalled ? offsetMs + wallMs * rate + startLatencyMs : undefined),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    base,
    startLatencyMs,
    start() {
      running = true;
      for (const listener of listeners) listener();
    },
    /** Its time stops moving while it says it runs (WebKitGTK without an audio device). */
    stall() {
      stalled = true;
      for (const listener of listeners) listener();
    },
    /** It reads another source, whose time is `ms` off the last one's (the output's timestamp found unusable). */
    resource(ms: number) {
      offsetMs += ms;
      for (const listener of listeners) listener();
    },
    /** Its time leaps ahead by `ms` at once, the same source (WebKitGTK's output catching up after it stood still). */
    leap(ms: number) {
      offsetMs += ms;
    },
    /** The output's clock runs fast or slow against the wall (two crystals never agree). */
    drift(newRate: number) {
      offsetMs += wall.now() * (rate - newRate);
      rate = newRate;
    },
  };
}

/** A ready track's store and a clock on an audio output, connected; the output running or not yet. */
function clockOnOutput(outputRunning: boolean) {
  const { timers, advance } = manualTimers();
  const output = audioOutput(timers);
  if (outputRunning) output.start();
  const store = storeWithReadyTrack();
  const clock = createPlaybackClock(store, timers, undefined, output.base);
  return { advance, output, store, clock, stop: clock.connect() };
}

describe('given the audio output as the time base', () => {
  it('holds the playhead until sound started now can be heard, then follows the output, not the wall', () => {
    const { advance, output, store, clock, stop } = clockOnOutput(true);
    store.dispatch(playheadSeeked(1000));
    store.dispatch(playbackStarted());
    expect(clock.timeBaseAnchor()).toEqual({ playheadMs: 1000, baseMs: 500 + output.startLatencyMs });
    expect(clock.holdRemainingMs()).toBe(output.startLatencyMs);
    advance(50);
    expect(clock.playheadAt()).toBe(1000);
    expect(clock.holdRemainingMs()).toBe(output.startLatencyMs - 50);
    advance(80);
    expect(clock.playheadAt()).toBe(1050);
    expect(clock.holdRemainingMs()).toBe(0);
    // The output runs 1% slow: the playhead follows it, so pictures follow what is heard.
    output.drift(0.99);
    advance(1000);
    expect(clock.playheadAt()).toBeCloseTo(1050 + 990, 6);
    stop();
  });

  it('goes on from where it is, without a jump, when the output starts during playback: held until the sound can be heard', () => {
    const { advance, output, store, clock, stop } = clockOnOutput(false);
    store.dispatch(playbackStarted());
    advance(400);
    expect(clock.timeBaseAnchor()).toBeUndefined();
    expect(clock.playheadAt()).toBe(400);
    output.start();
    const anchor = clock.timeBaseAnchor();
    expect(anchor?.playheadMs).toBe(400);
    advance(output.startLatencyMs);
    expect(clock.playheadAt()).toBe(400);
    advance(100);
    expect(clock.playheadAt()).toBe(500);
    stop();
  });

  it('never gives a later time an earlier playhead: a renderer drawing ahead keeps its order when the output starts, until a seek', () => {
    const { advance, output, store, clock, stop } = clockOnOutput(false);
    store.dispatch(playbackStarted());
    // The canvas renderer asks for the playhead at its frame's display time, ahead of now.
    const ahead = () => clock.playheadAt(performanceNow() + 33);
    let now = 0;
    const performanceNow = () => now;
    advance(400);
    now = 400;
    expect(ahead()).toBe(433);
    output.start();
    const drawn: number[] = [];
    for (let frame = 0; frame < 20; frame += 1) {
      advance(16);
      now += 16;
      drawn.push(ahead());
    }
    expect(drawn, 'never before a time already drawn').toEqual(drawn.map((ms) => Math.max(ms, 433)));
    expect(drawn).toEqual([...drawn].sort((a, b) => a - b));
    // Once the sound is heard the playhead moves on from there.
    expect(drawn.at(-1)).toBeGreaterThan(433);
    // A seek back starts over: the earlier time is given.
    store.dispatch(playheadSeeked(100));
    advance(output.startLatencyMs + 10);
    now += output.startLatencyMs + 10;
    expect(clock.playheadAt()).toBeLessThan(200);
    stop();
  });

  it('stops at the time a renderer drew ahead to, not short of it, so the frame on screen stays', () => {
    const { advance, store, clock, stop } = clockOnOutput(false);
    store.dispatch(playbackStarted());
    advance(400);
    // Drawn for its display time, 33 ms ahead of now.
    expect(clock.playheadAt(400 + 33)).toBe(433);
    store.dispatch(playbackPaused());
    expect(selectPlayheadMs(store.getState())).toBe(433);
    expect(clock.playheadAt()).toBe(433);
    stop();
  });

  it('stops where it is when asked far ahead (a scheduler looking ahead is not drawing)', () => {
    const { advance, store, clock, stop } = clockOnOutput(false);
    store.dispatch(playbackStarted());
    advance(400);
    expect(clock.playheadAt(400 + 500)).toBe(900);
    store.dispatch(playbackPaused());
    expect(selectPlayheadMs(store.getState())).toBe(400);
    stop();
  });

  it('makes a new anchor at every seek and lets go of it when paused', () => {
    const { advance, store, clock, stop } = clockOnOutput(true);
    store.dispatch(playbackStarted());
    const first = clock.timeBaseAnchor();
    advance(200);
    store.dispatch(playheadSeeked(3000));
    const second = clock.timeBaseAnchor();
    expect(second).not.toBe(first);
    expect(second?.playheadMs).toBe(3000);
    store.dispatch(playbackPaused());
    expect(clock.timeBaseAnchor()).toBeUndefined();
    stop();
  });

  it("goes on by the wall clock, without a jump, when the output's time stops moving", () => {
    const { advance, output, store, clock, stop } = clockOnOutput(true);
    store.dispatch(playbackStarted());
    advance(output.startLatencyMs);
    advance(200);
    expect(clock.playheadAt()).toBe(200);
    output.stall();
    expect(clock.timeBaseAnchor()).toBeUndefined();
    advance(300);
    expect(clock.playheadAt()).toBe(500);
    stop();
  });

  it('goes on from where it was, held for a new start, when the output leaps ahead after standing still', () => {
    const { advance, output, store, clock, stop } = clockOnOutput(true);
    store.dispatch(playbackStarted());
    advance(output.startLatencyMs);
    advance(200);
    expect(clock.playheadAt()).toBe(200);
    const before = clock.timeBaseAnchor();
    output.leap(700);
    advance(16);
    // Not 900: the skipped time was never heard. Started again at 200 on the base, for sound too.
    const after = clock.timeBaseAnchor();
    expect(after).not.toBe(before);
    expect(after?.playheadMs).toBe(200);
    expect(clock.playheadAt()).toBe(200);
    advance(output.startLatencyMs);
    advance(100);
    expect(clock.playheadAt()).toBe(300);
    // Ordinary jitter is no leap.
    const steady = clock.timeBaseAnchor();
    output.leap(30);
    advance(16);
    expect(clock.timeBaseAnchor()).toBe(steady);
    stop();
  });

  it("is anchored again where it was, without a jump, when the output's time is read from another source", () => {
    const { advance, output, store, clock, stop } = clockOnOutput(true);
    store.dispatch(playbackStarted());
    advance(output.startLatencyMs);
    advance(200);
    const before = clock.timeBaseAnchor();
    output.resource(-35);
    expect(clock.timeBaseAnchor()).not.toBe(before);
    expect(clock.playheadAt()).toBe(200);
    advance(100);
    expect(clock.playheadAt()).toBe(300);
    stop();
  });
});
