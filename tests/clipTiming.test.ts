import { describe, expect, it } from 'vitest';
import {
  clipAt,
  clipEndMs,
  clipRuns,
  createCompositorStore,
  normalizeClips,
  runsToMount,
  selectTimelineDurationMs,
  selectTrackById,
  sourceTimeAt,
  nextEdgeAfter,
  playheadEdges,
  trackAdded,
  trackClipsChanged,
  trackDurationLearnt,
  spansFrom,
} from '../src/state';

describe('given one clip placed at 1 s that uses 0.5 s to 2.5 s of its source', () => {
  const clip = { startMs: 1000, inMs: 500, outMs: 2500 };

  it('maps the playhead into the source through start and in point', () => {
    expect(sourceTimeAt(clip, 1000)).toBe(0.5);
    expect(sourceTimeAt(clip, 2200)).toBe(1.7);
  });

  it('keeps the source time inside the clip', () => {
    expect(sourceTimeAt(clip, 0)).toBe(0.5);
    expect(sourceTimeAt(clip, 9000)).toBe(2.5);
  });

  it('covers its start and stops just before its end', () => {
    expect(clipAt([clip], 999.9)).toBeUndefined();
    expect(clipAt([clip], 1000)).toBe(clip);
    expect(clipAt([clip], 2999.9)).toBe(clip);
    expect(clipAt([clip], 3000)).toBeUndefined();
  });

  it('ends where its used part of the source runs out, once the out point is known', () => {
    expect(clipEndMs(clip)).toBe(3000);
    expect(clipEndMs({ startMs: 1000, inMs: 500 })).toBeUndefined();
    expect(clipAt([{ startMs: 1000, inMs: 500 }], 1e9)).toBeDefined();
  });
});

describe('given clips as a host may send them', () => {
  it('sorts them by start and makes impossible values harmless', () => {
    expect(
      normalizeClips([
        { startMs: 5000, inMs: 100, outMs: 50 },
        { startMs: -10, inMs: Number.NaN, outMs: 2000 },
        {},
      ]),
    ).toEqual([
      { startMs: 0, inMs: 0, outMs: 2000 },
      { startMs: 0, inMs: 0 },
      { startMs: 5000, inMs: 100, outMs: 100 },
    ]);
  });

  it('lets the clip that started last win where two overlap', () => {
    const first = { startMs: 0, inMs: 0, outMs: 4000 };
    const second = { startMs: 2000, inMs: 0, outMs: 1000 };
    expect(clipAt([first, second], 2500)).toBe(second);
    expect(clipAt([first, second], 3500)).toBe(first);
  });
});

describe('given clips of one file back to back on a track', () => {
  const continuing = [
    { startMs: 0, inMs: 0, outMs: 1000 },
    { startMs: 1000, inMs: 1000, outMs: 2000 },
  ];
  const cut = [
    { startMs: 0, inMs: 0, outMs: 1500 },
    { startMs: 1500, inMs: 2500, outMs: 4000 },
  ];

  it('plays clips that continue each other as one run, with no seek', () => {
    expect(clipRuns(continuing)).toEqual([{ startMs: 0, inMs: 0, outMs: 2000, firstClip: 0 }]);
  });

  it('splits at a cut, where the source jumps', () => {
    expect(clipRuns(cut).map((run) => run.firstClip)).toEqual([0, 1]);
    expect(sourceTimeAt(clipRuns(cut)[1], 1500)).toBe(2.5);
  });

  it('mounts the run after a cut ahead of it while within the preroll, not before', () => {
    const runs = clipRuns(cut);
    expect(runsToMount(runs, 400, 1000)).toEqual({ current: runs[0], upcoming: undefined });
    expect(runsToMount(runs, 600, 1000)).toEqual({ current: runs[0], upcoming: runs[1] });
    expect(runsToMount(runs, 1500, 1000)).toEqual({ current: runs[1], upcoming: undefined });
  });

  it('mounts nothing between clips until the next one is near', () => {
    const runs = clipRuns([
      { startMs: 0, inMs: 0, outMs: 1000 },
      { startMs: 5000, inMs: 0, outMs: 1000 },
    ]);
    expect(runsToMount(runs, 2000, 1000)).toEqual({ current: undefined, upcoming: undefined });
    expect(runsToMount(runs, 4200, 1000)).toEqual({ current: undefined, upcoming: runs[1] });
  });
});

