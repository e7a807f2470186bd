import { describe, expect, it } from 'vitest';
import {
  clipMotion,
  createCompositorStore,
  planTrackLayer,
  projectLoaded,
  saveProject,
  selectTrackById,
  trackAdded,
  transitionAdded,
  withLinkedSound,
  type NewTrack,
  type Transition,
} from '../src/state';

/** Two picture tracks, `a` below `b`: a's clip from 0 to `aEndMs`, b's from 3 s to 7 s. */
function project({ aEndMs = 4000, bAbove = true }: { aEndMs?: number; bAbove?: boolean } = {}) {
  const store = createCompositorStore();
  const a: NewTrack = { id: 'a', name: 'Camera A', source: { url: '/a.mp4' }, layout: { x: 0, y: 0, width: 640, height: 360 }, clip: { startMs: 0, inMs: 0, outMs: aEndMs } };
  const b: NewTrack = { id: 'b', name: 'Camera B', source: { url: '/b.mp4' }, layout: { x: 0, y: 0, width: 640, height: 360 }, clip: { startMs: 3000, inMs: 1000, outMs: 5000 } };
  for (const track of bAbove ? [a, b] : [b, a]) store.dispatch(trackAdded(track));
  const clip = (id: string) => selectTrackById(store.getState(), id)!.clips[0];
  const transition = (given: Transition) => store.dispatch(transitionAdded({ from: { id: 'a', clip: 0 }, to: { id: 'b', clip: 0 }, transition: given }));
  return { store, clip, transition };
}

