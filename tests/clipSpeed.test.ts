import { describe, expect, it } from 'vitest';
import {
  clipEndMs,
  clipEndTrimmed,
  clipRuns,
  clipSpeedChanged,
  clipsSplitAt,
  clipStartTrimmed,
  createCompositorStore,
  projectLoaded,
  saveProject,
  selectTimelineDurationMs,
  selectTrackById,
  sourceTimeAt,
  spansFrom,
  trackAdded,
  withLinkedSound,
  type ClipTiming,
} from '../src/state';

/** 4 s of source from 1 s, played twice as fast from 2 s on the timeline: it lasts 2 s. */
const fast: ClipTiming = { startMs: 2000, inMs: 1000, outMs: 5000, speed: 2 };

describe('a clip at another speed', () => {
  it('lasts its source part over its speed, and shows the source time its speed names', () => {
    expect(clipEndMs(fast)).toBe(4000);
    expect(sourceTimeAt(fast, 2000)).toBe(1);
    expect(sourceTimeAt(fast, 3000)).toBe(3);
    expect(sourceTimeAt(fast, 3999)).toBeCloseTo(4.998, 9);
    const slow: ClipTiming = { startMs: 0, inMs: 0, outMs: 1000, speed: 0.25 };
    expect(clipEndMs(slow)).toBe(4000);
    expect(sourceTimeAt(slow, 2000)).toBe(0.5);
  });

  it('plays its sound from the source time its speed names, at that speed', () => {
    expect(spansFrom([fast], 2500)).toEqual([{ startMs: 2500, endMs: 4000, sourceStartMs: 2000, speed: 2 }]);
  });

  it('is never one run with a clip at another speed, even where the source continues', () => {
    const runs = clipRuns([
      { startMs: 0, inMs: 0, outMs: 1000 },
      { startMs: 1000, inMs: 1000, outMs: 3000, speed: 2 },
    ]);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ startMs: 1000, inMs: 1000, outMs: 3000, speed: 2 });
  });

  it('is trimmed and split in timeline time, its source following at its speed', () => {
    const bounds = { mediaDurationMs: 10_000, shortestMs: 33 };
    // The end dragged to 3.5 s: 1.5 s on the timeline is 3 s of source.
    expect(clipEndTrimmed([fast], 0, 3500, bounds)[0]).toMatchObject({ startMs: 2000, inMs: 1000, outMs: 4000 });
    // The start dragged to 2.5 s: half a second later is a second further into the source.
    expect(clipStartTrimmed([fast], 0, 2500, bounds)[0]).toMatchObject({ startMs: 2500, inMs: 2000, outMs: 5000 });
    // Dragged out as far as it goes: back to the source's start, 0.5 s earlier on the timeline.
    expect(clipStartTrimmed([fast], 0, 0, bounds)[0]).toMatchObject({ startMs: 1500, inMs: 0 });
    // No further than the media's end: 9 s of source left, 4.5 s on the timeline.
    expect(clipEndTrimmed([fast], 0, 20_000, bounds)[0]).toMatchObject({ outMs: 10_000 });
    const [first, second] = clipsSplitAt([fast], 3000, bounds) ?? [];
    expect(first).toMatchObject({ startMs: 2000, inMs: 1000, outMs: 3000, speed: 2 });
    expect(second).toMatchObject({ startMs: 3000, inMs: 3000, outMs: 5000, speed: 2 });
  });
});

describe('changing a clip\'s speed', () => {
  const storeWithVideo = () => {
    const store = createCompositorStore();
    for (const track of withLinkedSound({ id: 'cam', name: 'Camera', source: { url: '/c.mp4' }, clip: { startMs: 0, inMs: 0, outMs: 6000 } })) store.dispatch(trackAdded(track));
    return store;
  };

  it('keeps its start and its source, so it lasts longer or shorter; its sound takes the same speed', () => {
    const store = storeWithVideo();
    store.dispatch(clipSpeedChanged({ id: 'cam', clip: 0, speed: 1.5 }));
    expect(selectTrackById(store.getState(), 'cam')?.clips[0]).toEqual({ startMs: 0, inMs: 0, outMs: 6000, speed: 1.5 });
    expect(selectTrackById(store.getState(), 'cam.sound')?.clips[0].speed).toBe(1.5);
    expect(selectTimelineDurationMs(store.getState())).toBe(4000);
    // Back to 1: no speed at all.
    store.dispatch(clipSpeedChanged({ id: 'cam', clip: 0, speed: 1 }));
    expect(selectTrackById(store.getState(), 'cam')?.clips[0]).toEqual({ startMs: 0, inMs: 0, outMs: 6000 });
  });

  for (const speed of [0.1, 5, Number.NaN, 0]) {
    it(`refuses ${speed}, naming the speed, and changes nothing`, () => {
      const store = storeWithVideo();
      const before = store.getState();
      expect(() => store.dispatch(clipSpeedChanged({ id: 'cam', clip: 0, speed }))).toThrow(expect.objectContaining({ name: 'LookError', field: 'speed' }));
      expect(store.getState()).toBe(before);
    });
  }

  it('refuses a track added with a speed no clip plays at', () => {
    const store = createCompositorStore();
    expect(() => store.dispatch(trackAdded({ id: 'v', name: 'V', source: { url: '/v.mp4' }, clip: { startMs: 0, speed: 8 } }))).toThrow(/speed: 8 is not a speed from 0.25 to 4/);
  });

  it('is saved with the project and opened again', () => {
    const store = storeWithVideo();
    store.dispatch(clipSpeedChanged({ id: 'cam', clip: 0, speed: 0.5 }));
    const opened = createCompositorStore();
    opened.dispatch(projectLoaded(JSON.parse(JSON.stringify(saveProject(store.getState())))));
    expect(selectTrackById(opened.getState(), 'cam')?.clips[0].speed).toBe(0.5);
    const bad = JSON.parse(JSON.stringify(saveProject(store.getState())));
    bad.tracks[0].clips[0].speed = 10;
    expect(() => opened.dispatch(projectLoaded(bad))).toThrow(/tracks\[0\]\.clips\[0\]\.speed/);
  });
});
