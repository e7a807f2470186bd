import { describe, expect, it } from 'vitest';
import { createOutputClock, type OutputClockContext } from '../src/audio/outputClock';

/** A context whose times the test sets, read at the wall time `wall.now`. */
function fakeContext(wall: { now: number }) {
  const state = { currentTime: 0, stamp: { contextTime: 0, performanceTime: 0 } };
  const context: OutputClockContext = {
    get currentTime() {
      return state.currentTime;
    },
    baseLatency: 0.01,
    outputLatency: 0.03,
    getOutputTimestamp: () => ({ ...state.stamp }),
  };
  return { state, context, now: () => wall.now };
}

describe('given an output whose timestamp is on the page clock (Chromium, Firefox)', () => {
  it('places context time at the wall time from the timestamp', () => {
    const wall = { now: 1000 };
    const { state, context, now } = fakeContext(wall);
    const clock = createOutputClock(context, { now });
    state.currentTime = 0.5;
    state.stamp = { contextTime: 0.45, performanceTime: 990 };
    expect(clock.heardAt(1000)).toBeCloseTo(460);
    expect(clock.source()).toBe('output');
  });
});

describe('given no timestamp yet (before the output played anything)', () => {
  it('reads the context time less its latencies', () => {
    const wall = { now: 1000 };
    const { state, context, now } = fakeContext(wall);
    const clock = createOutputClock(context, { now });
    state.currentTime = 0.5;
    expect(clock.heardAt(1000)).toBeCloseTo(460);
    expect(clock.source()).toBe('context');
  });
});

describe('given a timestamp from another time origin (WebKitGTK: seconds ahead of performance.now())', () => {
  it('follows the context time instead, and keeps to it once the timestamp proved unusable', () => {
    const wall = { now: 4000 };
    const { state, context, now } = fakeContext(wall);
    const clock = createOutputClock(context, { now });
    state.currentTime = 3.5;
    state.stamp = { contextTime: 3.45, performanceTime: 7600 };
    expect(clock.heardAt(4000)).toBeCloseTo(3460);
    expect(clock.source()).toBe('context');
    // A plausible-looking timestamp later does not bring it back: that would jump by the latency.
    wall.now = 4100;
    state.currentTime = 3.6;
    state.stamp = { contextTime: 3.56, performanceTime: 4090 };
    expect(clock.heardAt(4100)).toBeCloseTo(3560);
    expect(clock.source()).toBe('context');
  });

  it('moves smoothly with the wall clock between the context time steps', () => {
    const wall = { now: 0 };
    const { state, context, now } = fakeContext(wall);
    const clock = createOutputClock(context, { now });
    state.currentTime = 1;
    const first = clock.heardAt(0) as number;
    // The context time moves in steps (a GStreamer buffer at a time): the reading does not.
    wall.now = 10;
    expect(clock.heardAt(10)).toBeCloseTo(first + 10);
    wall.now = 20;
    state.currentTime = 1.02;
    expect(clock.heardAt(20)).toBeCloseTo(first + 20);
  });
});

describe('given a running context whose time does not move (WebKitGTK without an audio device)', () => {
  it('gives no time once it has stood still past openingMs, and says so', async () => {
    const wall = { now: 0 };
    const { context, now } = fakeContext(wall);
    const changes: string[] = [];
    const clock = createOutputClock(context, { now, stallMs: 500, openingMs: 4000, onSourceChange: (source) => changes.push(source) });
    expect(clock.heardAt(0)).toBeDefined();
    wall.now = 3900;
    expect(clock.heardAt(3900)).toBeDefined();
    wall.now = 4100;
    expect(clock.heardAt(4100)).toBeUndefined();
    expect(clock.source()).toBe('none');
    await Promise.resolve();
    expect(changes).toEqual(['context', 'none']);
  });

  it('once it has run, gives no time after standing still for stallMs (a device lost)', () => {
    const wall = { now: 0 };
    const { state, context, now } = fakeContext(wall);
    const clock = createOutputClock(context, { now, stallMs: 500, openingMs: 4000 });
    clock.heardAt(0);
    wall.now = 200;
    state.currentTime = 0.2;
    expect(clock.heardAt(200)).toBeDefined();
    wall.now = 800;
    expect(clock.heardAt(800)).toBeUndefined();
  });
});

describe('given an output that takes seconds to open (Chromium on PulseAudio)', () => {
  it('keeps to the context time, which holds the playhead, until it moves', () => {
    const wall = { now: 0 };
    const { state, context, now } = fakeContext(wall);
    const clock = createOutputClock(context, { now, stallMs: 500, openingMs: 4000 });
    state.currentTime = 0.023;
    clock.heardAt(0);
    wall.now = 2000;
    expect(clock.heardAt(2000)).toBeDefined();
    expect(clock.source()).toBe('context');
  });
});