describe('a transition between clips of two tracks', () => {
  it('cross-dissolves by fading the incoming picture in over the outgoing, and crosses the sound equal power', () => {
    const { clip, transition } = project();
    transition({ kind: 'cross-dissolve', durationMs: 1000 });
    expect(clip('b').animation).toEqual({ opacity: [{ atMs: 0, value: 0, easing: 'linear' }, { atMs: 1000, value: 1 }] });
    expect(clip('a').animation).toBeUndefined();
    expect(clip('a').fades).toEqual({ out: { durationMs: 1000, curve: 'equal-power' } });
    expect(clip('b').fades).toEqual({ in: { durationMs: 1000, curve: 'equal-power' } });
    expect(clip('b').transitionIn).toEqual({ kind: 'cross-dissolve', durationMs: 1000, fromTrackId: 'a' });
  });

  it('fades the outgoing picture out instead where it is the upper layer', () => {
    const { clip, transition } = project({ bAbove: false });
    transition({ kind: 'cross-dissolve', durationMs: 1000, sound: 'keep' });
    expect(clip('a').animation).toEqual({ opacity: [{ atMs: 3000, value: 1, easing: 'linear' }, { atMs: 4000, value: 0 }] });
    expect(clip('b').animation).toBeUndefined();
    // `keep`: the sound is left as it was.
    expect(clip('a').fades).toBeUndefined();
    expect(clip('b').fades).toBeUndefined();
  });

  it('is drawn by the plan: half way through a dissolve the incoming layer is at half opacity', () => {
    const { store, clip, transition } = project();
    transition({ kind: 'cross-dissolve', durationMs: 1000 });
    const b = selectTrackById(store.getState(), 'b')!;
    expect(planTrackLayer(b, clip('b').look, { width: 640, height: 360 }, clipMotion(clip('b'), 3500)).opacity).toBeCloseTo(0.5, 9);
  });

  it('trims an outgoing clip that runs on past the transition to end with it', () => {
    const { clip, transition } = project({ aEndMs: 6000 });
    transition({ kind: 'dip', durationMs: 1000 });
    expect(clip('a').outMs).toBe(4000);
    // Out over the first half, through what is under both, then in over the second.
    expect(clip('a').animation).toEqual({ opacity: [{ atMs: 3000, value: 1, easing: 'linear' }, { atMs: 3500, value: 0 }] });
    expect(clip('b').animation).toEqual({
      opacity: [
        { atMs: 0, value: 0, easing: 'hold' },
        { atMs: 500, value: 0, easing: 'linear' },
        { atMs: 1000, value: 1 },
      ],
    });
  });

  it('pushes: the incoming slides in from the side by its width, the outgoing out the other side, easing in and out', () => {
    const { clip, transition } = project();
    transition({ kind: 'push', durationMs: 1000, from: 'left' });
    expect(clip('b').animation).toEqual({ x: [{ atMs: 0, value: -640, easing: 'ease-in-out' }, { atMs: 1000, value: 0 }] });
    expect(clip('a').animation).toEqual({ x: [{ atMs: 3000, value: 0, easing: 'ease-in-out' }, { atMs: 4000, value: 640 }] });
  });

  it('wipes: an edge crosses from the side given, revealing the incoming picture', () => {
    const { clip, transition } = project();
    transition({ kind: 'wipe', durationMs: 1000, from: 'right', easing: 'linear' });
    // From the right: the incoming picture's left is cropped away, less and less.
    expect(clip('b').animation).toEqual({ 'crop.left': [{ atMs: 0, value: 0.999, easing: 'linear' }, { atMs: 1000, value: 0 }] });
  });

  it('crosses a video\'s linked sound too, since its sound shares its clips', () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'music', name: 'Music', kind: 'audio', source: { url: '/m.m4a' }, clip: { startMs: 0, inMs: 0, outMs: 4000 } }));
    for (const track of withLinkedSound({ id: 'cam', name: 'Camera', source: { url: '/c.mp4' }, clip: { startMs: 3000, inMs: 0, outMs: 3000 } })) store.dispatch(trackAdded(track));
    store.dispatch(transitionAdded({ from: { id: 'music', clip: 0 }, to: { id: 'cam', clip: 0 }, transition: { kind: 'cross-dissolve', durationMs: 1000 } }));
    expect(selectTrackById(store.getState(), 'cam.sound')!.clips[0].fades).toEqual({ in: { durationMs: 1000, curve: 'equal-power' } });
    // A sound track has no look: its clip takes the cross-fade only, and the picture none either.
    expect(selectTrackById(store.getState(), 'music')!.clips[0].animation).toBeUndefined();
    expect(selectTrackById(store.getState(), 'cam')!.clips[0].animation).toBeUndefined();
  });

  for (const [what, arrange, given, field] of [
    ['a transition longer than the clips overlap', {}, { kind: 'cross-dissolve', durationMs: 1500 }, 'transition.durationMs'],
    ['an incoming clip that starts after the outgoing one ends', { aEndMs: 2000 }, { kind: 'cross-dissolve', durationMs: 500 }, 'to.clip'],
    ['an unknown kind', {}, { kind: 'spin', durationMs: 500 }, 'transition.kind'],
    ['a length of 0', {}, { kind: 'wipe', durationMs: 0 }, 'transition.durationMs'],
    ['an unknown side', {}, { kind: 'wipe', durationMs: 500, from: 'middle' }, 'transition.from'],
  ] as const) {
    it(`refuses ${what}, naming ${field}, and changes nothing`, () => {
      const { store, transition } = project(arrange);
      const before = store.getState();
      expect(() => transition(given as Transition)).toThrow(expect.objectContaining({ name: 'LookError', field }));
      expect(store.getState()).toBe(before);
    });
  }

  it('refuses two clips of one track, and a video and its own sound', () => {
    const store = createCompositorStore();
    for (const track of withLinkedSound({ id: 'cam', name: 'Camera', source: { url: '/c.mp4' }, clips: [{ startMs: 0, inMs: 0, outMs: 4000 }, { startMs: 3000, inMs: 0, outMs: 4000 }] })) store.dispatch(trackAdded(track));
    const within = { from: { id: 'cam', clip: 0 }, transition: { kind: 'cross-dissolve', durationMs: 500 } as const };
    expect(() => store.dispatch(transitionAdded({ ...within, to: { id: 'cam', clip: 1 } }))).toThrow(/not drawn yet/);
    expect(() => store.dispatch(transitionAdded({ ...within, to: { id: 'cam.sound', clip: 1 } }))).toThrow(/linked/);
  });

  it('is saved with the project and opened again', () => {
    const { store, transition } = project();
    transition({ kind: 'slide', durationMs: 800, from: 'bottom', easing: { cubicBezier: [0.2, 0, 0, 1] } });
    const document = JSON.parse(JSON.stringify(saveProject(store.getState())));
    const opened = createCompositorStore();
    opened.dispatch(projectLoaded(document));
    expect(selectTrackById(opened.getState(), 'b')!.clips[0]).toEqual(selectTrackById(store.getState(), 'b')!.clips[0]);
  });
});