describe('the window of elements around the playhead', () => {
  const runs = clipRuns(Array.from({ length: 100 }, (_, index) => ({ startMs: index * 2000, inMs: 0, outMs: 1000 })));

  it('keeps the run the playhead just left for the time behind, then lets it go', () => {
    expect(runsToMount(runs, 1200, 0, 500).recent).toBe(runs[0]);
    expect(runsToMount(runs, 1500, 0, 500).recent).toBeUndefined();
  });

  it('holds a few elements on a long timeline of many clips, wherever the playhead is', () => {
    for (let playheadMs = 0; playheadMs < 200_000; playheadMs += 250) {
      const { current, upcoming, recent } = runsToMount(runs, playheadMs, 1000, 500);
      expect([current, upcoming, recent].filter(Boolean).length).toBeLessThanOrEqual(2);
    }
  });
});

describe('given tracks in a store', () => {
  it('makes the timeline as long as its last clip', () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'a', source: { url: '/a' }, clip: { startMs: 0, outMs: 4000 } }));
    store.dispatch(
      trackAdded({
        id: 'b',
        name: 'b',
        source: { url: '/b' },
        clips: [
          { startMs: 0, inMs: 0, outMs: 1000 },
          { startMs: 3000, inMs: 1000, outMs: 3000 },
        ],
      }),
    );
    expect(selectTimelineDurationMs(store.getState())).toBe(5000);
  });

  it('replaces a track\'s clips after an edit, sorted', () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'a', source: { url: '/a' } }));
    expect(selectTrackById(store.getState(), 'a')?.clips).toEqual([{ startMs: 0, inMs: 0 }]);
    store.dispatch(trackClipsChanged({ id: 'a', clips: [{ startMs: 2000, outMs: 500 }, { startMs: 0, outMs: 1000 }] }));
    expect(selectTrackById(store.getState(), 'a')?.clips).toEqual([
      { startMs: 0, inMs: 0, outMs: 1000 },
      { startMs: 2000, inMs: 0, outMs: 500 },
    ]);
    expect(selectTimelineDurationMs(store.getState())).toBe(2500);
  });
});

describe('given a clip added without an out point', () => {
  const added = () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: '/a.mp4' }, clips: [{ startMs: 1000, inMs: 2000 }, { startMs: 0, inMs: 0, outMs: 500 }] }));
    return store;
  };

  it('has no length until the media says how long it is', () => {
    const store = added();
    expect(selectTimelineDurationMs(store.getState())).toBe(500);
  });

  it('ends where the media ends once an element read its duration, and the timeline spans it', () => {
    const store = added();
    store.dispatch(trackDurationLearnt({ id: 'a', durationMs: 12_000 }));
    const track = selectTrackById(store.getState(), 'a');
    expect(track?.mediaDurationMs).toBe(12_000);
    // The clip from 2 s of the source, placed at 1 s: it plays the last 10 s of the media.
    expect(track?.clips).toEqual([{ startMs: 0, inMs: 0, outMs: 500 }, { startMs: 1000, inMs: 2000, outMs: 12_000 }]);
    expect(selectTimelineDurationMs(store.getState())).toBe(11_000);
  });

  it('keeps an out point the host gave, and fills the ones it leaves out in later edits', () => {
    const store = added();
    store.dispatch(trackDurationLearnt({ id: 'a', durationMs: 12_000 }));
    store.dispatch(trackClipsChanged({ id: 'a', clips: [{ startMs: 0, inMs: 0, outMs: 3000 }, { startMs: 3000, inMs: 6000 }] }));
    expect(selectTrackById(store.getState(), 'a')?.clips).toEqual([
      { startMs: 0, inMs: 0, outMs: 3000 },
      { startMs: 3000, inMs: 6000, outMs: 12_000 },
    ]);
  });

  it('ignores a duration that is not a positive number', () => {
    const store = added();
    store.dispatch(trackDurationLearnt({ id: 'a', durationMs: Number.POSITIVE_INFINITY }));
    store.dispatch(trackDurationLearnt({ id: 'a', durationMs: 0 }));
    store.dispatch(trackDurationLearnt({ id: 'missing', durationMs: 4000 }));
    expect(selectTrackById(store.getState(), 'a')?.mediaDurationMs).toBeUndefined();
    expect(selectTimelineDurationMs(store.getState())).toBe(500);
  });
});

