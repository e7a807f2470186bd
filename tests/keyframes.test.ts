import { describe, expect, it } from 'vitest';
import {
  animatedLook,
  checkAnimation,
  clipAnimationChanged,
  createCompositorStore,
  easingFunction,
  resolveLook,
  selectTrackById,
  trackAdded,
  valueAt,
  type Animation,
  type Keyframe,
} from '../src/state';

/**
 * A cubic Bézier from (0,0) to (1,1) read the slow way, as an oracle: the curve's x(t) is found by
 * bisection, then y(t) is its value. CSS's named curves are these control points.
 */
function bezierOracle(x1: number, y1: number, x2: number, y2: number, x: number): number {
  const at = (p1: number, p2: number, t: number) => 3 * (1 - t) * (1 - t) * t * p1 + 3 * (1 - t) * t * t * p2 + t * t * t;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 60; step += 1) {
    const middle = (low + high) / 2;
    if (at(x1, x2, middle) < x) low = middle;
    else high = middle;
  }
  return at(y1, y2, (low + high) / 2);
}

const fade: Keyframe[] = [
  { atMs: 1000, value: 0 },
  { atMs: 2000, value: 1 },
];

describe('a property with keyframes', () => {
  it('holds the first value before the first keyframe and the last after the last', () => {
    expect(valueAt(fade, 0)).toBe(0);
    expect(valueAt(fade, 1000)).toBe(0);
    expect(valueAt(fade, 2000)).toBe(1);
    expect(valueAt(fade, 9000)).toBe(1);
  });

  it('moves linearly between two keyframes unless told otherwise', () => {
    expect(valueAt(fade, 1250)).toBeCloseTo(0.25, 12);
    expect(valueAt(fade, 1500)).toBeCloseTo(0.5, 12);
  });

  it('holds a value until the next keyframe with the hold easing, then jumps', () => {
    const steps: Keyframe[] = [
      { atMs: 0, value: 10, easing: 'hold' },
      { atMs: 500, value: 20, easing: 'hold' },
      { atMs: 1000, value: 30 },
    ];
    expect(valueAt(steps, 499.9)).toBe(10);
    expect(valueAt(steps, 500)).toBe(20);
    expect(valueAt(steps, 999)).toBe(20);
    expect(valueAt(steps, 1000)).toBe(30);
  });

  it('follows the segment of the keyframe before it: each keyframe says how its value leaves', () => {
    const mixed: Keyframe[] = [
      { atMs: 0, value: 0, easing: 'ease-in' },
      { atMs: 1000, value: 100 },
      { atMs: 2000, value: 0, easing: 'hold' },
    ];
    expect(valueAt(mixed, 500)).toBeCloseTo(100 * bezierOracle(0.42, 0, 1, 1, 0.5), 3);
    // From the middle keyframe on: linear (it gives no easing) down to 0.
    expect(valueAt(mixed, 1500)).toBeCloseTo(50, 9);
  });

  it('eases along CSS curves: the named easings and any cubic Bézier', () => {
    const named: Record<string, [number, number, number, number]> = { 'ease-in': [0.42, 0, 1, 1], 'ease-out': [0, 0, 0.58, 1], 'ease-in-out': [0.42, 0, 0.58, 1] };
    for (const [name, points] of Object.entries(named)) {
      for (const progress of [0.1, 0.25, 0.5, 0.75, 0.9]) expect(easingFunction(name as 'ease-in')(progress), `${name} at ${progress}`).toBeCloseTo(bezierOracle(...points, progress), 3);
    }
    // An overshooting curve (a "back" ease) leaves 0..1 between its ends.
    const back = easingFunction({ cubicBezier: [0.34, 1.56, 0.64, 1] });
    expect(back(0.6)).toBeCloseTo(bezierOracle(0.34, 1.56, 0.64, 1, 0.6), 3);
    expect(back(0.6)).toBeGreaterThan(1);
    expect(back(0)).toBe(0);
    expect(back(1)).toBe(1);
  });
});

describe('a look with keyframes, at a time of the clip', () => {
  const look = resolveLook({ x: 0, y: 0, width: 640, height: 360 }, { opacity: 0.8, rotation: 5 });

  it('takes each animated property from its keyframes and leaves the others as the look has them', () => {
    const animation: Animation = { 'opacity': fade, 'scale.x': [{ atMs: 0, value: 1 }, { atMs: 2000, value: 2 }], 'crop.left': [{ atMs: 0, value: 0.1 }] };
    const at = animatedLook(look, animation, 1500);
    expect(at.opacity).toBeCloseTo(0.5, 12);
    expect(at.scale).toEqual({ x: 1.75, y: 1 });
    expect(at.crop).toEqual({ top: 0, right: 0, bottom: 0, left: 0.1 });
    expect(at.rotation).toBe(5);
    // The look it was read from is left as it was.
    expect(look.opacity).toBe(0.8);
    expect(look.scale.x).toBe(1);
  });

  it('gives the same look back where nothing is animated', () => {
    expect(animatedLook(look, undefined, 100)).toBe(look);
    expect(animatedLook(look, { volumeDb: [{ atMs: 0, value: -6 }] }, 100)).toBe(look);
  });

  it('keeps an overshooting easing inside what a layer can be: opacity 0..1, a picture left after crops', () => {
    const back = { cubicBezier: [0.34, 1.56, 0.64, 1] as [number, number, number, number] };
    const at = animatedLook(
      look,
      {
        'opacity': [{ atMs: 0, value: 0, easing: back }, { atMs: 1000, value: 1 }],
        'crop.left': [{ atMs: 0, value: 0, easing: back }, { atMs: 1000, value: 0.6 }],
        'crop.right': [{ atMs: 0, value: 0, easing: back }, { atMs: 1000, value: 0.6 }],
      },
      600,
    );
    expect(at.opacity).toBe(1);
    expect(at.crop.left + at.crop.right).toBeLessThan(1);
    expect(at.crop.left).toBeCloseTo(at.crop.right, 12);
  });
});

