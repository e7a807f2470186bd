import { describe, expect, it } from 'vitest';
import { clipEndTrimmed, clipMoved, clipRemoved, clipsSplitAt, clipStartTrimmed, snappedTime, type ClipTiming } from '../src/state';

const frame = 1000 / 30;
const bounds = { mediaDurationMs: 10_000, shortestMs: frame };
const look = { opacity: 0.5 };
/** Two clips of a 10 s file: 2-5 s of it at 1 s, then 6-9 s of it at 5 s, the second faded. */
const clips: ClipTiming[] = [
  { startMs: 1000, inMs: 2000, outMs: 5000 },
  { startMs: 5000, inMs: 6000, outMs: 9000, look },
];

describe('moving a clip', () => {
  it('moves it on the timeline with the same part of its source, kept in start order', () => {
    expect(clipMoved(clips, 1, 0)).toEqual([{ startMs: 0, inMs: 6000, outMs: 9000, look }, clips[0]]);
  });

  it('stops at the timeline start', () => {
    expect(clipMoved(clips, 0, -700)[0]).toEqual({ startMs: 0, inMs: 2000, outMs: 5000 });
  });

  it('refuses a clip that is not there, with its reason', () => {
    expect(() => clipMoved(clips, 2, 0)).toThrow(new RangeError('There is no clip 2 on this track (it has 2).'));
  });
});

describe('trimming a clip', () => {
  it('at its start: start and in point move together, the rest of the clip stays put', () => {
    expect(clipStartTrimmed(clips, 0, 1500, bounds)[0]).toEqual({ startMs: 1500, inMs: 2500, outMs: 5000 });
    expect(clipStartTrimmed(clips, 0, 400, bounds)[0]).toEqual({ startMs: 400, inMs: 1400, outMs: 5000 });
  });

  it('at its start: no earlier than its source begins or the timeline does, no later than a frame before its end', () => {
    // The source's start is 2 s before the clip's; the timeline's 1 s: the timeline's comes first.
    expect(clipStartTrimmed(clips, 0, -3000, bounds)[0]).toEqual({ startMs: 0, inMs: 1000, outMs: 5000 });
    // Now the first clip on the track.
    expect(clipStartTrimmed(clips, 1, 0, bounds)[0]).toEqual({ startMs: 0, inMs: 1000, outMs: 9000, look });
    expect(clipStartTrimmed([{ startMs: 3000, inMs: 500, outMs: 2000 }], 0, 0, bounds)[0]).toEqual({ startMs: 2500, inMs: 0, outMs: 2000 });
    expect(clipStartTrimmed(clips, 0, 9000, bounds)[0]).toEqual({ startMs: expect.closeTo(4000 - frame, 6), inMs: expect.closeTo(5000 - frame, 6), outMs: 5000 });
  });

  it('at its end: the out point follows, no further than the media, no nearer its start than a frame', () => {
    expect(clipEndTrimmed(clips, 1, 7000, bounds)[1]).toEqual({ startMs: 5000, inMs: 6000, outMs: 8000, look });
    expect(clipEndTrimmed(clips, 1, 60_000, bounds)[1]).toEqual({ startMs: 5000, inMs: 6000, outMs: 10_000, look });
    expect(clipEndTrimmed(clips, 1, 0, bounds)[1]).toEqual({ startMs: 5000, inMs: 6000, outMs: 6000 + frame, look });
  });

  it('a clip that ends with its media gets its out point written, and a media of unknown length does not bound it', () => {
    const whole = [{ startMs: 0, inMs: 1000 }];
    expect(clipStartTrimmed(whole, 0, 500, bounds)).toEqual([{ startMs: 500, inMs: 1500, outMs: 10_000 }]);
    expect(clipEndTrimmed(whole, 0, 20_000, { shortestMs: frame })).toEqual([{ startMs: 0, inMs: 1000, outMs: 21_000 }]);
  });
});

describe('splitting at the playhead', () => {
  it('cuts the clip under it in two that play on as one did, both keeping the look', () => {
    expect(clipsSplitAt(clips, 6000, bounds)).toEqual([
      clips[0],
      { startMs: 5000, inMs: 6000, outMs: 7000, look },
      { startMs: 6000, inMs: 7000, outMs: 9000, look },
    ]);
  });

  it('cuts a clip that ends with its media into one with an out point and one that still ends with it', () => {
    expect(clipsSplitAt([{ startMs: 0, inMs: 0 }], 4000, bounds)).toEqual([
      { startMs: 0, inMs: 0, outMs: 4000 },
      { startMs: 4000, inMs: 4000 },
    ]);
  });

  it('does nothing between clips, at a clip edge, or less than a frame from one', () => {
    expect(clipsSplitAt(clips, 500, bounds)).toBeUndefined();
    expect(clipsSplitAt(clips, 1000, bounds)).toBeUndefined();
    expect(clipsSplitAt(clips, 7990, bounds)).toBeUndefined();
  });
});

describe('removing a clip', () => {
  const three: ClipTiming[] = [...clips, { startMs: 9000, inMs: 0, outMs: 1000 }];

  it('leaves a gap, or with ripple moves the later clips back by its length', () => {
    expect(clipRemoved(three, 1, false, bounds)).toEqual([three[0], three[2]]);
    expect(clipRemoved(three, 1, true, bounds)).toEqual([three[0], { startMs: 6000, inMs: 0, outMs: 1000 }]);
    // Earlier clips never move.
    expect(clipRemoved(three, 2, true, bounds)).toEqual([three[0], three[1]]);
  });
});

describe('snapping', () => {
  it('pulls a time onto the nearest target within reach, and leaves it where none is', () => {
    expect(snappedTime(4960, [0, 5000, 9000], 100)).toBe(5000);
    expect(snappedTime(4960, [4900, 5000], 100)).toBe(5000);
    expect(snappedTime(4800, [0, 5000], 100)).toBe(4800);
  });
});
