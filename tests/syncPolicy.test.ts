import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScrubThrottle, createSeekTally, formatTimecode, withPlaybackDefaults } from '../src/playback';
import { correctDrift, defaultDriftPolicy } from '../src/render/elements/driftPolicy';
import { withElementDefaults } from '../src/render/elements/elementOptions';
import { createFrameDurationEstimate } from '../src/render/elements/frameDuration';

const frame30 = 1 / 30;

describe('the drift policy', () => {
  it('leaves an element alone while the frame on screen is the one the playhead names', () => {
    expect(correctDrift(0, frame30, defaultDriftPolicy)).toEqual({ kind: 'in-sync', playbackRate: 1 });
    expect(correctDrift(frame30 * 0.49, frame30, defaultDriftPolicy).kind).toBe('in-sync');
    expect(correctDrift(-frame30 * 0.49, frame30, defaultDriftPolicy).kind).toBe('in-sync');
    expect(correctDrift(frame30 * 0.8, frame30, defaultDriftPolicy).kind).toBe('nudge');
  });

  it('slows an element that is ahead and speeds one that is behind, within the bound', () => {
    const ahead = correctDrift(frame30 * 3, frame30, defaultDriftPolicy);
    const behind = correctDrift(-frame30 * 3, frame30, defaultDriftPolicy);
    expect(ahead.kind).toBe('nudge');
    expect(ahead.playbackRate).toBeLessThan(1);
    expect(behind.playbackRate).toBeGreaterThan(1);
    expect(behind.playbackRate).toBeLessThanOrEqual(1 + defaultDriftPolicy.maxRateNudge);
    expect(ahead.playbackRate).toBeGreaterThanOrEqual(1 - defaultDriftPolicy.maxRateNudge);
  });

  it('nudges harder the further off, up to the bound', () => {
    const policy = { ...defaultDriftPolicy, correctionSeconds: 1, maxRateNudge: 0.1 };
    expect(correctDrift(-0.05, frame30, policy).playbackRate).toBeCloseTo(1.05, 6);
    expect(correctDrift(-0.2, frame30, { ...policy, seekAfterFrames: 100 }).playbackRate).toBeCloseTo(1.1, 6);
  });

  it('seeks when the drift reaches the seek threshold, counted in frames of the source', () => {
    expect(correctDrift(-frame30 * 8, frame30, defaultDriftPolicy).kind).toBe('seek');
    // The same 0.2 s is 4.8 frames at 24 fps (a nudge) but 12 frames at 60 fps (a seek).
    expect(correctDrift(0.2, 1 / 24, defaultDriftPolicy).kind).toBe('nudge');
    expect(correctDrift(0.2, 1 / 60, defaultDriftPolicy).kind).toBe('seek');
  });

  it('seeks when the drift is not a number (no frame yet)', () => {
    expect(correctDrift(Number.NaN, frame30, defaultDriftPolicy).kind).toBe('seek');
  });
});

describe('the frame duration estimate', () => {
  it('uses the fallback until it has seen two frames', () => {
    const estimate = createFrameDurationEstimate(1 / 30);
    estimate.observe(1);
    expect(estimate.seconds).toBeCloseTo(1 / 30, 9);
  });

  it('learns the shortest step between frames, ignoring skipped frames and seeks', () => {
    const estimate = createFrameDurationEstimate(1 / 20);
    for (const time of [0, 0.04, 0.12, 0.16, 3.0, 1.0, 1.04]) estimate.observe(time);
    expect(estimate.seconds).toBeCloseTo(0.04, 9);
  });

  it('says no more than the fallback, however far apart the first frames come', () => {
    const estimate = createFrameDurationEstimate(1 / 30);
    for (const time of [0.37, 1.36]) estimate.observe(time);
    expect(estimate.seconds).toBeCloseTo(1 / 30, 9);
  });

  it('keeps the frame it learnt while a loaded machine presents only every eighth frame, until reset for another source', () => {
    const estimate = createFrameDurationEstimate(1 / 25);
    for (let frame = 0; frame < 4; frame += 1) estimate.observe(frame / 60);
    for (let frame = 8; frame < 8 * 100; frame += 8) estimate.observe(frame / 60);
    expect(estimate.seconds).toBeCloseTo(1 / 60, 9);
    estimate.reset();
    expect(estimate.seconds).toBeCloseTo(1 / 25, 9);
    for (const time of [0, 1 / 30, 2 / 30]) estimate.observe(time);
    expect(estimate.seconds).toBeCloseTo(1 / 30, 9);
  });
});

describe('scrubbing', () => {
  afterEach(() => vi.useRealTimers());

  it('applies a position at once when no seek is in flight', () => {
    const seeks = createSeekTally();
    const applied: number[] = [];
    const throttle = createScrubThrottle(seeks, (ms) => applied.push(ms));
    throttle.request(100);
    expect(applied).toEqual([100]);
    throttle.stop();
  });

  it('holds positions while seeks are in flight and applies only the latest when they land', () => {
    const seeks = createSeekTally();
    const applied: number[] = [];
    const throttle = createScrubThrottle(seeks, (ms) => applied.push(ms));
    const first = seeks.begin();
    const second = seeks.begin();
    throttle.request(100);
    throttle.request(200);
    throttle.request(300);
    first();
    expect(applied).toEqual([]);
    second();
    second();
    expect(applied).toEqual([300]);
    expect(seeks.inFlight).toBe(0);
    throttle.stop();
  });

  it('never drops the last position: flush applies it whatever is in flight', () => {
    const seeks = createSeekTally();
    const applied: number[] = [];
    const throttle = createScrubThrottle(seeks, (ms) => applied.push(ms));
    seeks.begin();
    throttle.request(700);
    throttle.flush();
    expect(applied).toEqual([700]);
    throttle.flush();
    expect(applied).toEqual([700]);
    throttle.stop();
  });

  it('does not wait forever for a seek that never lands', () => {
    vi.useFakeTimers();
    const seeks = createSeekTally();
    const applied: number[] = [];
    const throttle = createScrubThrottle(seeks, (ms) => applied.push(ms), 250);
    seeks.begin();
    throttle.request(900);
    vi.advanceTimersByTime(249);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([900]);
    throttle.stop();
  });
});

describe('timecode', () => {
  it('shows hours, minutes, seconds and frames', () => {
    expect(formatTimecode(0, 30)).toBe('00:00:00:00');
    expect(formatTimecode(1000 + 500, 30)).toBe('00:00:01:15');
    expect(formatTimecode(3_723_000 + 1000 / 25, 25)).toBe('01:02:03:01');
  });

  it('puts a time on a frame boundary in that frame despite float error', () => {
    expect(formatTimecode((1000 / 30) * 7, 30)).toBe('00:00:00:07');
  });
});

describe('options as a host gives them', () => {
  it('fills what is left out of the playback options', () => {
    const options = withPlaybackDefaults({ keepBehindMs: 500 });
    expect(options).toMatchObject({ keepBehindMs: 500, prerollMs: 1000, bufferingGraceMs: 250 });
  });

  it('fills what is left out of the element renderer, inside its nested policies too', () => {
    const options = withElementDefaults({ drift: { seekAfterFrames: 12 }, preload: { selected: 'metadata' } });
    expect(options.drift).toEqual({ ...defaultDriftPolicy, seekAfterFrames: 12 });
    expect(options.preload).toEqual({ playing: 'auto', selected: 'metadata' });
  });
});