describe('keyframes the kit refuses', () => {
  const refused: [string, Animation, string][] = [
    ['a time that is not a number', { opacity: [{ atMs: Number.NaN, value: 1 }] }, 'animation.opacity[0].atMs'],
    ['a time before the clip', { opacity: [{ atMs: -1, value: 1 }] }, 'animation.opacity[0].atMs'],
    ['two keyframes out of order', { rotation: [{ atMs: 500, value: 0 }, { atMs: 100, value: 90 }] }, 'animation.rotation[1].atMs'],
    ['two keyframes at one time', { rotation: [{ atMs: 500, value: 0 }, { atMs: 500, value: 90 }] }, 'animation.rotation[1].atMs'],
    ['an opacity above 1', { opacity: [{ atMs: 0, value: 1.5 }] }, 'animation.opacity[0].value'],
    ['a negative width', { width: [{ atMs: 0, value: -2 }] }, 'animation.width[0].value'],
    ['a crop of the whole picture', { 'crop.top': [{ atMs: 0, value: 1 }] }, 'animation.crop.top[0].value'],
    ['a pan past a side', { pan: [{ atMs: 0, value: -1.5 }] }, 'animation.pan[0].value'],
    ['a level past the range', { volumeDb: [{ atMs: 0, value: 30 }] }, 'animation.volumeDb[0].value'],
    ['an unknown easing', { opacity: [{ atMs: 0, value: 0, easing: 'bounce' as never }] }, 'animation.opacity[0].easing'],
    ['a curve that goes back in time', { opacity: [{ atMs: 0, value: 0, easing: { cubicBezier: [1.2, 0, 0.5, 1] } }] }, 'animation.opacity[0].easing'],
    ['a property keyframes cannot move', { blend: [{ atMs: 0, value: 1 }] } as unknown as Animation, 'animation.blend'],
  ];
  for (const [what, animation, field] of refused) {
    it(`refuses ${what}, naming ${field}`, () => {
      expect(() => checkAnimation(animation)).toThrow(expect.objectContaining({ name: 'LookError', field }));
    });
  }
});

describe('a clip given keyframes', () => {
  const storeWithClips = () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'v', name: 'V', source: { url: '/v.mp4' }, clips: [{ startMs: 0, inMs: 0, outMs: 4000 }, { startMs: 4000, inMs: 0, outMs: 4000 }] }));
    return store;
  };
  const animationOf = (store: ReturnType<typeof createCompositorStore>, clip: number) => selectTrackById(store.getState(), 'v')?.clips[clip].animation;

  it('keeps them on that clip; a property given again is replaced, an empty list removes it', () => {
    const store = storeWithClips();
    store.dispatch(clipAnimationChanged({ id: 'v', clip: 1, animation: { opacity: fade, rotation: [{ atMs: 0, value: 0 }] } }));
    expect(animationOf(store, 0)).toBeUndefined();
    expect(animationOf(store, 1)).toEqual({ opacity: fade, rotation: [{ atMs: 0, value: 0 }] });
    store.dispatch(clipAnimationChanged({ id: 'v', clip: 1, animation: { rotation: [{ atMs: 0, value: 90 }] } }));
    expect(animationOf(store, 1)).toEqual({ opacity: fade, rotation: [{ atMs: 0, value: 90 }] });
    store.dispatch(clipAnimationChanged({ id: 'v', clip: 1, animation: { opacity: [], rotation: [] } }));
    expect(animationOf(store, 1)).toBeUndefined();
  });

  it('refuses bad keyframes and leaves the clip as it was', () => {
    const store = storeWithClips();
    store.dispatch(clipAnimationChanged({ id: 'v', clip: 0, animation: { opacity: fade } }));
    const before = store.getState();
    expect(() => store.dispatch(clipAnimationChanged({ id: 'v', clip: 0, animation: { opacity: [{ atMs: 0, value: 2 }] } }))).toThrow(/animation\.opacity\[0\]\.value/);
    expect(store.getState()).toBe(before);
  });
});
