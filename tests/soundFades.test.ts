import { describe, expect, it } from 'vitest';
import {
  clipFadesChanged,
  clipsSplitAt,
  clipStartTrimmed,
  createCompositorStore,
  fadeCurves,
  fadeGainAt,
  fadeInGain,
  projectLoaded,
  saveProject,
  selectTrackById,
  soundAutomation,
  trackAdded,
  trackClipsChanged,
  type ClipTiming,
} from '../src/state';

describe('fade curves', () => {
  it('every curve rises from silence to full level, never back', () => {
    for (const curve of fadeCurves) {
      expect(fadeInGain(curve, 0), curve).toBeCloseTo(0, 12);
      expect(fadeInGain(curve, 1), curve).toBeCloseTo(1, 12);
      let last = 0;
      for (let step = 1; step <= 100; step += 1) {
        const gain = fadeInGain(curve, step / 100);
        expect(gain, `${curve} at ${step}%`).toBeGreaterThan(last);
        last = gain;
      }
    }
  });

  it('half way: linear at half the gain, equal power at half the power, exponential at -30 dB, the S-curve at half', () => {
    expect(fadeInGain('linear', 0.5)).toBeCloseTo(0.5, 12);
    expect(fadeInGain('equal-power', 0.5) ** 2).toBeCloseTo(0.5, 12);
    // 60 dB up in a straight line: half way is -30 dB (less the -60 dB floor it is shifted by).
    expect(fadeInGain('exponential', 0.5)).toBeCloseTo((10 ** (-30 / 20) - 10 ** (-60 / 20)) / (1 - 10 ** (-60 / 20)), 12);
    expect(fadeInGain('s-curve', 0.5)).toBeCloseTo(0.5, 12);
    // Gentle at the ends: the S-curve starts slower than the line.
    expect(fadeInGain('s-curve', 0.1)).toBeLessThan(0.1);
  });

  it('an equal-power fade-out across an equal-power fade-in keeps the summed power', () => {
    for (let step = 0; step <= 20; step += 1) {
      const progress = step / 20;
      expect(fadeInGain('equal-power', progress) ** 2 + fadeInGain('equal-power', 1 - progress) ** 2).toBeCloseTo(1, 12);
    }
  });

  it('a fade-out mirrors a fade-in at the clip\'s end, and both apply where a short clip has them overlap', () => {
    const fades = { in: { durationMs: 1000, curve: 'linear' as const }, out: { durationMs: 1000, curve: 'linear' as const } };
    expect(fadeGainAt(fades, 4000, 3750)).toBeCloseTo(0.25, 12);
    expect(fadeGainAt(fades, 4000, 2000)).toBe(1);
    // A clip 1.5 s long: at 0.75 s it is 3/4 into the fade-in and 3/4 from the end of the fade-out.
    expect(fadeGainAt(fades, 1500, 750)).toBeCloseTo(0.75 * 0.75, 12);
    // While the clip's length is unknown there is no end to fade to.
    expect(fadeGainAt(fades, undefined, 3750)).toBe(1);
  });
});

/** A clip from 2 s to 6 s on the timeline, fading in over 0.5 s and out over its last second. */
const faded: ClipTiming = { startMs: 2000, inMs: 0, outMs: 4000, fades: { in: { durationMs: 500, curve: 'linear' }, out: { durationMs: 1000 } } };

describe('fades as steps for the audio thread', () => {
  it('rises from silence as a curve, holds, falls to silence as a curve at the clip\'s end', () => {
    const steps = soundAutomation([faded], 'volumeDb', 0);
    expect(steps.map((step) => [step.kind, step.atMs, step.kind === 'curve' ? step.durationMs : undefined])).toEqual([
      ['set', 0, undefined],
      ['curve', 2000, 500],
      ['set', 2500, undefined],
      ['curve', 5000, 1000],
      ['set', 6000, undefined],
    ]);
    const [, rise, full, fall] = steps;
    if (rise.kind !== 'curve' || fall.kind !== 'curve') throw new Error('not curves');
    expect(rise.values[0]).toBe(0);
    expect(rise.values[(rise.values.length - 1) / 2]).toBeCloseTo(0.5, 9);
    expect(full).toMatchObject({ value: 1 });
    // The fade-out's curve is equal power when none is named.
    expect(fall.values[0]).toBeCloseTo(1, 12);
    expect(fall.values[(fall.values.length - 1) / 2]).toBeCloseTo(Math.SQRT1_2, 9);
    expect(fall.values.at(-1)).toBeCloseTo(0, 12);
  });

  it('starts part-way through a fade when the playhead does', () => {
    const [first] = soundAutomation([faded], 'volumeDb', 2250);
    expect(first).toMatchObject({ kind: 'curve', atMs: 2250, durationMs: 250 });
    if (first.kind !== 'curve') throw new Error('not a curve');
    expect(first.values[0]).toBeCloseTo(0.5, 9);
  });

  it('multiplies a fade with the clip\'s level keyframes', () => {
    const both: ClipTiming = { ...faded, animation: { volumeDb: [{ atMs: 0, value: -6 }] } };
    const steps = soundAutomation([both], 'volumeDb', 2000);
    const [rise, full] = steps;
    if (rise.kind !== 'curve') throw new Error('not a curve');
    expect(rise.values.at(-1)).toBeCloseTo(10 ** (-6 / 20), 9);
    expect(rise.values[(rise.values.length - 1) / 2]).toBeCloseTo(0.5 * 10 ** (-6 / 20), 9);
    expect(full).toMatchObject({ kind: 'set', atMs: 2500, value: 10 ** (-6 / 20) });
  });

  it('leaves the pan alone', () => {
    expect(soundAutomation([faded], 'pan', 0)).toEqual([{ kind: 'set', atMs: 0, value: 0 }]);
  });
});

