import { describe, expect, it } from 'vitest';
import {
  anchorOnComposite,
  createCompositorStore,
  lookPreviewed,
  movedLook,
  normalDegrees,
  planLayer,
  resolveLook,
  rotatedLook,
  scaledLook,
  selectTrackById,
  trackAdded,
  LookError,
  type LookChange,
} from '../src/state';

const box = { x: 100, y: 50, width: 400, height: 200 };
const layerOf = (change: LookChange = {}) => planLayer('a', resolveLook(box, change));
const near = (value: number, expected: number) => expect(value).toBeCloseTo(expected, 6);

describe('moving a layer', () => {
  it('moves its box by the drag', () => {
    expect(movedLook(layerOf(), 30, -20)).toEqual({ x: 130, y: 30 });
  });

  it('lands an edge or the centre on the composite’s edges or centre when it comes near, per axis', () => {
    const snap = { width: 1280, height: 720, within: 8 };
    // Left edge 100 moved by -95 is at 5: caught by 0. Top 50 moved by 10 is 60: nothing near.
    expect(movedLook(layerOf(), -95, 10, snap)).toEqual({ x: 0, y: 60 });
    // Centre 300 + 337 = 637, near the composite's 640; bottom 250 + 466 = 716, near 720.
    expect(movedLook(layerOf(), 337, 466, snap)).toEqual({ x: 440, y: 520 });
    // Too far from anything: where the pointer put it.
    expect(movedLook(layerOf(), 150, 150, snap)).toEqual({ x: 250, y: 200 });
  });

  it('snaps a turned layer by its bounds on the composite', () => {
    const turned = layerOf({ rotation: 90 });
    // Turned about its centre (300, 150), its bounds are 200 wide from x 200: moved by -197, 3 off 0.
    near(turned.bounds.x, 200);
    expect(movedLook(turned, -197, 0, { width: 1280, height: 720, within: 8 }).x).toBeCloseTo(-100, 6);
  });
});

describe('scaling a layer from a corner', () => {
  it('puts the dragged corner under the pointer, about the anchor, however the layer is turned', () => {
    for (const rotation of [0, 30, -120]) {
      const start = layerOf({ rotation, anchor: { x: 0.25, y: 0.5 } });
      const from = start.corners[2];
      const to = { x: from.x + 40, y: from.y + 25 };
      const scaled = planLayer('a', resolveLook(box, { rotation, anchor: { x: 0.25, y: 0.5 }, ...scaledLook(start, from, to, false) }));
      near(scaled.corners[2].x, to.x);
      near(scaled.corners[2].y, to.y);
      // The anchor stays where it was.
      near(anchorOnComposite(scaled).x, anchorOnComposite(start).x);
      near(anchorOnComposite(scaled).y, anchorOnComposite(start).y);
    }
  });

  it('keeps the aspect with one factor for both axes when asked', () => {
    const start = layerOf({ scale: { x: 1, y: 0.5 } });
    const from = start.corners[2];
    const anchor = anchorOnComposite(start);
    // Twice as far from the anchor along the corner's own line, and off it sideways a little.
    const to = { x: anchor.x + (from.x - anchor.x) * 2 + 3, y: anchor.y + (from.y - anchor.y) * 2 - 5 };
    const { scale } = scaledLook(start, from, to, true);
    expect(scale.x / scale.y).toBeCloseTo(2, 6);
    expect(scale.x).toBeGreaterThan(1.9);
  });

  it('never scales to nothing, nor flips a layer by a drag through its anchor', () => {
    const start = layerOf();
    const anchor = anchorOnComposite(start);
    const { scale } = scaledLook(start, start.corners[2], anchor, false);
    expect(scale).toEqual({ x: 0.01, y: 0.01 });
  });
});

describe('turning a layer', () => {
  it('turns it by the angle the handle is dragged through about its anchor', () => {
    const start = layerOf({ rotation: 10 });
    const anchor = anchorOnComposite(start);
    const from = { x: anchor.x, y: anchor.y - 100 };
    const to = { x: anchor.x + 100, y: anchor.y };
    expect(rotatedLook(start, from, to).rotation).toBeCloseTo(100, 6);
    // In steps of 15 degrees: 10 + 40 = 50 is 45.
    const forty = { x: anchor.x + 100 * Math.sin((40 * Math.PI) / 180), y: anchor.y - 100 * Math.cos((40 * Math.PI) / 180) };
    expect(rotatedLook(start, from, forty, 15).rotation).toBe(45);
  });

  it('keeps degrees between -180 and 180', () => {
    expect([normalDegrees(190), normalDegrees(-190), normalDegrees(540), normalDegrees(-180), normalDegrees(0)]).toEqual([-170, 170, 180, 180, 0]);
  });
});

describe('a look shown while a gesture runs (lookPreviewed)', () => {
  function storeWithTrack() {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'a', name: 'A', source: { url: '/a.mp4' }, clip: { startMs: 0, outMs: 4000 } }));
    return store;
  }
  const trackA = (store: ReturnType<typeof storeWithTrack>) => selectTrackById(store.getState(), 'a')!;

  it('sets the look as given and puts the one it began with back', () => {
    const store = storeWithTrack();
    store.dispatch(lookPreviewed({ id: 'a', look: { x: 40, rotation: 12 } }));
    expect(trackA(store).look).toEqual({ x: 40, rotation: 12 });
    store.dispatch(lookPreviewed({ id: 'a', look: undefined }));
    expect(trackA(store).look).toBeUndefined();
    store.dispatch(lookPreviewed({ id: 'a', clip: 0, look: { opacity: 0.5 } }));
    expect(trackA(store).clips[0].look).toEqual({ opacity: 0.5 });
  });

  it('is refused, leaving the look as it was, for a value no layer can have', () => {
    const store = storeWithTrack();
    store.dispatch(lookPreviewed({ id: 'a', look: { x: 40 } }));
    expect(() => store.dispatch(lookPreviewed({ id: 'a', look: { scale: { x: Number.NaN } } }))).toThrow(LookError);
    expect(trackA(store).look).toEqual({ x: 40 });
  });
});
