import { describe, expect, it, vi } from 'vitest';
import { createBufferingObserver } from '../src/render/bufferingObserver';
import { createDriftController, type SeekLead } from '../src/render/elements/driftController';
import { defaultDriftPolicy } from '../src/render/elements/driftPolicy';
import { createMediaTimeOffset } from '../src/render/elements/mediaTimeOffset';
import { createStallDetector } from '../src/render/elements/stallDetector';

/** An element as the sync modules see it, moved by hand. */
function fakeElement() {
  return { currentTime: 0, seeking: false, ended: false, paused: false, playbackRate: 1 };
}

describe('the stall detector', () => {
  it('given an element that plays but presents nothing, sends it to the clock once the stall lasts', () => {
    const element = fakeElement();
    let now = 0;
    const onStall = vi.fn();
    const detector = createStallDetector(element, { stallMs: 500, now: () => now, onPaused: vi.fn(), onStall });
    for (now = 100; now <= 400; now += 100) detector.check();
    expect(onStall).not.toHaveBeenCalled();
    now = 500;
    detector.check();
    expect(onStall).toHaveBeenCalledTimes(1);
    // It waits a whole stall again before asking twice.
    now = 600;
    detector.check();
    expect(onStall).toHaveBeenCalledTimes(1);
  });

  it('leaves a moving, seeking or ended element alone, and plays a paused one again', () => {
    const element = fakeElement();
    let now = 0;
    const onStall = vi.fn();
    const onPaused = vi.fn();
    const detector = createStallDetector(element, { stallMs: 200, now: () => now, onPaused, onStall });
    for (now = 100; now <= 1000; now += 100) {
      element.currentTime += 0.1;
      detector.check();
    }
    element.seeking = true;
    for (; now <= 2000; now += 100) detector.check();
    element.seeking = false;
    element.paused = true;
    now += 1000;
    detector.check();
    expect(onStall).not.toHaveBeenCalled();
    expect(onPaused).toHaveBeenCalledTimes(1);
  });
});

describe('the drift controller', () => {
  function controller(expected: number, lead: SeekLead = { seconds: 0 }) {
    const element = fakeElement();
    let now = 1000;
    const seek = vi.fn();
    const checks: string[] = [];
    const drift = createDriftController(
      {
        policy: defaultDriftPolicy,
        expectedAt: () => expected,
        frameSeconds: () => 1 / 30,
        now: () => now,
        seek,
        setRate: (rate) => {
          element.playbackRate = rate;
        },
        get rate() {
          return element.playbackRate;
        },
        onCheck: (check) => checks.push(check.correction),
      },
      lead,
    );
    return { drift, element, seek, checks, lead, advance: (ms: number) => (now += ms) };
  }

  it('leaves an element on the frame the clock names alone', () => {
    const { drift, element, seek, checks } = controller(2);
    drift.onFrame(0, 2 - 1 / 60);
    expect(element.playbackRate).toBe(1);
    expect(seek).not.toHaveBeenCalled();
    expect(checks).toEqual(['in-sync']);
  });

  it('nudges the rate of an element a few frames behind, within the policy, and back to 1 once caught up', () => {
    const { drift, element } = controller(2);
    drift.onFrame(0, 2 - 3 / 30);
    expect(element.playbackRate).toBeGreaterThan(1);
    expect(element.playbackRate).toBeLessThanOrEqual(1 + defaultDriftPolicy.maxRateNudge);
    drift.onFrame(0, 2 - 1 / 60);
    expect(element.playbackRate).toBe(1);
  });

  it('seeks an element far off, aimed ahead by what its last seek took', () => {
    const { drift, seek, advance, lead } = controller(5);
    drift.onFrame(0, 1);
    expect(seek).toHaveBeenLastCalledWith(5);
    // The seek landed 200 ms later: the next one aims ahead by part of that.
    advance(200);
    drift.onFrame(0, 5 - 1 / 60);
    expect(lead.seconds).toBeCloseTo(0.1, 6);
    drift.onFrame(0, 1);
    expect(seek).toHaveBeenLastCalledWith(5.1);
  });
});