describe('a clip given fades', () => {
  const storeWithClip = () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'A', kind: 'audio', source: { url: '/a.m4a' }, clips: [{ startMs: 0, inMs: 0, outMs: 4000 }] }));
    return store;
  };
  const fadesOf = (store: ReturnType<typeof createCompositorStore>) => selectTrackById(store.getState(), 'a')?.clips[0].fades;

  it('keeps each side given, replaces it when given again, removes it at 0 ms', () => {
    const store = storeWithClip();
    store.dispatch(clipFadesChanged({ id: 'a', clip: 0, fades: { in: { durationMs: 500 } } }));
    store.dispatch(clipFadesChanged({ id: 'a', clip: 0, fades: { out: { durationMs: 800, curve: 's-curve' } } }));
    expect(fadesOf(store)).toEqual({ in: { durationMs: 500 }, out: { durationMs: 800, curve: 's-curve' } });
    store.dispatch(clipFadesChanged({ id: 'a', clip: 0, fades: { in: { durationMs: 0 }, out: { durationMs: 0 } } }));
    expect(fadesOf(store)).toBeUndefined();
  });

  for (const [what, fades, field] of [
    ['an unknown curve', { in: { durationMs: 500, curve: 'logarithmic' } }, 'fades.in.curve'],
    ['a negative length', { out: { durationMs: -1 } }, 'fades.out.durationMs'],
    ['a length that is not a number', { in: { durationMs: Number.NaN } }, 'fades.in.durationMs'],
    ['a side that is not in or out', { middle: { durationMs: 100 } }, 'fades.middle'],
  ] as const) {
    it(`refuses ${what}, naming ${field}, and leaves the clip as it was`, () => {
      const store = storeWithClip();
      store.dispatch(clipFadesChanged({ id: 'a', clip: 0, fades: { in: { durationMs: 300 } } }));
      const before = store.getState();
      expect(() => store.dispatch(clipFadesChanged({ id: 'a', clip: 0, fades: fades as never }))).toThrow(expect.objectContaining({ name: 'LookError', field }));
      expect(store.getState()).toBe(before);
    });
  }

  it('refuses a bad fade however it comes: on a track added, or in clips replaced, leaving the store as it was', () => {
    const store = storeWithClip();
    const before = store.getState();
    expect(() => store.dispatch(trackAdded({ id: 'b', name: 'B', kind: 'audio', source: { url: '/b.m4a' }, clip: { startMs: 0, fades: { in: { durationMs: -5 } } } }))).toThrow(
      expect.objectContaining({ name: 'LookError', field: 'fades.in.durationMs' }),
    );
    expect(() => store.dispatch(trackClipsChanged({ id: 'a', clips: [{ startMs: 0, inMs: 0, outMs: 1000, fades: { out: { durationMs: 100, curve: 'cubic' as never } } }] }))).toThrow(
      expect.objectContaining({ field: 'fades.out.curve' }),
    );
    expect(store.getState()).toBe(before);
  });

  it('is saved with the project and opened again; a bad curve in a document is named by its field', () => {
    const store = storeWithClip();
    store.dispatch(clipFadesChanged({ id: 'a', clip: 0, fades: { in: { durationMs: 500, curve: 'exponential' } } }));
    const document = saveProject(store.getState());
    const opened = createCompositorStore();
    opened.dispatch(projectLoaded(JSON.parse(JSON.stringify(document))));
    expect(selectTrackById(opened.getState(), 'a')?.clips[0].fades).toEqual({ in: { durationMs: 500, curve: 'exponential' } });
    const bad = JSON.parse(JSON.stringify(document));
    bad.tracks[0].clips[0].fades.in.curve = 'logarithmic';
    expect(() => opened.dispatch(projectLoaded(bad))).toThrow(/tracks\[0\]\.clips\[0\]\.fades\.in\.curve/);
  });
});

describe('fades and keyframes through clip edits', () => {
  const clip: ClipTiming = {
    startMs: 1000,
    inMs: 0,
    outMs: 4000,
    fades: { in: { durationMs: 500 }, out: { durationMs: 700 } },
    animation: { opacity: [{ atMs: 0, value: 0 }, { atMs: 2000, value: 1 }] },
  };

  it('a split gives the first half the fade-in and the second the fade-out, and keyframes keep their place on the timeline', () => {
    const [first, second] = clipsSplitAt([clip], 2000, { shortestMs: 33 }) ?? [];
    expect(first.fades).toEqual({ in: { durationMs: 500 } });
    expect(second.fades).toEqual({ out: { durationMs: 700 } });
    expect(first.animation).toEqual(clip.animation);
    // Cut 1 s in: half way up the linear rise, which goes on to 1 at 3 s on the timeline.
    expect(second.animation).toEqual({ opacity: [{ atMs: 0, value: 0.5 }, { atMs: 1000, value: 1 }] });
  });

  it('a start trimmed later moves the keyframes with the timeline, not with the clip', () => {
    const [trimmed] = clipStartTrimmed([clip], 0, 1500, { shortestMs: 33 });
    expect(trimmed.startMs).toBe(1500);
    expect(trimmed.animation).toEqual({ opacity: [{ atMs: 0, value: 0.25 }, { atMs: 1500, value: 1 }] });
    expect(trimmed.fades).toEqual(clip.fades);
    // Trimmed back out to where it was, every keyframe is where it began on the timeline.
    const [back] = clipStartTrimmed([trimmed], 0, 1000, { shortestMs: 33 });
    expect(back.animation).toEqual({ opacity: [{ atMs: 500, value: 0.25 }, { atMs: 2000, value: 1 }] });
  });
});