describe('playhead edges', () => {
  it('lists clip starts and ends with the preroll and keep-behind around them, sorted once each', () => {
    const clips = [{ startMs: 0, inMs: 0, outMs: 1000 }, { startMs: 1000, inMs: 5000, outMs: 6000 }, { startMs: 4000, inMs: 0 }];
    expect(playheadEdges([clips], 200, 100)).toEqual([0, 800, 1000, 1100, 2000, 2100, 3800, 4000]);
  });

  it('finds the next edge strictly after a time', () => {
    const edges = [0, 800, 1000];
    expect(nextEdgeAfter(edges, -1)).toBe(0);
    expect(nextEdgeAfter(edges, 0)).toBe(800);
    expect(nextEdgeAfter(edges, 999.9)).toBe(1000);
    expect(nextEdgeAfter(edges, 1000)).toBeUndefined();
  });
});

describe('spansFrom', () => {
  it('given the playhead inside a clip, starts there, at the matching source time', () => {
    expect(spansFrom([{ startMs: 1000, inMs: 500, outMs: 3000 }], 1500)).toEqual([{ startMs: 1500, endMs: 3500, sourceStartMs: 1000 }]);
  });

  it('given clips after a gap, plays each from its in point, in timeline order', () => {
    const clips = normalizeClips([
      { startMs: 4000, inMs: 0, outMs: 1000 },
      { startMs: 0, inMs: 2000, outMs: 3000 },
    ]);
    expect(spansFrom(clips, 0)).toEqual([
      { startMs: 0, endMs: 1000, sourceStartMs: 2000 },
      { startMs: 4000, endMs: 5000, sourceStartMs: 0 },
    ]);
  });

  it('given clips that continue each other, plays them as one span (no cut to restart at)', () => {
    const clips = [
      { startMs: 0, inMs: 0, outMs: 1000 },
      { startMs: 1000, inMs: 1000, outMs: 2500 },
    ];
    expect(spansFrom(clips, 200)).toEqual([{ startMs: 200, endMs: 2500, sourceStartMs: 200 }]);
  });

  it('given overlapping clips, plays the later one over the earlier, then the rest of the earlier', () => {
    const clips = [
      { startMs: 0, inMs: 0, outMs: 4000 },
      { startMs: 1000, inMs: 8000, outMs: 9000 },
    ];
    expect(spansFrom(clips, 0)).toEqual([
      { startMs: 0, endMs: 1000, sourceStartMs: 0 },
      { startMs: 1000, endMs: 2000, sourceStartMs: 8000 },
      { startMs: 2000, endMs: 4000, sourceStartMs: 2000 },
    ]);
  });

  it('given a clip whose end is not known yet, leaves its span open', () => {
    expect(spansFrom([{ startMs: 0, inMs: 0 }], 300)).toEqual([{ startMs: 300, endMs: undefined, sourceStartMs: 300 }]);
  });

  it('given the playhead past every clip, plays nothing', () => {
    expect(spansFrom([{ startMs: 0, inMs: 0, outMs: 1000 }], 1000)).toEqual([]);
  });
});