describe('the buffering observer', () => {
  function observer(initial: { canPlayOn: boolean; status: string; running: boolean }) {
    const world = { ...initial };
    const timers: Array<() => void> = [];
    const onStarved = vi.fn();
    const onRecovered = vi.fn();
    const watch = createBufferingObserver({
      graceMs: 250,
      canPlayOn: () => world.canPlayOn,
      status: () => world.status,
      compositeRunning: () => world.running,
      onStarved,
      onRecovered,
      setTimer: (callback) => timers.push(callback),
      clearTimer: () => timers.splice(0),
    });
    return { world, watch, onStarved, onRecovered, fireTimers: () => timers.splice(0).forEach((timer) => timer()) };
  }

  it('given a starved element while the composite runs, says buffering only once the grace passed and it is still starved', () => {
    const { world, watch, onStarved, fireTimers } = observer({ canPlayOn: false, status: 'ready', running: true });
    watch.evaluate();
    watch.evaluate();
    expect(onStarved).not.toHaveBeenCalled();
    fireTimers();
    expect(onStarved).toHaveBeenCalledTimes(1);
    // A hiccup that passes within the grace is never reported.
    world.canPlayOn = false;
    watch.evaluate();
    world.canPlayOn = true;
    fireTimers();
    expect(onStarved).toHaveBeenCalledTimes(1);
  });

  it('says it recovered once a buffering track could play on', () => {
    const { world, watch, onRecovered } = observer({ canPlayOn: false, status: 'buffering', running: false });
    watch.evaluate();
    expect(onRecovered).not.toHaveBeenCalled();
    world.canPlayOn = true;
    watch.evaluate();
    expect(onRecovered).toHaveBeenCalledTimes(1);
  });

  it('does not report a track starved while the composite stands still', () => {
    const { watch, onStarved, fireTimers } = observer({ canPlayOn: false, status: 'ready', running: false });
    watch.evaluate();
    fireTimers();
    expect(onStarved).not.toHaveBeenCalled();
  });
});

describe('the media time offset', () => {
  const frame = 1 / 30;
  // What each engine reported for a still element of sync-h264.mp4 (H.264 with B-frames), by
  // probe: sought to `currentTime`, the frame callback's `mediaTime`.
  const reports = {
    chromium: [
      [2.501, 2.5],
      [0.5167, 0.5],
      [0, 0],
    ],
    firefox: [
      [2.501, 2.501],
      [0.5167, 0.5167],
      [0, 0],
    ],
    webkit: [
      [2.501, 2.501 + 2 * frame],
      [0.5167, 0.5167 + 2 * frame],
      [0, 0.066666],
    ],
  };

  for (const [engine, pairs] of Object.entries(reports)) {
    const frames = engine === 'webkit' ? 2 : 0;
    it(`learns ${frames} frames from what ${engine} reports standing still`, () => {
      for (const [currentTime, mediaTime] of pairs) {
        const offset = createMediaTimeOffset();
        offset.observeStill(mediaTime, currentTime, frame);
        expect(offset.seconds / frame).toBeCloseTo(frames, 9);
      }
    });
  }

  it('keeps what it learnt when a report is past any reordering delay', () => {
    const offset = createMediaTimeOffset();
    offset.observeStill(2.501 + 2 * frame, 2.501, frame);
    offset.observeStill(9, 2.501, frame);
    offset.observeStill(Number.NaN, 2.501, frame);
    expect(offset.seconds / frame).toBeCloseTo(2, 9);
  });

  it('forgets what it learnt when reset for another source', () => {
    const offset = createMediaTimeOffset();
    offset.observeStill(2.501 + 2 * frame, 2.501, frame);
    offset.reset();
    expect(offset.seconds).toBe(0);
  });
});
