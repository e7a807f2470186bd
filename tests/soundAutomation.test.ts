import { describe, expect, it } from 'vitest';
import { soundAutomation, type ClipTiming } from '../src/state';

/** A clip from 2 s to 6 s on the timeline whose level falls from 0 dB to silence over its second second. */
const fading: ClipTiming = {
  startMs: 2000,
  inMs: 0,
  outMs: 4000,
  animation: {
    volumeDb: [
      { atMs: 1000, value: 0 },
      { atMs: 2000, value: -60 },
    ],
  },
};

describe("a clip's level keyframes as steps for the audio thread", () => {
  it('holds the first value until the first keyframe, follows the fall as a curve, then holds the last', () => {
    const steps = soundAutomation([fading], 'volumeDb', 2000);
    expect(steps.map((step) => [step.kind, step.atMs])).toEqual([
      ['set', 2000],
      ['curve', 3000],
      ['set', 4000],
      // Past the clip, no clip: the resting gain.
      ['set', 6000],
    ]);
    const [hold, fall, silent, after] = steps;
    expect(hold).toMatchObject({ value: 1 });
    expect(silent).toMatchObject({ value: 0 });
    expect(after).toMatchObject({ value: 1 });
    if (fall.kind !== 'curve') throw new Error('not a curve');
    expect(fall.durationMs).toBe(1000);
    // Linear in decibels: half way is -30 dB, a gain of 10^(-30/20).
    const middle = fall.values[(fall.values.length - 1) / 2];
    expect(middle).toBeCloseTo(10 ** (-30 / 20), 9);
    expect(fall.values[0]).toBe(1);
    expect(fall.values.at(-1)).toBe(0);
  });

  it('starts part-way through a fall when the playhead does (a seek, a play from the middle)', () => {
    const steps = soundAutomation([fading], 'volumeDb', 3500);
    expect(steps[0]).toMatchObject({ kind: 'curve', atMs: 3500, durationMs: 500 });
    if (steps[0].kind !== 'curve') throw new Error('not a curve');
    expect(steps[0].values[0]).toBeCloseTo(10 ** (-30 / 20), 9);
  });

  it('steps where keyframes hold, and rests at 0 dB on a clip without keyframes', () => {
    const held: ClipTiming = { startMs: 0, inMs: 0, outMs: 2000, animation: { volumeDb: [{ atMs: 0, value: -6, easing: 'hold' }, { atMs: 1000, value: -12 }] } };
    const plain: ClipTiming = { startMs: 2000, inMs: 5000, outMs: 7000 };
    const steps = soundAutomation([held, plain], 'volumeDb', 0);
    expect(steps).toEqual([
      { kind: 'set', atMs: 0, value: 10 ** (-6 / 20) },
      { kind: 'set', atMs: 1000, value: 10 ** (-12 / 20) },
      { kind: 'set', atMs: 2000, value: 1 },
    ]);
  });

  it('moves a pan along its easing, in the pan\'s own units', () => {
    const panned: ClipTiming = { startMs: 0, inMs: 0, animation: { pan: [{ atMs: 0, value: -1, easing: 'ease-in-out' }, { atMs: 2000, value: 1 }] } };
    const [sweep, end] = soundAutomation([panned], 'pan', 0);
    expect(end).toEqual({ kind: 'set', atMs: 2000, value: 1 });
    if (sweep.kind !== 'curve') throw new Error('not a curve');
    // Symmetric ease: centre at half time, slow at both ends.
    expect(sweep.values[(sweep.values.length - 1) / 2]).toBeCloseTo(0, 6);
    expect(sweep.values[1] - sweep.values[0]).toBeLessThan((sweep.values.at(-1)! - sweep.values[0]) / (sweep.values.length - 1));
  });

  it('is one step of the resting value where no clip has keyframes', () => {
    expect(soundAutomation([{ startMs: 0, inMs: 0, outMs: 1000 }], 'pan', 250)).toEqual([{ kind: 'set', atMs: 250, value: 0 }]);
  });
});
